// Who may call what is declared on each route, in its options (`config: { access, audit, token, narrow }`), and
// read by one hook (auth-plugin.ts) from the route that actually matched: the decision follows the handler that
// runs, never a second reading of the URL. A route that declares no access does not start (see auth-plugin.ts).
import type { FastifyRequest } from 'fastify';
import type { Role, User } from './accounts.ts';
import type { AuditAction } from './audit-log.ts';
import { wantsArrow } from '../arrow-reply.ts';

/** 'public': anyone; 'signed-in': any account; a list: those roles only. */
export type Access = 'public' | 'signed-in' | readonly Role[];

/** The role groups routes name. */
export const roleGroups = {
  admin: ['admin'],
  /** The quality engineer's figures and the tickets behind them. */
  quality: ['admin', 'manager', 'quality'],
  /** Service figures (no technician's score). */
  figures: ['admin', 'manager', 'quality', 'hr'],
  /** A technician's scorecard and evidence: HR, and the technician their own. */
  scorecards: ['admin', 'hr', 'technician'],
  hr: ['admin', 'hr'],
  /** Writing early-warning states and corrective actions: quality engineers and admins (managers read them). */
  qualityWrite: ['admin', 'quality'],
} as const satisfies Record<string, readonly Role[]>;

export interface RouteAccess {
  access?: Access;
  /** What a call is in the audit log (a function when it depends on the request, e.g. a CSV export). */
  audit?: AuditAction | ((req: FastifyRequest) => AuditAction | undefined);
  /** An API token (machine ingest) may call this route. */
  token?: boolean;
  /** Narrows a validated request to what the user may see, or throws AccessError. */
  narrow?: (req: FastifyRequest, user: User) => void;
}

declare module 'fastify' {
  interface FastifyContextConfig extends RouteAccess {}
}

/** Whether a user's role is among those a route allows. */
export const allows = (access: Access, user: User | undefined): boolean =>
  access === 'public' || (user !== undefined && (access === 'signed-in' || access.includes(user.role)));

/** The audit action of a call, if the route declares one. */
export const auditActionOf = (req: FastifyRequest): AuditAction | undefined => {
  const a = req.routeOptions.config.audit;
  return typeof a === 'function' ? a(req) : a;
};

/** Rows leaving as a file (CSV, XLSX) or an Arrow stream are an export. */
export const exportAudit = (req: FastifyRequest): AuditAction | undefined => {
  const format = (req.query as { format?: string } | undefined)?.format;
  return format === 'csv' || format === 'xlsx' || wantsArrow(req) ? 'export' : undefined;
};

/** The report editions each role may ask for and download. */
export const reportVariantsOf: Record<Role, readonly string[]> = {
  admin: ['management', 'quality', 'hr'],
  manager: ['management'],
  quality: ['quality'],
  hr: ['hr'],
  technician: [],
};
