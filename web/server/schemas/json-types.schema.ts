// Building blocks of the answer schemas. Fastify writes an answer with fast-json-stringify from its schema: a
// property the schema lacks is dropped, and a null in a plain string or number property becomes "" or 0, so
// every property a route returns is listed, and every one that can be null says so.
import { Type, type Static, type TSchema } from 'typebox';

/** The type or null, as a JSON type list: written without a validator run per value (anyOf runs one). */
export const nullable = <T extends TSchema>(schema: T, options: Record<string, unknown> = {}) => {
  const { type, enum: words } = schema as unknown as { type: string; enum?: unknown[] };
  return Type.Unsafe<Static<T> | null>({ ...schema, ...options, type: [type, 'null'], ...(words ? { enum: [...words, null] } : {}) });
};

export const NullableString = nullable(Type.String());
export const NullableNumber = nullable(Type.Number());

/** A day or a moment of the warehouse, written as JSON writes a JS Date (ISO 8601, UTC). */
export const Timestamp = Type.String({ format: 'date-time' });

/** One of these words. */
export const oneOf = <const W extends string>(words: readonly W[], options: Record<string, unknown> = {}) =>
  Type.Unsafe<W>({ type: 'string', enum: [...words], ...options });

/** A text in both languages of the surface. */
export const Words = Type.Object({ zh: Type.String(), en: Type.String() });

/** An object whose keys are data (column names, headers), each value of one schema. */
export const mapOf = <V extends TSchema>(value: V, options: Record<string, unknown> = {}) =>
  Type.Unsafe<Record<string, Static<V>>>({ type: 'object', additionalProperties: value, ...options });

/** Any JSON object (a mapping file, a row's values as loaded). */
export const AnyObject = (description: string) =>
  Type.Unsafe<Record<string, unknown>>({ type: 'object', additionalProperties: true, description });

/** A cell of a row whose columns are chosen by the query (dimensions, grouping): text, number, flag or null. */
export const Cell = Type.Unsafe<string | number | boolean | null>({ type: ['string', 'number', 'boolean', 'null'] });

/** { ok: true }: done. */
export const OkReply = Type.Object({ ok: Type.Literal(true) });

/** A route that takes no query parameters: one sent is a 400, not silently ignored. */
export const NoQuery = Type.Object({}, { additionalProperties: false });

/** T as JSON carries it: a Date becomes its ISO text, nothing is read-only (arrays and tuples keep their shape). */
export type AsJson<T> = T extends Date ? string : T extends object ? { -readonly [K in keyof T]: AsJson<T[K]> } : T;

/**
 * Compile-time check (npm run typecheck) that an answer schema and the query module's interface describe the
 * same object: each is assignable to the other, as the two identity functions passed state. Nothing runs.
 */
export const sameShape = <Schema, Interface>(
  _toJson: (row: AsJson<Interface>) => Schema,
  _fromJson: (json: Schema) => AsJson<Interface>,
): void => {};

/** `lang`: the language of a download's headers and values (zh by default). */
export const LangParam = Type.Optional(
  Type.Union([Type.Literal('zh'), Type.Literal('en')], { default: 'zh', description: "the language of a download's headers and values" }),
);
