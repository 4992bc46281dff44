// The first start: with no account yet, an admin is created, with the password from AFTERSIGHT_ADMIN_PASSWORD
// or a one-time password printed once. Demo data also get one user per role (the technician is E001), all with
// one printed password, so every view can be tried.
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { createUser } from './accounts.ts';
import { countUsers } from '../../../warehouse/queries/accounts.ts';
import { newPassword } from './passwords.ts';

export const demoUsers = [
  { username: 'manager', role: 'manager' },
  { username: 'quality', role: 'quality' },
  { username: 'hr', role: 'hr' },
  { username: 'east-manager', role: 'manager', regions: ['华东'] },
  { username: 'e001', role: 'technician', technician_id: 'E001' },
] as const;

/** Creates the first accounts when there are none; returns the lines to print (passwords shown this once). */
export async function createFirstUsers(db: Warehouse, o: { demo: boolean; adminPassword?: string }): Promise<string[]> {
  if ((await countUsers(db)) > 0) return [];
  const password = o.adminPassword || newPassword();
  await createUser(db, { username: 'admin', password, role: 'admin' });
  const lines = [
    o.adminPassword
      ? 'created user admin (password from AFTERSIGHT_ADMIN_PASSWORD)'
      : `created user admin with the one-time password ${password} (shown only now)`,
  ];
  if (o.demo) {
    const demoPassword = newPassword();
    for (const u of demoUsers) await createUser(db, { ...u, regions: 'regions' in u ? [...u.regions] : undefined, password: demoPassword });
    lines.push(`demo users ${demoUsers.map((u) => u.username).join(', ')} share the password ${demoPassword} (shown only now)`);
  }
  return lines;
}
