// GET /api/backlog/aging: the open tickets on a day by age bucket (warehouse/queries/backlog-aging.ts).
import { Type, type Static } from 'typebox';
import { ageBuckets, type readBacklogAging } from '../../../warehouse/queries/backlog-aging.ts';
import { oneOf, sameShape } from './json-types.schema.ts';

export const BacklogAgingReply = Type.Object({
  asOf: Type.String(),
  rows: Type.Array(Type.Object({ bucket: oneOf(ageBuckets), tickets: Type.Number() })),
});

sameShape<Static<typeof BacklogAgingReply>, Awaited<ReturnType<typeof readBacklogAging>>>(
  (row) => row,
  (json) => json,
);
