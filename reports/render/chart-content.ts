// A dashboard chart in the PDF: the same ECharts option, drawn server-side as vector SVG in the report's fonts.
import type { Content } from 'pdfmake/interfaces.js';
import type { EChartsOption } from 'echarts';
import type { ChartContext } from '../../presentation/charts/chart-theme.ts';
import type { Lang } from '../../presentation/format/format-value.ts';
import { renderChartSvg } from './echarts-svg.ts';
import { cjkFontFamily, latinFontFamily } from './fonts.ts';
import { scriptRuns } from './script-fonts.ts';

/** The chart context of a PDF: no animation, no hover, the embedded CJK font (Latin labels: see latinChartLabels). */
export const pdfChartContext = (lang: Lang): ChartContext => ({ lang, fontFamily: cjkFontFamily, static: true });

/** Chart labels with no Chinese in them (axis values, codes, English words) drawn in the Latin font. */
export function latinChartLabels(svg: string): string {
  return svg.replace(/<text\b([^>]*)>([^<]*)<\/text>/g, (whole, attrs: string, body: string) =>
    scriptRuns(body).some((r) => r.cjk)
      ? whole
      : `<text${attrs.replace(`font-family:${cjkFontFamily};`, `font-family:${latinFontFamily};`)}>${body}</text>`,
  );
}

export const chartContent = (option: EChartsOption, height = 260): Content => ({
  svg: latinChartLabels(renderChartSvg(option, { width: 640, height })),
  width: 480,
  margin: [0, 6, 0, 6],
});
