// pdfmake draws a text with one font and has no fallback: text is split into runs by script, Latin runs in the
// Latin font (the document's default) and the rest — Chinese, full-width punctuation, ▲ ▼ — in the CJK font.
// Spaces and the typographic marks both fonts have (’ “ ” · — …) go with their neighbours: Latin between Latin
// text ("severity’s"), CJK next to Chinese (“关键少数”).
import type { Content } from 'pdfmake/interfaces.js';
import { cjkFontFamily } from './fonts.ts';

/**
 * The code points the Latin font (Roboto 2, pdfmake's copy, regular and medium alike) has a glyph for, below
 * U+3000, as inclusive hex ranges; test/reports/render/script-fonts.test.ts checks them against the font file.
 */
const latinCoverage =
  '20-7e a0-17f 18f 192 1a0-1a1 1af-1b0 1f0 1fa-1ff 218-21b 237 259 2bc 2c6-2c7 2c9 2d8-2dd 2f3 300-301 303 309 30f 323 ' +
  '384-38a 38c 38e-3a1 3a3-3ce 3d1-3d2 3d6 400-486 488-513 1e00-1e01 1e3e-1e3f 1e80-1e85 1e9e 1ea0-1ef9 1f4d 2000-200b ' +
  '2010-2011 2013-2015 2017-201e 2020-2022 2025-2027 2030 2032-2033 2039-203a 203c 2044 2070 2074-208e 20a3-20a4 ' +
  '20a6-20ac 20b1 20b9-20ba 20bc-20bd 20c1 2105 2113 2116 2122 2126 212e 215b-215e 2202 2206 220f 2211-2212 221a 221e ' +
  '222b 2248 2260 2264-2265';
export const latinRanges: readonly [number, number][] = latinCoverage.split(' ').map((r) => {
  const [a, b = a] = r.split('-').map((h) => parseInt(h, 16));
  return [a, b];
});

const inLatinFont = (cp: number) => latinRanges.some(([a, b]) => cp >= a && cp <= b);
/** Marks both fonts draw, whose font follows the text around them. */
const neutralMarks = new Set([0x2018, 0x2019, 0x201c, 0x201d, 0x00b7, 0x2013, 0x2014, 0x2026]);

export interface ScriptRun {
  text: string;
  /** Drawn with the CJK font; otherwise with the Latin font. */
  cjk: boolean;
}

type Kind = 'latin' | 'cjk' | 'neutral';
const kindOf = (ch: string): Kind => {
  const cp = ch.codePointAt(0)!;
  if (/\s/u.test(ch) || neutralMarks.has(cp)) return 'neutral';
  return inLatinFont(cp) ? 'latin' : 'cjk';
};

/** The text as runs of one font each, in order; their texts joined are the text. */
export function scriptRuns(text: string): ScriptRun[] {
  const segments: { text: string; kind: Kind }[] = [];
  for (const ch of text) {
    const kind = kindOf(ch);
    const last = segments.at(-1);
    if (last?.kind === kind) last.text += ch;
    else segments.push({ text: ch, kind });
  }
  const runs: ScriptRun[] = [];
  segments.forEach((s, i) => {
    const cjk = s.kind === 'neutral' ? segments[i - 1]?.kind === 'cjk' || segments[i + 1]?.kind === 'cjk' : s.kind === 'cjk';
    const last = runs.at(-1);
    if (last?.cjk === cjk) last.text += s.text;
    else runs.push({ text: s.text, cjk });
  });
  return runs;
}

type Inline = string | { text: string; font: string };

/** A text as pdfmake inlines: the string itself when all of it is Latin. */
function fontedText(text: string): string | Inline[] {
  const runs = scriptRuns(text);
  if (runs.length <= 1 && !runs[0]?.cjk) return text;
  return runs.map((r) => (r.cjk ? { text: r.text, font: cjkFontFamily } : r.text));
}

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

function fontedInlines(items: unknown[]): unknown[] {
  return items.flatMap((item) => {
    if (typeof item === 'string') {
      const t = fontedText(item);
      return typeof t === 'string' ? [t] : t;
    }
    return [isNode(item) && !item.font ? fontedNode(item) : item];
  });
}

function fontedNode(node: Node): Node {
  const out: Node = { ...node };
  if (typeof node.text === 'string' && !node.font) {
    const t = fontedText(node.text);
    out.text = t;
    // A bookmark shows the heading's words, not its runs.
    if (typeof t !== 'string' && (node.tocItem || node.outline) && node.outlineText === undefined) out.outlineText = node.text;
  } else if (Array.isArray(node.text)) {
    out.text = fontedInlines(node.text);
  }
  for (const key of ['stack', 'columns', 'ul', 'ol'] as const) {
    if (Array.isArray(node[key])) out[key] = (node[key] as unknown[]).map(fontedContent);
  }
  if (isNode(node.table) && Array.isArray(node.table.body)) {
    out.table = { ...node.table, body: (node.table.body as unknown[][]).map((row) => row.map(fontedContent)) };
  }
  if (isNode(node.toc) && node.toc.title !== undefined) out.toc = { ...node.toc, title: fontedContent(node.toc.title) };
  return out;
}

function fontedContent(c: unknown): unknown {
  if (typeof c === 'string') {
    const t = fontedText(c);
    return typeof t === 'string' ? t : { text: t };
  }
  if (Array.isArray(c)) return c.map(fontedContent);
  return isNode(c) ? fontedNode(c) : c;
}

/** The content with every text split into runs of the right font (a new tree; the argument is left as it was). */
export function withScriptFonts<T extends Content>(content: T): T {
  return fontedContent(content) as T;
}
