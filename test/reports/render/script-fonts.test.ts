// Text split into Latin and CJK font runs: Latin words keep their apostrophes, Chinese keeps its full-width marks,
// spaces and quotes follow the text around them; the Latin font really has every character sent to it.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Content } from 'pdfmake/interfaces.js';
import { fontFiles } from '../../../reports/render/fonts.ts';
import { latinRanges, scriptRuns, withScriptFonts } from '../../../reports/render/script-fonts.ts';

const runs = (s: string) => scriptRuns(s).map((r) => [r.text, r.cjk ? 'cjk' : 'latin']);

describe('script runs', () => {
  it('keeps an English sentence with its curly apostrophe, dash and middle dot in one Latin run', () => {
    expect(runs('the severity’s targets — Q3 2025 · All regions')).toEqual([['the severity’s targets — Q3 2025 · All regions', 'latin']]);
  });

  it('puts Chinese, full-width punctuation and ▲ in the CJK font, digits, codes and % in the Latin font', () => {
    expect(runs('解决率 94.3%，较上季度 ▼ 5.7')).toEqual([
      ['解决率 ', 'cjk'],
      ['94.3%', 'latin'],
      ['，较上季度 ▼ ', 'cjk'],
      ['5.7', 'latin'],
    ]);
    expect(runs('BCD-450 F1 10')).toEqual([['BCD-450 F1 10', 'latin']]);
  });

  it('gives quotes and spaces the font of their Chinese neighbours', () => {
    expect(runs('标记为“短历史”')).toEqual([['标记为“短历史”', 'cjk']]);
    expect(runs('E1 “甲”')).toEqual([
      ['E1', 'latin'],
      [' “甲”', 'cjk'],
    ]);
    expect(runs('管理层版 · 全部大区')).toEqual([['管理层版 · 全部大区', 'cjk']]);
  });

  it('joins back to the text, and an empty or blank text is one Latin run at most', () => {
    const s = '第 3 页 / 共 14 页\nPage 3 of 14 · 华东';
    expect(
      scriptRuns(s)
        .map((r) => r.text)
        .join(''),
    ).toBe(s);
    expect(scriptRuns('')).toEqual([]);
    expect(runs(' \n')).toEqual([[' \n', 'latin']]);
  });

  it('sends the Latin font only characters it has a glyph for (regular and bold)', () => {
    // fontkit is the font reader pdfmake's pdfkit uses.
    const fontkit = createRequire(createRequire(import.meta.url).resolve('pdfkit'))('fontkit') as {
      openSync(f: string): { hasGlyphForCodePoint(cp: number): boolean };
    };
    for (const file of fontFiles.filter((f) => /Roboto-(Regular|Medium)\.ttf$/.test(f))) {
      const font = fontkit.openSync(file);
      const missing = latinRanges
        .flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i))
        .filter((cp) => !font.hasGlyphForCodePoint(cp));
      expect(missing, file).toEqual([]);
    }
    expect(fontFiles.filter((f) => /Roboto-(Regular|Medium)\.ttf$/.test(f))).toHaveLength(2);
  });
});

describe('a document with script fonts', () => {
  it('splits texts in headings, tables, lists and strings, and bookmarks a heading by its words', () => {
    const doc: Content = [
      { text: '指标定义 (metrics)', style: 'h1', tocItem: true },
      { table: { body: [[{ text: 'Region', bold: true }, '华东']] } },
      { ul: ['CSAT 78.6%'] },
      { text: ['Model ', { text: '型号', bold: true }] },
    ];
    expect(withScriptFonts(doc)).toEqual([
      { text: [{ text: '指标定义 ', font: 'NotoSansSC' }, '(metrics)'], style: 'h1', tocItem: true, outlineText: '指标定义 (metrics)' },
      { table: { body: [[{ text: 'Region', bold: true }, { text: [{ text: '华东', font: 'NotoSansSC' }] }]] } },
      { ul: ['CSAT 78.6%'] },
      { text: ['Model ', { text: [{ text: '型号', font: 'NotoSansSC' }], bold: true }] },
    ]);
    // The argument is left as it was.
    expect((doc as { text: string }[])[0].text).toBe('指标定义 (metrics)');
  });
});
