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
      firstCallbackDays: Type.Integer(),
      callbackEveryMonths: Type.Integer(),
      inspections: Type.Array(Type.Object({ untilMonth: Type.Optional(Type.Integer()), everyMonths: Type.Integer() })),
      installationWeight: Type.Integer(),
      complaintAnswerHours: Type.Number(),
      scoreWeights: Type.Object({
        satisfaction: Type.Number(),
        timeliness: Type.Number(),
        first_time_fix: Type.Number(),
        discipline: Type.Number(),
      }),
      complaintDeduction: Type.Number(),
      scoreGrades: Type.Array(Type.Object({ grade: Type.String(), min: Type.Number() })),
      fallbackGrade: Type.String(),
      flagMinCount: Type.Integer(),
      flagConfidence: Type.Number(),
      flagMinHistoryQuarters: Type.Integer(),
      flagMinSeverity1: Type.Integer(),
      flagMinVerifiedComplaints: Type.Integer(),
      flagRepeatRatio: Type.Number(),
      flagMinRepeats: Type.Integer(),
      paretoVitalShare: Type.Number(),
      earlyWarning: Type.Object({
        shiftRatio: Type.Number(),
        weekArl0: Type.Integer(),
        monthArl0: Type.Integer(),
        baselineWeeks: Type.Integer(),
        baselineMonths: Type.Integer(),
      }),
      proofOfFix: Type.Object({ minAfterDays: Type.Integer(), beforeDays: Type.Integer() }),
    },
    {
      description:
        'the configured settings the texts state (the repeat window, the parts return deadline, the score’s weights and grades, the flag and early-warning rules, …)',
    },
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
