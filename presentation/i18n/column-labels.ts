// Words for the columns and values of record rows shown in lists (the ticket and complaint drill-downs, the
// registers): a column's Chinese name is its first header alias (contract.md), its English one the name in
// words; an enumerated value its label; an instant the configured zone's wall-clock time.
import { recordKinds } from '../../contract/sources/record-kinds.ts';
import type { ColumnSpec } from '../../contract/sources/record-kind.ts';
import { formatTime, type Lang } from '../format/format-value.ts';
import { dimensionLabel, faultLabel, type FaultNames } from './dimension-labels.ts';

const inWords = (name: string) => name.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());

/** The column of a kind; lists call a boolean `is_verified` where the file says `verified`. */
const columnOf = (kind: string, column: string): ColumnSpec | undefined =>
  recordKinds[kind]?.columns.find((c) => c.name === column || `is_${c.name}` === column);

/** A record kind ('tickets') in words: 工单 / Tickets. */
export function recordKindLabel(kind: string, lang: Lang): string {
  const label = recordKinds[kind]?.label[lang];
  if (!label) return kind;
  return lang === 'zh' ? label : label.replace(/^./, (c) => c.toUpperCase());
}

export function columnLabel(kind: string, column: string, lang: Lang): string {
  const c = columnOf(kind, column);
  if (lang === 'zh') return c?.aliases[0] ?? column;
  return inWords(c?.name ?? column);
}

/** A cell of a list: enumerations and yes/no in words, instants in the configured time zone, a fault code with its name. */
export function cellText(kind: string, column: string, value: unknown, lang: Lang, timeZone: string, faultNames?: FaultNames): string {
  if (value === null || value === undefined || value === '') return '';
  const c = columnOf(kind, column);
  if (column === 'fault_code') return faultLabel(value, faultNames, lang);
  if (column === 'severity') return dimensionLabel('severity', value, lang);
  if (column === 'category' && kind === 'complaints') return dimensionLabel('category', value, lang);
  if (c?.type === 'boolean' || typeof value === 'boolean') {
    const yes = value === true || value === 'true' || value === 'yes';
    return lang === 'zh' ? (yes ? '是' : '否') : yes ? 'Yes' : 'No';
  }
  if (c?.type === 'enum' && c.values) return lang === 'zh' ? c.values[String(value)] ?? String(value) : inWords(String(value));
  if (c?.type === 'timestamp' || c?.type === 'date') return formatTime(String(value), timeZone);
  return String(value);
}
