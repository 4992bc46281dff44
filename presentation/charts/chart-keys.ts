// The elements of a chart that open something (each bar or point whose data carries `keys`, see the option
// builders), in reading order, each in words: "Level 2 · Response: 93.5%". The dashboard's <metric-chart>
// lists them as buttons, so a drill-down opens from the keyboard as from the mouse.
import type { EChartsOption } from 'echarts';

export interface ChartKey {
  /** The element in words: its category (and series, when there are several) and its formatted value. */
  label: string;
  seriesIndex: number;
  dataIndex: number;
  seriesName?: string;
  /** The data item, as ECharts hands it to a click handler (`params.data`). */
  data: unknown;
}

// Options are ECharts' loose union types: read as plain objects.
type Loose = Record<string, any>;

const first = (a: unknown): Loose | undefined => (Array.isArray(a) ? a[0] : a) as Loose | undefined;

export function chartKeys(option: EChartsOption | undefined): ChartKey[] {
  if (!option) return [];
  const o = option as Loose;
  const x = first(o.xAxis);
  const y = first(o.yAxis);
  const series = (Array.isArray(o.series) ? o.series : o.series ? [o.series] : []) as Loose[];
  const named = series.filter((s) => (s.data as unknown[] | undefined)?.some((d) => (d as Loose)?.keys)).length > 1;
  const keys: ChartKey[] = [];
  series.forEach((s, seriesIndex) => {
    ((s.data ?? []) as unknown[]).forEach((item, dataIndex) => {
      const d = item as Loose | null;
      if (!d || typeof d !== 'object' || !d.keys) return;
      const raw = d.value;
      if (raw === null || raw === undefined) return;
      let name: string;
      let value: string;
      if (s.type === 'heatmap') {
        const [xi, yi, v] = raw as [number, number, number];
        name = `${y?.data?.[yi]} · ${x?.data?.[xi]}`;
        value = typeof o.visualMap?.formatter === 'function' ? o.visualMap.formatter(v) : String(v);
      } else if (Array.isArray(raw)) {
        // A point on a time axis (a unit's tickets): its name and row, the time in the tooltip.
        name = `${s.name ?? ''} ${Object.values(d.keys).join(' ')}`.trim();
        value = String(raw[1] ?? '');
      } else {
        name = String((x?.type === 'category' ? x.data : y?.data)?.[dataIndex] ?? dataIndex + 1);
        if (named && s.name) name += ` · ${s.name}`;
        value = typeof s.tooltip?.valueFormatter === 'function' ? s.tooltip.valueFormatter(raw) : String(raw);
      }
      keys.push({ label: `${name}: ${value}`, seriesIndex, dataIndex, seriesName: s.name, data: d });
    });
  });
  return keys;
}
