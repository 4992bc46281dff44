// Who may call what: every route's roles, in one table, enforced on the server (the pages only hide links).
// Anything under /api not listed here is refused. Rows are narrowed further in row-access.ts.
import type { Role } from './accounts.ts';

export type Access = 'public' | 'signed-in' | readonly Role[];

const quality: readonly Role[] = ['admin', 'manager', 'quality'];
const figures: readonly Role[] = ['admin', 'manager', 'quality', 'hr'];

const rules: { method: 'GET' | 'POST' | '*'; path: RegExp; access: Access }[] = [
  { method: 'GET', path: /^\/api\/health$/, access: 'public' },
  { method: 'POST', path: /^\/api\/login$/, access: 'public' },
  { method: 'POST', path: /^\/api\/logout$/, access: 'signed-in' },
  { method: 'GET', path: /^\/api\/me$/, access: 'signed-in' },
  { method: 'GET', path: /^\/api\/metrics$/, access: 'signed-in' },
  { method: 'GET', path: /^\/api\/openapi\.json$/, access: 'signed-in' },
  { method: 'GET', path: /^\/api\/metrics\/technician_score$/, access: ['admin', 'hr', 'technician'] },
  { method: 'GET', path: /^\/api\/metrics\/(quality_flags|chronic_units|fault_solutions|failures_by_age|parts_usage)$/, access: quality },
  { method: 'GET', path: /^\/api\/metrics\/[a-z_]+$/, access: figures },
  { method: 'GET', path: /^\/api\/(tickets|complaints|backlog\/aging|parts\/overdue)$/, access: quality },
  { method: 'GET', path: /^\/api\/units\/[^/]+$/, access: quality },
  { method: 'GET', path: /^\/api\/technicians\/[^/]+\/evidence$/, access: ['admin', 'hr', 'technician'] },
  { method: 'GET', path: /^\/api\/technician-scores\/export$/, access: ['admin', 'hr'] },
  { method: '*', path: /^\/api\/ingest(\/.*)?$/, access: ['admin'] },
  { method: '*', path: /^\/api\/tokens(\/\d+)?$/, access: ['admin'] },
  { method: '*', path: /^\/api\/users(\/\d+)?$/, access: ['admin'] },
  { method: 'GET', path: /^\/api\/audit$/, access: ['admin'] },
  { method: '*', path: /^\/api\/reports(\/.*)?$/, access: figures },
];

/** The access of a request; pages and their assets are public (they hold no data), unknown API paths refused. */
export function accessOf(method: string, path: string): Access | 'refused' {
  for (const r of rules) if ((r.method === '*' || r.method === method) && r.path.test(path)) return r.access;
  return path.startsWith('/api/') || path === '/api' ? 'refused' : 'public';
}

/** The only request an API token may make: load a file. */
export const tokenMayCall = (method: string, path: string): boolean => method === 'POST' && /^\/api\/ingest\/[a-z_]+$/.test(path);

/** The report editions each role may ask for and download. */
export const reportVariantsOf: Record<Role, readonly string[]> = {
  admin: ['management', 'quality', 'hr'],
  manager: ['management'],
  quality: ['quality'],
  hr: ['hr'],
  technician: [],
};
