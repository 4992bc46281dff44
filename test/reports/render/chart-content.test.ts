// Chart labels in the PDF: those without Chinese are drawn in the Latin font, the others keep the CJK font.
import { describe, expect, it } from 'vitest';
import { latinChartLabels } from '../../../reports/render/chart-content.ts';

describe('chart labels in the PDF', () => {
  it('names the Latin font for Latin labels only', () => {
    const svg = [
      '<text style="font-size:12px;font-family:NotoSansSC;" fill="#54555a">80%</text>',
      '<text style="font-size:12px;font-family:NotoSansSC;" fill="#54555a">电源</text>',
      '<text style="font-size:14px;font-family:NotoSansSC;font-weight:bold;" xml:space="preserve">Fault Pareto</text>',
      '<text style="font-size:12px;font-family:NotoSansSC;">F1 未填写</text>',
    ].join('');
    expect(latinChartLabels(svg)).toBe(
      [
        '<text style="font-size:12px;font-family:Roboto;" fill="#54555a">80%</text>',
        '<text style="font-size:12px;font-family:NotoSansSC;" fill="#54555a">电源</text>',
        '<text style="font-size:14px;font-family:Roboto;font-weight:bold;" xml:space="preserve">Fault Pareto</text>',
        '<text style="font-size:12px;font-family:NotoSansSC;">F1 未填写</text>',
      ].join(''),
    );
  });
});
