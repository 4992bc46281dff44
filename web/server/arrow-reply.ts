// Arrow IPC stream answers, for analysts' tools (pyarrow, polars, DuckDB) and large transfers: chosen with
// `Accept: application/vnd.apache.arrow.stream`.
import { tableFromJSON, tableToIPC } from 'apache-arrow';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const arrowStreamType = 'application/vnd.apache.arrow.stream';

export const wantsArrow = (req: FastifyRequest): boolean => String(req.headers.accept ?? '').includes(arrowStreamType);

export function sendArrow(reply: FastifyReply, rows: Record<string, unknown>[]): FastifyReply {
  const table = tableFromJSON(rows.length ? rows : [{}]);
  return reply.type(arrowStreamType).send(Buffer.from(tableToIPC(rows.length ? table : table.slice(0, 0), 'stream')));
}
