// A chart as a PNG image (for e-mail, where SVG is not shown): the same ECharts option drawn as SVG, rasterised by
// resvg with the report's embedded CJK font only, so Chinese text renders the same on any machine.
import { Resvg } from '@resvg/resvg-js';
import type { EChartsOption } from 'echarts';
import { renderChartSvg } from './echarts-svg.ts';
import { fontFiles, pdfFontFamily } from './fonts.ts';

/** PNG bytes at `scale` × the chart's size (2: sharp on high-density screens). */
export function renderChartPng(option: EChartsOption, size: { width: number; height: number }, scale = 2): Buffer {
  const svg = renderChartSvg(option, size);
  return new Resvg(svg, {
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: pdfFontFamily },
    fitTo: { mode: 'width', value: size.width * scale },
  })
    .render()
    .asPng();
}
