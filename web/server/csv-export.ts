// CSV for downloads, safe to open in Excel: a cell starting with = + - @ (or tab/CR) would run as a formula,
// so it is prefixed with a quote (OWASP's advice for CSV injection).
import type { Lang } from '../../presentation/format/format-value.ts';
import { cellText, columnHeader } from '../../presentation/i18n/column-labels.ts';

const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = v instanceof Date ? v.toISOString() : String(v);
  if (formulaStart.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** UTF-8 with BOM so Excel on Chinese Windows opens the Chinese text correctly. */
export function toCsv<T extends object>(rows: T[], columns: (keyof T & string)[]): string {
  // A header is quoted like a cell when it must be ('Claims per 1,000 units').
  const lines = [columns.map(csvCell).join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * A list of records as a download in the asker's language: headers in words (time columns saying their zone),
 * enumerated values and yes/no in words, instants as the configured zone's wall-clock time (never UTC, never ISO).
 */
export function toLabelledCsv(kind: string, rows: readonly object[], columns: readonly string[], lang: Lang, timeZone: string): string {
  const headers = columns.map((c) => columnHeader(kind, c, lang, timeZone));
  const cells = (r: object) =>
    Object.fromEntries(
      columns.map((c, i) => {
        const v = (r as Record<string, unknown>)[c];
        return [
          headers[i],
          typeof v === 'number' || typeof v === 'bigint' ? v : cellText(kind, c, v instanceof Date ? v.toISOString() : v, lang, timeZone),
        ];
      }),
    );
  return toCsv(rows.map(cells), headers);
}
