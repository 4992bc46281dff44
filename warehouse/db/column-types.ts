import type { ColumnType } from '../../contract/sources/record-kind.ts';

/** The DuckDB type a canonical column is stored as in the raw layer. Times are TIMESTAMPTZ: unambiguous. */
export const sqlTypeOf: Record<ColumnType, string> = {
  text: 'VARCHAR',
  enum: 'VARCHAR',
  timestamp: 'TIMESTAMPTZ',
  date: 'DATE',
  integer: 'INTEGER',
  decimal: 'DOUBLE',
  boolean: 'BOOLEAN',
};
