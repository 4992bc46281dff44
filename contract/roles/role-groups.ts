// The role groups API routes and dashboard pages name, and the report editions of each role: plain data, so the
// dashboard bundles the same lists the server decides with (route-access.ts, page-paths.ts).
import type { Role } from '../../web/server/auth/accounts.ts';

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
  /** Every account. */
  everyone: ['admin', 'manager', 'quality', 'hr', 'technician'],
} as const satisfies Record<string, readonly Role[]>;

/** The report editions each role may ask for and download. */
export const reportVariantsOf: Record<Role, readonly string[]> = {
  admin: ['management', 'quality', 'hr'],
  manager: ['management'],
  quality: ['quality'],
  hr: ['hr'],
  technician: [],
};
