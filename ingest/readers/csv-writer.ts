// RFC 4180 CSV lines, for readers that turn other formats into a UTF-8 CSV that DuckDB reads.
export function csvLine(cells: readonly string[]): string {
  return `${cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')}\n`;
}

/** A column a reader may add: the row number as the user's tool shows it (header = row 1). */
export const sourceRowColumn = '__source_row';
