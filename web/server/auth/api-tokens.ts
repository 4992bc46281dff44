// API tokens for machine ingest: `Authorization: Bearer <token>` may load files (POST /api/ingest/:kind) and
// nothing else. Created by an admin and shown once; the table keeps only the SHA-256; revoking is immediate.
import { createHash, randomBytes } from 'node:crypto';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export interface ApiToken {
  token_id: number;
  name: string;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
}

export async function createApiToken(db: Warehouse, name: string, createdBy: string): Promise<{ token: string; token_id: number }> {
  const token = `ast_${randomBytes(32).toString('base64url')}`;
  const [{ id }] = await db.all<{ id: number }>(`insert into api_tokens (name, token_hash, created_by, created_at) values ($1, $2, $3, now()) returning token_id as id`, [
    name,
    digest(token),
    createdBy,
  ]);
  return { token, token_id: id };
}

export function listApiTokens(db: Warehouse): Promise<ApiToken[]> {
  return db.all<ApiToken>(
    `select token_id, name, created_by, strftime(created_at, '%Y-%m-%d %H:%M') as created_at, strftime(revoked_at, '%Y-%m-%d %H:%M') as revoked_at from api_tokens order by token_id`,
  );
}

export async function revokeApiToken(db: Warehouse, id: number): Promise<boolean> {
  return (await db.run('update api_tokens set revoked_at = now() where token_id = $1 and revoked_at is null', [id])) > 0;
}

/** The name of the live token a request carries, if any. */
export async function tokenName(db: Warehouse, authorization: string | undefined): Promise<string | undefined> {
  const m = /^Bearer (ast_[\w-]{43})$/.exec(authorization ?? '');
  if (!m) return undefined;
  const [t] = await db.all<{ name: string }>('select name from api_tokens where token_hash = $1 and revoked_at is null', [digest(m[1])]);
  return t?.name;
}
