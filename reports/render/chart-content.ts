// A dashboard chart in the PDF: the same ECharts option, drawn server-side as vector SVG in the report's font.
import type { Content } from 'pdfmake/interfaces.js';
import type { EChartsOption } from 'echarts';
import type { ChartContext } from '../../presentation/charts/chart-theme.ts';
import type { Lang } from '../../presentation/format/format-value.ts';
import { renderChartSvg } from './echarts-svg.ts';
import { pdfFontFamily } from './fonts.ts';

/** The chart context of a PDF: no animation, no hover, the embedded font. */
export const pdfChartContext = (lang: Lang): ChartContext => ({ lang, fontFamily: pdfFontFamily, static: true });

export const chartContent = (option: EChartsOption, height = 260): Content => ({
  svg: renderChartSvg(option, { width: 640, height }),
  width: 480,
  margin: [0, 6, 0, 6],
});
