// ECharts option -> SVG text, server-side, without a DOM. The same option builders as the dashboard.
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';

export function renderChartSvg(option: EChartsOption, size: { width: number; height: number }): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    // Without dispose the chart's timers keep the process alive.
    chart.dispose();
  }
}
