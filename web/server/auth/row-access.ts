// Narrowing within a route the user may call: a region-limited user sees only their regions (a filter they did
// not set is set for them; one outside them is refused); a technician sees only their own scorecard; report
// editions and regions follow the role.
import type { FastifyRequest } from 'fastify';
import { splitList } from '../query-lists.ts';
import type { User } from './accounts.ts';
import { reportVariantsOf } from './route-access.ts';

export class AccessError extends Error {
  readonly statusCode = 403;
}

/** Changes the request's query so it asks only for what the user may see, or throws AccessError. */
export function narrowRequest(req: FastifyRequest, user: User): void {
  const path = req.url.split('?')[0];
  const q = (req.query ?? {}) as Record<string, unknown>;
  if (user.regions && req.method === 'GET') {
    const asked = splitList(q.region);
    if (asked?.some((r) => !user.regions!.includes(r))) throw new AccessError(`you may see the regions ${user.regions.join(', ')} only`);
    q.region = (asked ?? user.regions).join(',');
  }
  if (user.role === 'technician') {
    if (path === '/api/metrics/technician_score') q.technician_id = user.technician_id;
    const evidence = /^\/api\/technicians\/([^/]+)\/evidence$/.exec(path);
    if (evidence && decodeURIComponent(evidence[1]) !== user.technician_id) throw new AccessError('a technician sees their own scorecard only');
  }
  if (req.method === 'POST' && path === '/api/reports') {
    const body = req.body as { variant?: string; region?: string };
    if (!reportVariantsOf[user.role].includes(String(body.variant))) throw new AccessError(`the ${user.role} role may ask for the ${reportVariantsOf[user.role].join(', ') || 'no'} edition only`);
    if (user.regions) {
      if (!body.region && user.regions.length === 1) body.region = user.regions[0];
      if (!body.region || !user.regions.includes(body.region)) throw new AccessError(`choose one of your regions: ${user.regions.join(', ')}`);
    }
  }
}

/** Whether the user may see an archived report. */
export const maySeeReport = (user: User | undefined, r: { variant: string; region: string | null }): boolean =>
  !user || (reportVariantsOf[user.role].includes(r.variant) && (!user.regions || (r.region !== null && user.regions.includes(r.region))));
