// A table for the PDF: a shaded header row that repeats on every page the table runs onto, rows never split
// across pages, numbers right-aligned and never wrapped, an optional bold total row. Columns are at least as
// wide as their longest word: only the '*' column gives way, at spaces.
import type { Content, TableCell } from 'pdfmake/interfaces.js';

export interface DataTableOptions {
  /** Column widths ('*', 'auto' or points); default: the first column takes the rest. */
  widths?: (string | number)[];
  /** Per column; default: the first left, the others right. */
  align?: ('left' | 'right')[];
  /** The last row is a total: bold. */
  totalRow?: boolean;
}

export function dataTable(header: string[], rows: (string | number)[][], o: DataTableOptions = {}): Content {
  const align = (i: number) => o.align?.[i] ?? (i === 0 ? 'left' : 'right');
  const head: TableCell[] = header.map((h, i) => ({ text: h, bold: true, fillColor: '#eef2f8', alignment: align(i) }));
  const body: TableCell[][] = rows.map((r, ri) =>
    r.map((c, i) => ({
      text: String(c),
      alignment: align(i),
      noWrap: align(i) === 'right' && !String(c).includes('\n'),
      bold: o.totalRow && ri === rows.length - 1,
    })),
  );
  return {
    table: { headerRows: 1, dontBreakRows: true, widths: o.widths ?? ['*', ...header.slice(1).map(() => 'auto')], body: [head, ...body] },
    layout: 'lightHorizontalLines',
    fontSize: 9,
    margin: [0, 4, 0, 10],
  };
}
