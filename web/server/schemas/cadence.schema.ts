// The service cadence and installation quality lists (issue 19): GET /api/cadence/overdue and
// GET /api/installations/scores, as JSON or CSV.
import { Type, type Static } from 'typebox';
import {
  cadenceDimensions,
  cadenceKinds,
  type InstallationScore as InstallationScoreRow,
  type OverdueDue as OverdueDueRow,
} from '../../../warehouse/queries/cadence.ts';
import { isoDate } from './period-params.schema.ts';
import { filterParams } from './filter-params.schema.ts';
import { LangParam, NullableNumber, NullableString, oneOf, sameShape } from './json-types.schema.ts';
import { csvText, fileReply } from './file-reply.schema.ts';

export const CadenceQuerystring = Type.Object(
  {
    from: Type.Optional(isoDate),
    to: Type.Optional(isoDate),
    kind: Type.Optional(oneOf([...cadenceKinds])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
    lang: LangParam,
    ...filterParams(cadenceDimensions),
  },
  { additionalProperties: false },
);
export type CadenceQuerystring = Static<typeof CadenceQuerystring>;

const page = { total: Type.Integer({ minimum: 0 }), truncated: Type.Boolean() };

const OverdueDue = Type.Object({
  due_id: Type.String(),
  cadence_kind: oneOf([...cadenceKinds]),
  serial_no: Type.String(),
  customer_id: NullableString,
  region: NullableString,
  team: NullableString,
  technician_id: NullableString,
  installed_on: Type.String(),
  due_month: Type.Integer(),
  due_on: Type.String(),
  days_late: Type.Integer(),
  as_of: Type.String(),
});

const InstallationScore = Type.Object({
  installation_id: Type.String(),
  ticket_id: NullableString,
  serial_no: NullableString,
  site: NullableString,
  accepted_at: Type.String(),
  region: NullableString,
  team: NullableString,
  technician_id: NullableString,
  technician_ids: NullableString,
  hardware_points: Type.Number(),
  software_points: Type.Number(),
  documents_points: Type.Number(),
  quality_points: Type.Number(),
  rating: NullableNumber,
  satisfaction_points: NullableNumber,
  score: Type.Number(),
  grade: Type.String(),
});

export const OverdueCadenceReply = fileReply(
  'The callbacks and inspections due and not done, most late first (JSON), or as CSV (format=csv)',
  {
    'application/json': Type.Object({ rows: Type.Array(OverdueDue), ...page }),
    'text/csv': csvText,
  },
);

export const InstallationScoresReply = fileReply(
  'The installation projects with their score components and grade (JSON), or as CSV (format=csv)',
  {
    'application/json': Type.Object({ rows: Type.Array(InstallationScore), ...page }),
    'text/csv': csvText,
  },
);

sameShape<Static<typeof OverdueDue>, OverdueDueRow>(
  (row) => row,
  (json) => json,
);
sameShape<Static<typeof InstallationScore>, InstallationScoreRow>(
  (row) => row,
  (json) => json,
);
