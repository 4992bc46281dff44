// Answers about accounts, sessions, API tokens and the audit log (auth/accounts.ts, auth/api-tokens.ts).
import { Type, type Static } from 'typebox';
import { roles, type User as UserRow } from '../auth/accounts.ts';
import type { ApiTokenRow as ApiToken } from '../../../warehouse/queries/accounts.ts';
import { NullableString, nullable, oneOf, sameShape } from './json-types.schema.ts';

/** An account as the server knows it (never its password hash). */
export const User = Type.Object({
  user_id: Type.Integer(),
  username: Type.String(),
  role: oneOf(roles),
  regions: nullable(Type.Array(Type.String()), { description: 'the regions it may see; null: every region' }),
  technician_id: nullable(Type.String(), { description: "a technician account's own technician id" }),
});

export const UserReply = Type.Object({ user: User });

/** GET /api/me: the signed-in account (null when the server runs without sign-in). */
export const MeReply = Type.Object({ user: Type.Union([User, Type.Null()]) });

export const UserList = Type.Object({
  users: Type.Array(Type.Object({ ...User.properties, created_at: Type.String({ description: 'YYYY-MM-DD HH:MM' }) })),
});

const Token = Type.Object({
  token_id: Type.Integer(),
  name: Type.String(),
  created_by: Type.String(),
  created_at: Type.String({ description: 'YYYY-MM-DD HH:MM' }),
  revoked_at: nullable(Type.String(), { description: 'YYYY-MM-DD HH:MM; null while the token is live' }),
});

export const ApiTokenList = Type.Object({ tokens: Type.Array(Token) });

export const NewApiToken = Type.Object({
  token: Type.String({ description: 'send as Authorization: Bearer <token>; shown in this answer only' }),
  token_id: Type.Integer(),
});

export const AuditEntries = Type.Object({
  entries: Type.Array(
    Type.Object({
      happened_at: Type.String({ description: 'YYYY-MM-DD HH:MM:SS' }),
      username: NullableString,
      action: Type.String(),
      detail: NullableString,
      address: NullableString,
    }),
  ),
});

sameShape<Static<typeof User>, UserRow>(
  (row) => row,
  (json) => json,
);
sameShape<Static<typeof Token>, ApiToken>(
  (row) => row,
  (json) => json,
);
