// Every metric's names, formula in words, format and grain: shown as tooltips, on the definitions page and in
// the PDF appendix. A metric's key is the same in its SQL file, the API path, the CLI and the page.

export type MetricFormat = 'percent' | 'count' | 'hours' | 'score' | 'currency';

export interface MetricDefinition {
  key: string;
  label: { zh: string; en: string };
  formula: { zh: string; en: string };
  format: MetricFormat;
  /** ratio: value = Σnumerator / Σdenominator; count: value = Σnumerator. */
  kind: 'ratio' | 'count';
  /** The finest period its table holds. */
  grain: 'day';
}

export const metricCatalog = {
  resolution_rate: {
    key: 'resolution_rate',
    label: { zh: '解决率', en: 'Resolution rate' },
    formula: {
      zh: '已解决的计数工单 ÷ 计数工单（按报修时间归期；已取消的工单不计）',
      en: 'Resolved counted tickets ÷ counted tickets, by the period the ticket was opened in (cancelled tickets are not counted)',
    },
    format: 'percent',
    kind: 'ratio',
    grain: 'day',
  },
  opened: {
    key: 'opened',
    label: { zh: '新增工单', en: 'Tickets opened' },
    formula: { zh: '期内报修的计数工单数（已取消的不计）', en: 'Counted tickets opened in the period (cancelled tickets are not counted)' },
    format: 'count',
    kind: 'count',
    grain: 'day',
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricKey = keyof typeof metricCatalog;
export const metricKeys = Object.keys(metricCatalog) as MetricKey[];

export function isMetricKey(k: string): k is MetricKey {
  return Object.hasOwn(metricCatalog, k);
}
