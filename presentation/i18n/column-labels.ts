// Words for the columns and values of record rows shown in lists (the ticket and complaint drill-downs, the
// registers): a column's Chinese name is its first header alias (contract.md), its English one the name in
// words; an enumerated value its label; an instant the configured zone's wall-clock time.
import { recordKinds } from '../../contract/sources/record-kinds.ts';
import type { ColumnSpec } from '../../contract/sources/record-kind.ts';
import { formatTime, type Lang } from '../format/format-value.ts';
import { dimensionLabel, faultLabel, type FaultNames } from './dimension-labels.ts';

const inWords = (name: string) => name.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());

/** Columns the lists compute (durations, a rating, a due day), not read from a file. */
const derived: Record<string, { zh: string; en: string; type?: ColumnSpec['type'] }> = {
  response_hours: { zh: '首次响应时长（小时）', en: 'Response time (h)' },
  arrival_hours: { zh: '到场时长（小时）', en: 'Arrival time (h)' },
  resolution_hours: { zh: '解决时长（小时）', en: 'Resolution time (h)' },
  answer_hours: { zh: '答复时长（小时）', en: 'Answer time (h)' },
  resolve_hours: { zh: '处理时长（小时）', en: 'Handling time (h)' },
  rating: { zh: '满意度', en: 'Rating' },
  due_day: { zh: '应返还日期', en: 'Due day', type: 'date' },
  days_overdue: { zh: '逾期天数', en: 'Days overdue' },
  production_month: { zh: '生产月份', en: 'Production month' },
  months_in_service: { zh: '在用月数', en: 'Months in service' },
  units_at_risk: { zh: '在役台数', en: 'Units at risk' },
  claims: { zh: '索赔数', en: 'Claims' },
  claims_per_thousand: { zh: '千台索赔率', en: 'Claims per 1,000 units' },
};

/** The column of a kind (or of the ticket it belongs to: a complaint's region); lists call a boolean `is_verified`
 *  where the file says `verified`. */
const columnOf = (kind: string, column: string): ColumnSpec | undefined => {
  const find = (k: string) => recordKinds[k]?.columns.find((c) => c.name === column || `is_${c.name}` === column);
  return find(kind) ?? find('tickets');
};

export function columnLabel(kind: string, column: string, lang: Lang): string {
  const d = derived[column];
  if (d) return d[lang];
  const c = columnOf(kind, column);
  if (lang === 'zh') return c?.aliases[0] ?? column;
  return inWords(c?.name ?? column);
}

/** Whether a column holds instants (shown as the configured zone's wall-clock time). */
export const isTimeColumn = (kind: string, column: string): boolean => columnOf(kind, column)?.type === 'timestamp';

/**
 * A download's header: the column's name in the language; a column of instants says the zone its times are in,
 * "报修时间（Asia/Shanghai）" / "Opened at (Asia/Shanghai)", so a sheet read anywhere reads them right.
 */
export function columnHeader(kind: string, column: string, lang: Lang, timeZone: string): string {
  const label = columnLabel(kind, column, lang);
  if (!isTimeColumn(kind, column)) return label;
  return lang === 'zh' ? `${label}（${timeZone}）` : `${label} (${timeZone})`;
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
  if (c?.type === 'enum' && c.values) return lang === 'zh' ? (c.values[String(value)] ?? String(value)) : inWords(String(value));
  if (c?.type === 'timestamp' || c?.type === 'date') return formatTime(String(value), timeZone);
  return String(value);
}
