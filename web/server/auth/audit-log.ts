// The audit log: sign-ins (and failures), sign-outs, uploads, exports, report requests and downloads, account
// and token changes, refused calls, subscriptions and failed deliveries. Each entry names the account or the API token (`token:<name>`).
// A read replica cannot write to the warehouse: it appends its entries to a file of its own in the snapshot folder,
// and the writer moves them into the audit log before each snapshot it publishes.
import fs from 'node:fs';
import path from 'node:path';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { insertAudit } from '../../../warehouse/queries/accounts.ts';
import { snapshotDirOf } from '../../../warehouse/db/snapshots.ts';

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
  const entry = { username: e.username, action: e.action, detail: e.detail?.slice(0, 500) ?? null, address: e.address ?? null };
  if (db.replica) {
    const dir = auditSpoolDirOf(db.path);
    fs.mkdirSync(dir, { recursive: true });
    fs.appendFileSync(path.join(dir, `${process.pid}.jsonl`), `${JSON.stringify({ ...entry, happened_at: new Date().toISOString() })}\n`);
    return Promise.resolve();
  }
  return insertAudit(db, entry);
}

/** Where replicas spool their audit entries. */
export const auditSpoolDirOf = (dbFile: string): string => path.join(snapshotDirOf(dbFile), 'audit');

/** Moves the replicas' spooled entries into the audit log (the writer, before publishing); returns how many. */
export async function importAuditSpool(db: Warehouse): Promise<number> {
  const dir = auditSpoolDirOf(db.path);
  if (!fs.existsSync(dir)) return 0;
  // Renamed first: a replica's next entry starts a new file, so nothing is imported twice. An append already under
  // way (a few microseconds) lands in the renamed file before it is read. Files left by a crash are imported too.
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')))
    fs.renameSync(path.join(dir, f), path.join(dir, `${f}.${Date.now()}.importing`));
  await new Promise((r) => setTimeout(r, 50));
  let n = 0;
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.importing'))) {
    const taken = path.join(dir, f);
    for (const line of fs.readFileSync(taken, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const e = JSON.parse(line) as {
        username: string | null;
        action: string;
        detail: string | null;
        address: string | null;
        happened_at: string;
      };
      await insertAudit(db, { username: e.username, action: e.action, detail: e.detail, address: e.address }, new Date(e.happened_at));
      n++;
    }
    fs.rmSync(taken);
  }
  return n;
}
