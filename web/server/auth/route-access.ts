// Who may call what is declared on each route, in its options (`config: { access, audit, token, narrow }`), and
// read by one hook (auth-plugin.ts) from the route that actually matched: the decision follows the handler that
// runs, never a second reading of the URL. A route that declares no access does not start (see auth-plugin.ts).
import type { FastifyRequest } from 'fastify';
import type { Role, User } from './accounts.ts';
import type { AuditAction } from './audit-log.ts';
import { wantsArrow } from '../arrow-reply.ts';

/** 'public': anyone; 'signed-in': any account; a list: those roles only. */
export type Access = 'public' | 'signed-in' | readonly Role[];

export { roleGroups, reportVariantsOf } from '../../../contract/roles/role-groups.ts';

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
