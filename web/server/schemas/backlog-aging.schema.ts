// GET /api/backlog/aging: the open tickets on a day by age bucket (warehouse/queries/backlog-aging.ts).
import { Type } from 'typebox';
import { ageBuckets } from '../../../warehouse/queries/backlog-aging.ts';
import { oneOf } from './json-types.schema.ts';

export const BacklogAgingReply = Type.Object({
  asOf: Type.String(),
  rows: Type.Array(Type.Object({ bucket: oneOf(ageBuckets), tickets: Type.Number() })),
});
