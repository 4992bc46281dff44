// The dimensions every metric table carries, and the grains a series can be read at.
export const dimensions = ['region', 'product_line', 'product_model', 'severity', 'channel', 'service_type', 'technician_id'] as const;
export type Dimension = (typeof dimensions)[number];
export const grains = ['day', 'month', 'quarter', 'year', 'all'] as const;
export type Grain = (typeof grains)[number];

export const isDimension = (d: string): d is Dimension => (dimensions as readonly string[]).includes(d);
