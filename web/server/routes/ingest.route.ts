// POST /api/ingest/:kind — multipart upload (field "file"; optional "mapping" as JSON text or a file, "sheet"),
// streamed to disk under a name we make, loaded as one transaction, then the models refresh. Returns the
// load report; with ?progress=KEY (a random key of the client's), GET /api/ingest/progress/:key says how far the load
// is while that request is still answering. GET /api/ingest/runs — load history; GET /api/ingest/runs/:id/rejects —
// a load's problems, errors first, a page at a time with their total (JSON), or all of them (CSV).
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import multipart from '@fastify/multipart';
import type { FastifyContextConfig, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { previewFile } from '../../../ingest/preview-file.ts';
import { Type, type Static } from 'typebox';
import { ingestFile } from '../../../ingest/run-ingest.ts';
import { IngestFileError } from '../../../ingest/ingest-error.ts';
import { validateMapping, type Mapping } from '../../../ingest/mapping.ts';
import { recordKindNames } from '../../../contract/sources/record-kinds.ts';
import { safeFileName } from '../../../ingest/safe-file-name.ts';
import { tempPrefix } from '../../../ingest/temp-files.ts';
import { runRefresh } from '../../../warehouse/refresh/run-refresh.ts';
import { countRejects, ingestRunKind, listIngestRuns, listRejects } from '../../../warehouse/queries/ingest-runs.ts';
import { t } from '../../../presentation/i18n/messages.ts';
import { columnLabel } from '../../../presentation/i18n/column-labels.ts';
import { dimensionLabel } from '../../../presentation/i18n/dimension-labels.ts';
import { loadFraction, type IngestPhase } from '../../../ingest/load-progress.ts';
import { toCsv } from '../csv-export.ts';
import { writeRateLimit } from '../plugins/hardening.ts';
import { exportAudit, roleGroups } from '../auth/route-access.ts';
import {
  IngestRunList,
  LoadReply,
  MappingList,
  PreviewReply,
  ProgressParams,
  ProgressReply,
  RejectsQuery,
  RejectsReply,
  UploadBody,
  UploadQuery,
  ingestErrorReplies,
} from '../schemas/ingest.schema.ts';
import { NoQuery } from '../schemas/json-types.schema.ts';
import { errorReplies } from '../schemas/error-reply.schema.ts';
import { apiError } from '../api-error.ts';

const KindParams = Type.Object({ kind: Type.Union(recordKindNames.map((k) => Type.Literal(k))) });

interface Upload {
  path: string;
  name: string;
  mapping?: Mapping;
  sheet?: string;
}

class UploadError extends Error {
  constructor(
    message: string,
    readonly status = 400,
    readonly apiCode: 'upload_invalid' | 'mapping_invalid' = 'upload_invalid',
  ) {
    super(message);
  }
}
/** The largest mapping accepted, as a field or a file: a mapping is a few KB; the part was held in memory whole. */
export const maxMappingBytes = 1024 ** 2;
const mappingTooLarge = () =>
  new UploadError(`the mapping is larger than the limit of 1 MiB (${maxMappingBytes.toLocaleString('en')} bytes)`, 413);

/** A file part read into memory, refused once past `max` bytes. */
async function partText(file: NodeJS.ReadableStream, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of file as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw mappingTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const admin = { access: roleGroups.admin };

interface Progress extends Static<typeof ProgressReply> {
  /** Who uploaded: only they may follow it. */
  user: string | undefined;
  /** When the load ended (ms), for forgetting it. */
  endedAt?: number;
}

/**
 * The loads being followed, by the client's key: kept in memory (a load runs in this process), forgotten
 * 10 minutes after they end, at most 1,000 (the oldest go first).
 */
class ProgressBoard {
  private readonly loads = new Map<string, Progress>();
  start(key: string, user: string | undefined): Progress {
    const now = Date.now();
    for (const [k, p] of this.loads)
      if ((p.endedAt !== undefined && now - p.endedAt > 10 * 60_000) || this.loads.size >= 1000) this.loads.delete(k);
    const p: Progress = { phase: 'receive', fraction: 0, loadId: null, user };
    this.loads.set(key, p);
    return p;
  }
  get(key: string, user: string | undefined): Progress | undefined {
    const p = this.loads.get(key);
    return p && p.user === user ? p : undefined;
  }
}

/** The upload's parts, in the OpenAPI document only (see UploadBody). */
const documentUpload: FastifyContextConfig['swaggerTransform'] = ({ schema, url }) => ({
  url,
  schema: { ...schema, body: { content: { 'multipart/form-data': { schema: UploadBody } } } } as typeof schema,
});

export const ingestRoute: FastifyPluginAsync<{ uploadMaxBytes: number }> = async (app, opts) => {
  await app.register(multipart, { limits: { fileSize: opts.uploadMaxBytes, files: 2, fields: 10, fieldSize: maxMappingBytes } });

  // Streams the multipart upload to a folder of ours; the client's file name is only a label.
  async function receiveUpload(req: FastifyRequest<{ Params: { kind: string } }>, dir: string): Promise<Upload> {
    if (!req.isMultipart()) throw new UploadError('send the file as multipart/form-data in the field "file"');
    let upload: { path: string; name: string } | undefined;
    let mappingText: string | undefined;
    let sheet: string | undefined;
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname === 'file' && !upload) {
          upload = { path: path.join(dir, 'upload'), name: safeFileName(part.filename) };
          await pipeline(part.file, fs.createWriteStream(upload.path));
        } else if (part.fieldname === 'mapping') {
          mappingText = await partText(part.file, maxMappingBytes);
        } else {
          part.file.resume();
        }
      } else if (part.fieldname === 'mapping' && part.valueTruncated) {
        throw mappingTooLarge();
      } else if (part.fieldname === 'mapping' && typeof part.value === 'string' && part.value.trim()) {
        mappingText = part.value;
      } else if (part.fieldname === 'sheet' && typeof part.value === 'string' && part.value) {
        sheet = part.value;
      }
    }
    if (!upload) throw new UploadError('no file: send it in the multipart field "file"');
    let mapping: Mapping | undefined;
    if (mappingText !== undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(mappingText);
      } catch (e) {
        throw new UploadError(`mapping is not valid JSON: ${(e as Error).message}`, 400, 'mapping_invalid');
      }
      mapping = validateMapping(parsed, req.params.kind, 'mapping');
    }
    return { ...upload, mapping, sheet };
  }

  const withUpload = async (
    req: FastifyRequest<{ Params: { kind: string } }>,
    reply: FastifyReply,
    use: (u: Upload) => Promise<unknown>,
  ) => {
    const dir = fs.mkdtempSync(tempPrefix('upload'));
    try {
      return await use(await receiveUpload(req, dir));
    } catch (e) {
      if (e instanceof UploadError)
        return reply
          .status(e.status)
          .send(apiError(e.status === 413 ? 'file_too_large' : e.apiCode, e.status === 413 ? { bytes: maxMappingBytes } : {}, e.message));
      if (e instanceof IngestFileError)
        return reply.status(400).send({
          ...apiError('file_refused', { file: e.file, reason_en: e.reasonEn, reason_zh: e.reasonZh }, e.message),
          file: e.file,
          reason: { en: e.reasonEn, zh: e.reasonZh },
        });
      if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
        return reply.status(413).send(apiError('file_too_large', { bytes: opts.uploadMaxBytes }));
      }
      throw e;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  const board = new ProgressBoard();

  app.post<{ Params: { kind: string }; Querystring: Static<typeof UploadQuery> }>(
    '/api/ingest/:kind',
    {
      schema: { params: KindParams, querystring: UploadQuery, response: { 200: LoadReply, ...ingestErrorReplies } },
      config: { ...admin, token: true, audit: 'upload', rateLimit: writeRateLimit, swaggerTransform: documentUpload },
    },
    async (req, reply) => {
      const progress = req.query.progress ? board.start(req.query.progress, req.user?.username) : undefined;
      try {
        return await withUpload(req, reply, async (u) => {
          const onProgress =
            progress &&
            ((phase: IngestPhase, fraction: number) => Object.assign(progress, { phase, fraction: loadFraction(phase, fraction) }));
          const report = await ingestFile(app.db, req.params.kind, u.path, {
            name: u.name,
            mapping: u.mapping,
            sheet: u.sheet,
            loadedBy: req.user?.username ?? 'http',
            onProgress,
          });
          if (progress) Object.assign(progress, { phase: 'refresh', fraction: 1, loadId: report.loadId });
          const refresh = report.status === 'loaded' ? await runRefresh(app.db, 'ingest') : undefined;
          if (progress) progress.phase = 'done';
          return {
            ...report,
            refresh: refresh && { status: refresh.status, durationMs: refresh.durationMs, error: refresh.error ?? null },
          };
        });
      } finally {
        // A refusal is answered by withUpload, not thrown: anything but done is a failure.
        if (progress) {
          if (progress.phase !== 'done') progress.phase = 'failed';
          progress.endedAt = Date.now();
        }
      }
    },
  );

  app.get<{ Params: Static<typeof ProgressParams> }>(
    '/api/ingest/progress/:key',
    { schema: { params: ProgressParams, querystring: NoQuery, response: { 200: ProgressReply, ...errorReplies(404) } }, config: admin },
    async (req, reply) => {
      const p = board.get(req.params.key, req.user?.username);
      // Unknown until its request reaches the server (or forgotten, or another user's).
      if (!p) return reply.status(404).send(apiError('not_found', { what: 'upload' }));
      return { phase: p.phase, fraction: p.fraction, loadId: p.loadId };
    },
  );

  // A dry run for the mapping editor: nothing is stored.
  app.post<{ Params: { kind: string } }>(
    '/api/ingest/:kind/preview',
    {
      schema: { params: KindParams, querystring: NoQuery, response: { 200: PreviewReply, ...ingestErrorReplies } },
      config: { ...admin, rateLimit: writeRateLimit, swaggerTransform: documentUpload },
    },
    (req, reply) =>
      withUpload(req, reply, (u) => previewFile(app.db, req.params.kind, u.path, { name: u.name, mapping: u.mapping, sheet: u.sheet })),
  );

  // The example mappings shipped with Aftersight, to start a mapping from.
  app.get('/api/ingest/mappings', { schema: { querystring: NoQuery, response: { 200: MappingList } }, config: admin }, async () => {
    const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../ingest/examples');
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
    return {
      mappings: files.map((f) => ({ name: f.replace(/\.json$/, ''), mapping: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) })),
    };
  });

  app.get<{ Querystring: { limit?: number } }>(
    '/api/ingest/runs',
    {
      schema: {
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })) },
          { additionalProperties: false },
        ),
        response: { 200: IngestRunList },
      },
      config: admin,
    },
    async (req) => ({ runs: await listIngestRuns(app.db, req.query.limit ?? 100) }),
  );

  app.get<{ Params: { id: number }; Querystring: Static<typeof RejectsQuery> }>(
    '/api/ingest/runs/:id/rejects',
    {
      schema: { params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), querystring: RejectsQuery, response: { 200: RejectsReply } },
      config: { ...admin, audit: exportAudit },
    },
    async (req, reply) => {
      const { format, level } = req.query;
      const limit = req.query.limit ?? (format === 'csv' ? 100000 : 500);
      const offset = req.query.offset ?? 0;
      const rows = await listRejects(app.db, req.params.id, limit, offset, level);
      if (format === 'csv') {
        // Headed and worded in the asker's language: the field as the record kind's column name, the level in words.
        const lang = req.query.lang ?? 'zh';
        const kind = (await ingestRunKind(app.db, req.params.id)) ?? 'tickets';
        const headers = (
          ['ingest_loadId', 'ingest_file', 'ingest_row', 'ingest_field', 'ingest_value', 'ingest_level', 'ingest_reason'] as const
        ).map((k) => t(lang, k));
        const cells = rows.map((r) =>
          Object.fromEntries(
            [
              r.load_id,
              r.file,
              r.row_number,
              columnLabel(kind, r.field, lang),
              r.value,
              dimensionLabel('problem_level', r.level, lang),
              lang === 'zh' ? r.reason_zh : r.reason_en,
            ].map((v, i) => [headers[i], v]),
          ),
        );
        reply.header('content-disposition', `attachment; filename="rejects-load-${req.params.id}.csv"`);
        return reply.type('text/csv; charset=utf-8').send(toCsv(cells, headers));
      }
      const counts = await countRejects(app.db, req.params.id);
      const total = level ? counts[level].problems : counts.error.problems + counts.warning.problems;
      return { rejects: rows, total, offset, limit, counts };
    },
  );
};
