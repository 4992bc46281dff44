// What a record kind is: its canonical columns with their header aliases and types, its key, and its row rules.
// One file per kind (`<kind>.source.ts`) fills this in from ../shared/brief/contract.md.

export type ColumnType = 'text' | 'timestamp' | 'date' | 'integer' | 'decimal' | 'boolean' | 'enum';

export interface Words {
  en: string;
  zh: string;
}

export interface ColumnSpec {
  name: string;
  /** Header names recognised besides the canonical one (Chinese aliases of contract.md). */
  aliases: string[];
  type: ColumnType;
  required?: boolean;
  /** For enums: canonical value -> Chinese label. Both are accepted on input. */
  values?: Record<string, string>;
  min?: number;
  max?: number;
  /** Greater than min rather than at least min. */
  exclusiveMin?: boolean;
  /** Personal data: masked for roles that do not need it. */
  personal?: boolean;
}

/**
 * A row rule over the typed columns. `failsWhen` is a SQL condition written here in code (never user input);
 * `field` is the column the user should look at.
 */
export interface RowRule {
  field: string;
  failsWhen: string;
  level: 'error' | 'warning';
  reason: Words;
}

export interface RecordKind {
  kind: string;
  label: Words;
  key: string;
  columns: ColumnSpec[];
  rules: RowRule[];
}

export const col = (name: string, type: ColumnType, aliases: string[], extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  name,
  type,
  aliases,
  ...extra,
});

/** A rule that a later time must not come before an earlier one (both present). */
export const notBefore = (later: string, earlier: string, reason: Words, level: 'error' | 'warning' = 'error'): RowRule => ({
  field: later,
  failsWhen: `${later} < ${earlier}`,
  level,
  reason,
});

export const yesNo = { yes: '是', no: '否' };
