// The service cadence and installation quality lists (issue 19): GET /api/cadence/overdue and
// GET /api/installations/scores, as JSON or CSV.
import { Type, type Static } from 'typebox';
import {
  cadenceDimensions,
  cadenceDueColumns,
  cadenceKinds,
  cadenceMetrics,
  installationColumns,
  type InstallationScore as InstallationScoreRow,
  type OverdueDue as OverdueDueRow,
} from '../../../warehouse/queries/cadence.ts';
import { isoDate } from './period-params.schema.ts';
import { filterParams } from './filter-params.schema.ts';
import { LangParam, NullableNumber, NullableString, oneOf, sameShape } from './json-types.schema.ts';
import { arrowStream, csvText, fileReply } from './file-reply.schema.ts';
import { periodParam } from './period-params.schema.ts';

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

/** GET /api/cadence/dues: the dues behind a compliance figure (a part of metric), paged. */
export const CadenceDuesQuerystring = Type.Object(
  {
    metric: oneOf([...cadenceMetrics]),
    part: Type.Optional(
      Type.Union([Type.Literal('numerator'), Type.Literal('denominator'), Type.Literal('missed')], {
        description: 'numerator: done on time; denominator: every due (the default); missed: done late or not done',
      }),
    ),
    from: Type.Optional(isoDate),
    to: Type.Optional(isoDate),
    sort: Type.Optional(oneOf([...cadenceDueColumns])),
    order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
    lang: LangParam,
    ...filterParams(cadenceDimensions),
  },
  { additionalProperties: false },
);
export type CadenceDuesQuerystring = Static<typeof CadenceDuesQuerystring>;

/** GET /api/technicians/:technician_id/evidence/installations: the projects behind an installer's part. */
export const TechnicianInstallationsQuerystring = Type.Object(
  {
    period: periodParam(),
    sort: Type.Optional(oneOf([...installationColumns])),
    order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
    lang: LangParam,
  },
  { additionalProperties: false },
);
export type TechnicianInstallationsQuerystring = Static<typeof TechnicianInstallationsQuerystring>;

const rowPage = (row: ReturnType<typeof Type.Object>, what: string) =>
  fileReply(`A page of the ${what} (JSON), all of them as CSV (format=csv), or the page as Arrow`, {
    'application/json': Type.Object({
      total: Type.Integer({ description: 'rows that match, on every page' }),
      limit: Type.Integer(),
      offset: Type.Integer(),
      rows: Type.Array(row),
    }),
    'text/csv': csvText,
    'application/vnd.apache.arrow.stream': arrowStream,
  });

export const CadenceDuePageReply = rowPage(
  Type.Object({
    due_id: Type.String(),
    cadence_kind: oneOf([...cadenceKinds]),
    serial_no: Type.String(),
    customer_id: NullableString,
    region: NullableString,
    team: NullableString,
    technician_id: NullableString,
    installed_on: Type.String({ description: 'the installation day, YYYY-MM-DD' }),
    due_on: Type.String({ description: 'the due day, YYYY-MM-DD' }),
    due_status: oneOf(['on_time', 'late', 'overdue']),
    visited_on: NullableString,
    days_late: Type.Integer(),
  }),
  'dues behind a compliance figure',
);

export const InstallationPageReply = rowPage(
  Type.Object({
    installation_id: Type.String(),
    accepted_at: Type.String({ description: 'the acceptance day, YYYY-MM-DD' }),
    site: NullableString,
    serial_no: NullableString,
    ticket_id: NullableString,
    team: NullableString,
    technician_ids: NullableString,
    hardware_points: Type.Number(),
    software_points: Type.Number(),
    documents_points: Type.Number(),
    satisfaction_points: NullableNumber,
    score: Type.Number(),
    grade: Type.String(),
  }),
  'installation projects',
);
