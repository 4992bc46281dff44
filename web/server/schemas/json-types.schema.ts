// Building blocks of the answer schemas. Fastify writes an answer with fast-json-stringify from its schema: a
// property the schema lacks is dropped, and a null in a plain string or number property becomes "" or 0, so
// every property a route returns is listed, and every one that can be null says so.
import { Type, type Static, type TSchema } from 'typebox';

/** The type or null, as a JSON type list: written without a validator run per value (anyOf runs one). */
export const nullable = <T extends TSchema & { type: string }>(schema: T, options: Record<string, unknown> = {}) =>
  Type.Unsafe<Static<T> | null>({ ...schema, ...options, type: [schema.type, 'null'] });

export const NullableString = nullable(Type.String());
export const NullableNumber = nullable(Type.Number());

/** A day or a moment of the warehouse, written as JSON writes a JS Date (ISO 8601, UTC). */
export const Timestamp = Type.String({ format: 'date-time' });

/** One of these words. */
export const oneOf = <const W extends string>(words: readonly W[], options: Record<string, unknown> = {}) => Type.Union(words.map((w) => Type.Literal(w)), options);

/** A text in both languages of the surface. */
export const Words = Type.Object({ zh: Type.String(), en: Type.String() });

/** A cell of a row whose columns are chosen by the query (dimensions, grouping): text, number, flag or null. */
export const Cell = Type.Unsafe<string | number | boolean | null>({ type: ['string', 'number', 'boolean', 'null'] });

/** { ok: true }: done. */
export const OkReply = Type.Object({ ok: Type.Literal(true) });

/** A route that takes no query parameters: an unknown one is a 400 naming it, not silently ignored. */
export const NoQuery = Type.Object({}, { additionalProperties: false });
