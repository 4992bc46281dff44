// The report archive: each produced report is a PDF in the reports folder and a row in `reports` (what was asked,
// the trigger, status, size, pages). A failure is recorded too, with its error, so the Reports page shows it.
import fs from 'node:fs';
import path from 'node:path';
import type { Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { DiskFullError, isDiskFull } from '../../warehouse/db/disk-full.ts';
import { parseQuarterKey } from '../../contract/period/quarters.ts';
import type { Lang } from '../../presentation/format/format-value.ts';
import { writeQuarterlyReport } from '../quarterly/write-quarterly-report.ts';
import type { ReportVariant } from '../../presentation/reports/report-context.ts';

export interface ReportRequest {
  quarter: string;
  variant: ReportVariant;
  lang: Lang;
  region?: string;
}

export type ReportTrigger = 'manual' | 'schedule' | 'startup';

export interface ArchivedReport {
  report_id: number;
  quarter: string;
  variant: ReportVariant;
  lang: Lang;
  region: string | null;
  trigger: ReportTrigger;
  status: 'ok' | 'failed';
  error: string | null;
  file: string | null;
  bytes: number | null;
  pages: number | null;
  duration_ms: number | null;
  created_at: string;
}

export interface ArchiveOptions {
  dir: string;
  companyName: string;
}

const columns = `report_id, quarter, variant, lang, region, trigger, status, error, file, bytes, pages, duration_ms, strftime(created_at, '%Y-%m-%d %H:%M') as created_at`;

/** Writes the report into the archive and records it; a failure is recorded and returned, not thrown. */
export async function produceReport(db: Warehouse, o: ArchiveOptions, req: ReportRequest, trigger: ReportTrigger): Promise<ArchivedReport> {
  const quarter = parseQuarterKey(req.quarter).key;
  const region = req.region || null;
  const [{ id }] = await db.all<{ id: number }>(
    `insert into reports (quarter, variant, lang, region, trigger, status, created_at) values ($1, $2, $3, $4, $5, 'failed', now()) returning report_id as id`,
    [quarter, req.variant, req.lang, region, trigger],
  );
  // The id keeps names unique; the region stays out of the file name (the row has it).
  const file = `${id}-${quarter}-${req.variant}-${req.lang}.pdf`;
  const t0 = performance.now();
  try {
    fs.mkdirSync(o.dir, { recursive: true });
    const r = await writeQuarterlyReport(db, { quarter, out: path.join(o.dir, file), lang: req.lang, variant: req.variant, region: region ?? undefined, companyName: o.companyName });
    await db.run(`update reports set status = 'ok', file = $2, bytes = $3, pages = $4, duration_ms = $5 where report_id = $1`, [id, file, r.bytes, r.pages, Math.round(performance.now() - t0)]);
  } catch (e) {
    const error = isDiskFull(e) ? new DiskFullError(e).message : (e as Error).message.split('\n')[0];
    await db.run(`update reports set error = $2, duration_ms = $3 where report_id = $1`, [id, error, Math.round(performance.now() - t0)]);
  }
  return (await db.all<ArchivedReport>(`select ${columns} from reports where report_id = $1`, [id]))[0];
}

/** The newest archived edition of a report that was produced, for sending it again rather than writing it twice. */
export async function findArchivedReport(db: Warehouse, req: ReportRequest): Promise<ArchivedReport | undefined> {
  const [r] = await db.all<ArchivedReport>(
    `select ${columns} from reports where quarter = $1 and variant = $2 and lang = $3 and region is not distinct from $4 and status = 'ok' order by report_id desc limit 1`,
    [parseQuarterKey(req.quarter).key, req.variant, req.lang, req.region || null],
  );
  return r;
}

export function listReports(db: Warehouse, limit = 200): Promise<ArchivedReport[]> {
  return db.all<ArchivedReport>(`select ${columns} from reports order by report_id desc limit $1`, [limit]);
}

/** The archived PDF of a report, when it was produced and its file is still there. */
export async function reportFile(db: Warehouse, o: Pick<ArchiveOptions, 'dir'>, id: number): Promise<{ report: ArchivedReport; path: string } | undefined> {
  const [report] = await db.all<ArchivedReport>(`select ${columns} from reports where report_id = $1 and status = 'ok'`, [id]);
  if (!report?.file) return undefined;
  const p = path.join(o.dir, path.basename(report.file));
  return fs.existsSync(p) ? { report, path: p } : undefined;
}
