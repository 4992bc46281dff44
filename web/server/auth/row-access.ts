// Narrowing within a route the user may call. A region-limited user sees only their regions: on every read a
// region filter they did not set is set for them and one outside them is refused, and routes whose rows are not
// filtered by a `region` parameter narrow their answer with regionsOf(). A technician sees only their own
// scorecard; report editions and regions follow the role. Routes name their narrowing in `config.narrow`.
import type { FastifyRequest } from 'fastify';
import { splitList } from '../query-lists.ts';
import type { User } from './accounts.ts';
import { reportVariantsOf } from './route-access.ts';
import { CodedError } from '../api-error.ts';
import type { ApiErrorCode, ApiErrorParams } from '../../../presentation/i18n/messages.ts';

/** A refusal within a route the user may call: 403 with a code (api-error.ts). */
export class AccessError extends CodedError {
  constructor(code: ApiErrorCode, params: ApiErrorParams = {}) {
    super(403, code, params);
  }
}

/** The regions the request may see: null for every region (or when the app runs without sign-in). */
export const regionsOf = (req: FastifyRequest): readonly string[] | null => req.user?.regions ?? null;

/** Every read of a region-limited user: the `region` filter set to (or checked against) their regions. */
export function narrowRegions(req: FastifyRequest, user: User): void {
  if (!user.regions || req.method !== 'GET') return;
  const q = (req.query ?? {}) as Record<string, unknown>;
  const asked = splitList(q.region);
  if (asked?.some((r) => !user.regions!.includes(r))) throw new AccessError('regions_only', { regions: user.regions });
  q.region = (asked ?? user.regions).join(',');
}

/** technician_score: a technician gets their own row only. */
export function ownScorecard(req: FastifyRequest, user: User): void {
  if (user.role === 'technician') (req.query as Record<string, unknown>).technician_id = user.technician_id;
}

/** A technician's evidence: a technician may open their own only. */
export function ownEvidence(req: FastifyRequest, user: User): void {
  const { technician_id } = req.params as { technician_id: string };
  if (user.role === 'technician' && technician_id !== user.technician_id) throw new AccessError('own_scorecard_only');
}

/** POST /api/reports: the role's editions, and a region-limited user's own region. */
export function reportRequest(req: FastifyRequest, user: User): void {
  const body = req.body as { variant?: string; region?: string };
  if (!reportVariantsOf[user.role].includes(String(body.variant)))
    throw new AccessError('report_edition', { role: user.role, editions: reportVariantsOf[user.role] });
  if (user.regions) {
    if (!body.region && user.regions.length === 1) body.region = user.regions[0];
    if (!body.region || !user.regions.includes(body.region)) throw new AccessError('choose_region', { regions: user.regions });
  }
}

/** Whether the user may see an archived report. */
export const maySeeReport = (user: User | undefined, r: { variant: string; region: string | null }): boolean =>
  !user || (reportVariantsOf[user.role].includes(r.variant) && (!user.regions || (r.region !== null && user.regions.includes(r.region))));
