// GET /api/health: up, the warehouse readable, and the last refresh of the models (warehouse/refresh/run-refresh.ts).
import { Type } from 'typebox';
import { NullableNumber, NullableString, Timestamp } from './json-types.schema.ts';

export const HealthReply = Type.Object({
  status: Type.Literal('ok'),
  tickets: Type.Number({ description: 'tickets loaded' }),
  timeZone: Type.String({ description: "the zone the data's times are read and shown in (IANA)" }),
  textSettings: Type.Object(
    {
      repeatWindowDays: Type.Integer(),
      partsReturnWorkingDays: Type.Integer(),
      chronicTickets: Type.Integer(),
      chronicWindowDays: Type.Integer(),
      minTickets: Type.Integer(),
    },
    { description: 'the configured settings the texts state (the repeat window, the parts return deadline, …)' },
  ),
  lastRefresh: Type.Union([
    Type.Object({ status: Type.String(), at: Timestamp, durationMs: NullableNumber, error: NullableString }),
    Type.Null(),
  ]),
  snapshot: Type.Optional(
    Type.Object(
      { generation: Type.Integer(), publishedAt: Type.String({ format: 'date-time' }) },
      { description: 'a read replica: the published snapshot it answers from (README, "Read replicas")' },
    ),
  ),
});
