// The dimensions every metric table carries, those some metrics add, and the grains a series is read at.
import { metricCatalog, type MetricKey } from '../../contract/metrics/catalog.ts';

export const dimensions = ['region', 'product_line', 'product_model', 'severity', 'channel', 'service_type', 'technician_id'] as const;
export const extraDimensions = [
  'sla_target',
  'score',
  'category',
  'verified',
  'cost_type',
  'warranty',
  'repeat_mode',
  'fault_code',
  'fault_category',
  'part_no',
  'team',
] as const;
export type Dimension = (typeof dimensions)[number] | (typeof extraDimensions)[number];
export const allDimensions: readonly Dimension[] = [...dimensions, ...extraDimensions];
export const grains = ['day', 'month', 'quarter', 'year', 'all'] as const;
export type Grain = (typeof grains)[number];

export const isDimension = (d: string): d is Dimension => (allDimensions as readonly string[]).includes(d);

/** The dimensions a metric can be split and filtered by. */
export function dimensionsOf(metric: MetricKey): Dimension[] {
  return [...dimensions, ...((metricCatalog[metric].extraDimensions ?? []) as Dimension[])];
}
