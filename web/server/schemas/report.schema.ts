// Answers of the report archive (reports/archive/report-archive.ts): a produced report, the list, the PDF.
import { Type, type Static } from 'typebox';
import type { ArchivedReport as ArchivedReportRow } from '../../../reports/archive/report-archive.ts';
import { reportVariants } from '../../../presentation/reports/report-context.ts';
import { NullableNumber, NullableString, oneOf, sameShape } from './json-types.schema.ts';
import { binaryFile, fileReply } from './file-reply.schema.ts';
import { ErrorReply, errorReplyFor } from './error-reply.schema.ts';

export const ArchivedReport = Type.Object({
  report_id: Type.Integer(),
  quarter: Type.String(),
  variant: oneOf(reportVariants),
  lang: oneOf(['zh', 'en']),
  region: NullableString,
  trigger: oneOf(['manual', 'schedule', 'startup']),
  status: oneOf(['ok', 'failed']),
  error: NullableString,
  file: NullableString,
  bytes: NullableNumber,
  pages: NullableNumber,
  duration_ms: NullableNumber,
  created_at: Type.String(),
});

export const ReportList = Type.Object({ reports: Type.Array(ArchivedReport) });

/** The report could not be produced: the message and the archive's row of the failed attempt. */
export const ReportFailure = errorReplyFor(500, Type.Object({ ...ErrorReply.properties, report: ArchivedReport }));

export const ReportPdf = fileReply('The report, as a PDF download', { 'application/pdf': binaryFile('PDF') });

sameShape<Static<typeof ArchivedReport>, ArchivedReportRow>(
  (row) => row,
  (json) => json,
);
