// Answers of the report archive (reports/archive/report-archive.ts): a produced report, the list, the PDF.
import { Type } from 'typebox';
import { reportVariants } from '../../../reports/quarterly/report-context.ts';
import { NullableNumber, NullableString, oneOf } from './json-types.schema.ts';
import { binaryFile, fileReply } from './file-reply.schema.ts';
import { errorReplyFor } from './error-reply.schema.ts';

export const ArchivedReport = Type.Object({
  report_id: Type.Integer(),
  quarter: Type.String(),
  variant: oneOf(reportVariants),
  lang: oneOf(['zh', 'en']),
  region: NullableString,
  trigger: Type.String({ description: 'manual, schedule or startup' }),
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
export const ReportFailure = errorReplyFor(500, Type.Object({ error: Type.String(), report: ArchivedReport }));

export const ReportPdf = fileReply('The report, as a PDF download', { 'application/pdf': binaryFile('PDF') });
