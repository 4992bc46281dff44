// A drill-down list's answer: JSON (total, limit, offset, rows), formula-safe CSV (format=csv) or Arrow
// (Accept: application/vnd.apache.arrow.stream). Shared by the ticket and complaint lists. The CSV is in the
// asker's language (lang=zh|en): headers in words, times in the configured zone, which the time headers name.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RowPage } from '../../warehouse/queries/row-page.ts';
import { sendArrow, wantsArrow } from './arrow-reply.ts';
import { toLabelledCsv } from './csv-export.ts';

export function sendRowPage(
  req: FastifyRequest,
  reply: FastifyReply,
  page: RowPage,
  o: {
    /** The record kind whose words label the CSV ('cadence': the dues behind a compliance figure). */
    kind: 'tickets' | 'complaints' | 'cadence' | 'installations';
    columns: readonly string[];
    csvName: string;
    format?: 'json' | 'csv';
    lang?: 'zh' | 'en';
    limit: number;
    offset: number;
  },
) {
  if (o.format === 'csv') {
    // A CSV has no room for "N of M": the headers say how many rows there are in all and whether it was cut.
    reply.header('x-total-count', String(page.total)).header('x-truncated', String(o.offset + page.rows.length < page.total));
    reply.header('content-disposition', `attachment; filename="${o.csvName}"`);
    return reply.type('text/csv; charset=utf-8').send(toLabelledCsv(o.kind, page.rows, o.columns, o.lang ?? 'zh', req.server.db.timeZone));
  }
  if (wantsArrow(req)) return sendArrow(reply, page.rows);
  return { total: page.total, limit: o.limit, offset: o.offset, rows: page.rows };
}
