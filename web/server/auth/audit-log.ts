// The audit log: logins (and failures), logouts, uploads, exports, report requests and downloads.
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';

export type AuditAction = 'login' | 'login_failed' | 'logout' | 'upload' | 'export' | 'report_request' | 'report_download';

export async function audit(db: Warehouse, e: { username: string | null; action: AuditAction; detail?: string; address?: string }): Promise<void> {
  await db.run(`insert into audit_log values (now(), $1, $2, $3, $4)`, [e.username, e.action, e.detail ?? null, e.address ?? null]);
}
