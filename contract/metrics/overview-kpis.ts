// The headline figures management reads first, in order: the dashboard's tiles and the report's executive
// summary show the same ones. higherIsBetter: whether a rise is good (resolution rate), bad (response time)
// or neither (volume).
import type { MetricKey } from './catalog.ts';

export const overviewKpis: readonly { metric: MetricKey; higherIsBetter: boolean | null }[] = [
  { metric: 'opened', higherIsBetter: null },
  { metric: 'resolution_rate', higherIsBetter: true },
  { metric: 'response_time', higherIsBetter: false },
  { metric: 'resolution_time', higherIsBetter: false },
  { metric: 'sla_compliance', higherIsBetter: true },
  { metric: 'csat', higherIsBetter: true },
  { metric: 'complaint_rate', higherIsBetter: false },
  { metric: 'cost', higherIsBetter: false },
];
