// API tokens for machine ingest: `Authorization: Bearer <token>` may load files (POST /api/ingest/:kind) and
// nothing else. Created by an admin and shown once; the table keeps only the SHA-256; revoking is immediate.
import { createHash, randomBytes } from 'node:crypto';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { insertApiToken, liveTokenName } from '../../../warehouse/queries/accounts.ts';

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createApiToken(db: Warehouse, name: string, createdBy: string): Promise<{ token: string; token_id: number }> {
  const token = `ast_${randomBytes(32).toString('base64url')}`;
  return { token, token_id: await insertApiToken(db, name, digest(token), createdBy) };
}

/** The name of the live token a request carries, if any. */
export async function tokenName(db: Warehouse, authorization: string | undefined): Promise<string | undefined> {
  const m = /^Bearer (ast_[\w-]{43})$/.exec(authorization ?? '');
  return m ? liveTokenName(db, digest(m[1])) : undefined;
}
