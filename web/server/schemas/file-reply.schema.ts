// Answers in more than one form, or as a file: { description, content: { media type: { schema } } }. Fastify
// writes a JSON answer with the schema of its media type; a file (CSV text, XLSX, PDF, Arrow) is sent as it is.
import { Type, type TSchema } from 'typebox';
import { arrowStreamType } from '../arrow-reply.ts';

export const csvText = Type.String({
  description:
    'CSV, UTF-8 with a byte-order mark, one header line; a cell that a spreadsheet would run as a formula starts with an apostrophe',
});
export const binaryFile = (description: string) => Type.String({ format: 'binary', description });
export const arrowStream = binaryFile('an Arrow IPC stream of the same rows');

export const fileReply = (description: string, content: Record<string, TSchema>) => ({
  description,
  content: Object.fromEntries(Object.entries(content).map(([type, schema]) => [type, { schema }])),
});

/** JSON by default, or the same rows as an Arrow stream (Accept: application/vnd.apache.arrow.stream). */
export const jsonOrArrow = (description: string, json: TSchema) =>
  fileReply(description, { 'application/json': json, [arrowStreamType]: arrowStream });
