// A chart as PNG draws its Chinese text with the embedded CJK font: the same SVG without fonts draws no text at all,
// so the dark pixels of the title come from that font, on any machine.
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { renderChartPng } from '../../../reports/render/chart-png.ts';
import { renderChartSvg } from '../../../reports/render/echarts-svg.ts';
import { pdfFontFamily } from '../../../reports/render/fonts.ts';

/** RGBA pixels darker than mid-grey and not transparent. */
const countDark = (rgba: Uint8Array) => {
  let n = 0;
  for (let i = 0; i < rgba.length; i += 4) if (rgba[i + 3] > 128 && rgba[i] + rgba[i + 1] + rgba[i + 2] < 3 * 128) n++;
  return n;
};

describe('charts as PNG', () => {
  const option = { title: { text: '新增工单 · 解决率', textStyle: { fontFamily: pdfFontFamily, fontSize: 20, color: '#000' } } };
  const size = { width: 320, height: 60 };

  it('is a PNG at twice the chart size', () => {
    const png = renderChartPng(option, size);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([640, 120]);
  });

  it('draws the Chinese title with the embedded font, which nothing else provides', () => {
    const svg = renderChartSvg(option, size);
    const withoutFonts = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
    expect(countDark(withoutFonts.pixels)).toBe(0);
    const png = renderChartPng(option, size, 1);
    // Decode our PNG through resvg's own path: an <image> of it, drawn at its size.
    const shown = new Resvg(
      `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="60"><image width="320" height="60" href="data:image/png;base64,${png.toString('base64')}"/></svg>`,
    ).render();
    // Eight CJK glyphs at 20 px: hundreds of dark pixels.
    expect(countDark(shown.pixels)).toBeGreaterThan(300);
  });
});
