// The dashboard's pages by path: the message key of each one's name and the roles that may open it (the role
// groups of the API routes the page calls, so a page a role may open never meets a refusal). The client routes
// and builds its menu from these; the server answers each path, and `/` (each role's home), with the page.
import type { Role } from '../web/server/auth/accounts.ts';
import { roleGroups } from '../contract/roles/role-groups.ts';

export const pages = {
  '/overview': { name: 'overview', roles: roleGroups.quality },
  '/quality': { name: 'quality', roles: roleGroups.quality },
  '/scorecards': { name: 'scorecards', roles: roleGroups.scorecards },
  '/registers': { name: 'registers', roles: roleGroups.quality },
  '/cadence': { name: 'cadence', roles: roleGroups.quality },
  '/reports': { name: 'reports', roles: roleGroups.figures },
  '/subscriptions': { name: 'subscriptions', roles: roleGroups.everyone },
  '/ingest': { name: 'loadData', roles: roleGroups.admin },
  '/definitions': { name: 'definitions', roles: roleGroups.everyone },
  '/admin': { name: 'admin', roles: roleGroups.admin },
} as const satisfies Record<string, { name: string; roles: readonly Role[] }>;

export type PagePath = keyof typeof pages;
export const pagePaths = Object.keys(pages) as PagePath[];

/** Each role's home: where it lands on `/` or on a page it may not open (a technician's shows their own scorecard). */
export const homeOf: Record<Role, PagePath> = {
  admin: '/overview',
  manager: '/overview',
  quality: '/quality',
  hr: '/scorecards',
  technician: '/scorecards',
};

/** Whether a role may open a page; without sign-in (role undefined) every page is open. */
export const mayOpen = (path: PagePath, role: Role | undefined): boolean =>
  role === undefined || (pages[path].roles as readonly Role[]).includes(role);

/** The page a role is shown for a path: the path when the role may open it, its home otherwise (`/` included). */
export function landingPath(path: string, role: Role | undefined): PagePath {
  if (path in pages && mayOpen(path as PagePath, role)) return path as PagePath;
  return role ? homeOf[role] : '/overview';
}
