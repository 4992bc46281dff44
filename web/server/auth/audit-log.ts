// The audit log: sign-ins (and failures), sign-outs, uploads, exports, report requests and downloads, account
// and token changes, refused calls, subscriptions and failed deliveries. Each entry names the account or the API token (`token:<name>`).
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { insertAudit } from '../../../warehouse/queries/accounts.ts';

export const auditActions = [
  'login',
  'login_failed',
  'logout',
  'upload',
  'export',
  'report_request',
  'report_download',
  'user_create',
  'user_delete',
  'token_create',
  'token_revoke',
  'access_denied',
  'early_warning_state',
  'corrective_action',
  'subscription_create',
  'subscription_delete',
  'unsubscribe',
  'delivery_failed',
  'user_update',
] as const;
export type AuditAction = (typeof auditActions)[number];

export function audit(
  db: Warehouse,
  e: { username: string | null; action: AuditAction; detail?: string; address?: string },
): Promise<void> {
  return insertAudit(db, { username: e.username, action: e.action, detail: e.detail?.slice(0, 500) ?? null, address: e.address ?? null });
}
