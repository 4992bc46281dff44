// Requests and answers of the ingest routes: the multipart upload, the load report (ingest/run-ingest.ts), the
// preview (ingest/preview-file.ts), the example mappings, the load history and rejects (warehouse/queries/ingest-runs.ts).
import { Type, type Static } from 'typebox';
import type { LoadReport as LoadReportRow } from '../../../ingest/run-ingest.ts';
import type { Preview } from '../../../ingest/preview-file.ts';
import type { IngestRunRow, RejectRow } from '../../../warehouse/queries/ingest-runs.ts';
import {
  AnyObject,
  NullableNumber,
  NullableString,
  Timestamp,
  LangParam,
  Words,
  mapOf,
  nullable,
  oneOf,
  sameShape,
} from './json-types.schema.ts';
import { csvText, fileReply } from './file-reply.schema.ts';
import { ErrorReply, errorReplyFor } from './error-reply.schema.ts';

/**
 * The upload as multipart/form-data. Documented only: the multipart plugin streams the parts to the handler, so
 * Fastify has no body to check against a schema, and the handler checks the parts itself.
 */
export const UploadBody = Type.Object(
  {
    file: Type.String({ format: 'binary', description: 'the file: CSV or TSV, XLSX, a JSON array, NDJSON or Parquet' }),
    mapping: Type.Optional(
      Type.String({ description: 'a mapping (JSON, as text or a file): which header is which column, constants, value maps' }),
    ),
    sheet: Type.Optional(Type.String({ description: 'XLSX: the sheet to read (default the first)' })),
  },
  { required: ['file'] },
);

/** A file that cannot be loaded: the message, the file, and the reason in both languages. */
const IngestErrorReply = Type.Object({
  ...ErrorReply.properties,
  file: Type.Optional(Type.String({ description: 'the uploaded file, by the name it was sent with' })),
  reason: Type.Optional(Words),
});

export const ingestErrorReplies = { 400: errorReplyFor(400, IngestErrorReply), 413: errorReplyFor(413, ErrorReply) };

const LoadReport = Type.Object({
  loadId: Type.Integer(),
  kind: Type.String(),
  file: Type.String(),
  status: oneOf(['loaded', 'skipped'], { description: 'skipped: the same content was loaded before' }),
  rowsRead: Type.Number(),
  rowsLoaded: Type.Number(),
  rowsUpdated: Type.Number(),
  rowsSuperseded: Type.Number(),
  rowsRejected: Type.Number(),
  rowsWarned: Type.Number(),
  extraColumns: Type.Array(Type.String()),
  durationMs: Type.Number(),
});

export const LoadReply = Type.Object({
  ...LoadReport.properties,
  refresh: Type.Optional(
    Type.Object(
      { status: oneOf(['ok', 'failed']), durationMs: Type.Number(), error: NullableString },
      { description: 'the refresh of the models after a load' },
    ),
  ),
});

export const PreviewReply = Type.Object({
  file: Type.String(),
  headers: Type.Array(Type.String()),
  mapped: mapOf(Type.String(), { description: 'column -> header in the file' }),
  extras: Type.Array(Type.String()),
  missingRequired: Type.Array(Type.String()),
  rows: Type.Array(
    Type.Object({
      row: Type.Number(),
      values: AnyObject('column -> value as it would be loaded'),
      problems: Type.Array(Type.Object({ field: Type.String(), level: Type.String(), reason_en: Type.String(), reason_zh: Type.String() })),
    }),
  ),
});

export const MappingList = Type.Object({
  mappings: Type.Array(
    Type.Object({
      name: Type.String(),
      mapping: AnyObject('a mapping as ingest/mapping.ts reads it (kind, columns, combine, constants, values, …)'),
    }),
  ),
});

const IngestRun = Type.Object({
  load_id: Type.Integer(),
  kind: Type.String(),
  file: Type.String(),
  status: Type.String(),
  rows_read: Type.Number(),
  rows_loaded: Type.Number(),
  rows_updated: Type.Number(),
  rows_superseded: Type.Number(),
  rows_rejected: Type.Number(),
  rows_warned: Type.Number(),
  message: NullableString,
  message_code: Type.Union([Type.String(), Type.Null()], {
    description: 'the message by stable code, worded in the reader’s language: same_content, file_refused, load_failed',
  }),
  message_params: Type.Union([Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])), Type.Null()]),
  started_at: Timestamp,
  duration_ms: NullableNumber,
  loaded_by: NullableString,
});

export const IngestRunList = Type.Object({ runs: Type.Array(IngestRun) });

const Reject = Type.Object({
  load_id: Type.Integer(),
  file: Type.String(),
  row_number: Type.Number(),
  field: Type.String(),
  value: NullableString,
  level: Type.String(),
  reason_en: Type.String(),
  reason_zh: Type.String(),
});

const LevelCount = Type.Object({
  problems: Type.Integer({ description: 'problems of this level' }),
  rows: Type.Integer({ description: 'rows with at least one of them' }),
});

export const RejectsQuery = Type.Object(
  {
    format: Type.Optional(oneOf(['json', 'csv'])),
    level: Type.Optional(
      oneOf(['error', 'warning'], { description: 'error: the row was rejected; warning: the row loaded with a note; both when left out' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, description: 'default 500 (JSON), all up to 100,000 (CSV)' })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
    lang: LangParam,
  },
  { additionalProperties: false },
);

export const RejectsReply = fileReply(
  'The problems of a load, errors first (JSON, one page: `total` says how many there are), or as CSV (format=csv)',
  {
    'application/json': Type.Object({
      rejects: Type.Array(Reject),
      total: Type.Integer({
        description: 'problems of the level asked for (all levels when none was), of which `rejects` is the page at `offset`',
      }),
      offset: Type.Integer(),
      limit: Type.Integer(),
      counts: Type.Object({ error: LevelCount, warning: LevelCount }, { description: 'the whole load, whatever the level asked for' }),
    }),
    'text/csv': csvText,
  },
);

/** A client-made key for one upload, to follow its load while the upload's request is still answering. */
const progressKey = (description: string) =>
  Type.String({
    pattern: '^[A-Za-z0-9_-]{16,64}$',
    description: `${description}: 16–64 letters, digits, - or _, made at random by the client`,
  });

export const ProgressParams = Type.Object({ key: progressKey('the key the upload was sent with') });

export const UploadQuery = Type.Object(
  { progress: Type.Optional(progressKey('a key to follow the load with (GET /api/ingest/progress/:key)')) },
  { additionalProperties: false },
);

export const ProgressReply = Type.Object({
  phase: oneOf(['receive', 'hash', 'read', 'check', 'write', 'refresh', 'done', 'failed'], {
    description:
      'receive: the upload is arriving; hash … write: the load (ingest/load-progress.ts); refresh: the models; then done or failed',
  }),
  fraction: Type.Number({ minimum: 0, maximum: 1, description: 'how far the load is, 0–1 (1 from refresh on)' }),
  loadId: nullable(Type.Integer(), { description: 'the load, once it has its number in the history' }),
});

sameShape<Static<typeof LoadReport>, LoadReportRow>(
  (row) => row,
  (json) => json,
);
sameShape<Static<typeof PreviewReply>, Preview>(
  (row) => row,
  (json) => json,
);
sameShape<Static<typeof IngestRun>, IngestRunRow>(
  (row) => row,
  (json) => json,
);
sameShape<Static<typeof Reject>, RejectRow>(
  (row) => row,
  (json) => json,
);
