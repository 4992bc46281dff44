// The report archive: each produced report is a PDF in the reports folder and a row in `reports` (what was asked,
// the trigger, status, size, pages). A failure is recorded too, with its error, so the Reports page shows it.
import fs from 'node:fs';
import path from 'node:path';
import type { Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { DiskFullError, isDiskFull } from '../../warehouse/db/disk-full.ts';
import { parseQuarterKey } from '../../contract/period/quarters.ts';
import type { Lang } from '../../presentation/format/format-value.ts';
import {
  failReport,
  findReport,
  finishReport,
  insertReport,
  listReportRows,
  newestProducedReport,
  type ReportRow,
} from '../../warehouse/queries/report-archive.ts';
import { writeQuarterlyReport } from '../quarterly/write-quarterly-report.ts';
import type { ReportVariant } from '../../presentation/reports/report-context.ts';

export interface ReportRequest {
  quarter: string;
  variant: ReportVariant;
  lang: Lang;
  region?: string;
}

export type ReportTrigger = 'manual' | 'schedule' | 'startup';

/** A row of the archive (warehouse/queries/report-archive.ts), with the values it can hold. */
export interface ArchivedReport extends ReportRow {
  variant: ReportVariant;
  lang: Lang;
  trigger: ReportTrigger;
  status: 'ok' | 'failed';
}

export interface ArchiveOptions {
  dir: string;
  companyName: string;
}

/** Writes the report into the archive and records it; a failure is recorded and returned, not thrown. */
export async function produceReport(db: Warehouse, o: ArchiveOptions, req: ReportRequest, trigger: ReportTrigger): Promise<ArchivedReport> {
  const quarter = parseQuarterKey(req.quarter).key;
  const region = req.region || null;
  const id = await insertReport(db, { quarter, variant: req.variant, lang: req.lang, region, trigger });
  // The id keeps names unique; the region stays out of the file name (the row has it).
  const file = `${id}-${quarter}-${req.variant}-${req.lang}.pdf`;
  const t0 = performance.now();
  try {
    fs.mkdirSync(o.dir, { recursive: true });
    const r = await writeQuarterlyReport(db, {
      quarter,
      out: path.join(o.dir, file),
      lang: req.lang,
      variant: req.variant,
      region: region ?? undefined,
      companyName: o.companyName,
    });
    await finishReport(db, id, { file, bytes: r.bytes, pages: r.pages, duration_ms: Math.round(performance.now() - t0) });
  } catch (e) {
    const error = isDiskFull(e) ? new DiskFullError(e).message : (e as Error).message.split('\n')[0];
    await failReport(db, id, { error, duration_ms: Math.round(performance.now() - t0) });
  }
  return (await findReport(db, id)) as ArchivedReport;
}

/** The newest archived edition of a report that was produced, for sending it again rather than writing it twice. */
export async function findArchivedReport(db: Warehouse, req: ReportRequest): Promise<ArchivedReport | undefined> {
  return (await newestProducedReport(db, {
    quarter: parseQuarterKey(req.quarter).key,
    variant: req.variant,
    lang: req.lang,
    region: req.region || null,
  })) as ArchivedReport | undefined;
}

export async function listReports(db: Warehouse, limit = 200): Promise<ArchivedReport[]> {
  return (await listReportRows(db, limit)) as ArchivedReport[];
}

/** The archived PDF of a report, when it was produced and its file is still there. */
export async function reportFile(
  db: Warehouse,
  o: Pick<ArchiveOptions, 'dir'>,
  id: number,
): Promise<{ report: ArchivedReport; path: string } | undefined> {
  const report = (await findReport(db, id, 'ok')) as ArchivedReport | undefined;
  if (!report?.file) return undefined;
  const p = path.join(o.dir, path.basename(report.file));
  return fs.existsSync(p) ? { report, path: p } : undefined;
}
