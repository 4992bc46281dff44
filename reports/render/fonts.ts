// The report's two fonts, both from registry packages, never from the machine: Roboto (Apache-2.0, shipped inside
// pdfmake) for Latin text — letters, digits, codes, apostrophes — and Noto Sans SC (@embedpdf/fonts-sc, OFL) for
// Chinese and whatever Roboto has no glyph for. pdfmake has no font fallback, so text is split into runs by script
// (script-fonts.ts) and each run names its font. pdfmake subsets both, so a report carries only the glyphs it uses.
// Chart text uses the same family names, so it is drawn with the same fonts.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The CJK font's family name (the default of chart PNGs, whose text is mostly Chinese). */
export const pdfFontFamily = 'NotoSansSC';
export const cjkFontFamily = pdfFontFamily;
/** The Latin font's family name: the PDF's default font. */
export const latinFontFamily = 'Roboto';

const require = createRequire(import.meta.url);
// The package exports only its script; its fonts sit beside it in ../fonts.
const cjkDir = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
const regular = path.join(cjkDir, 'NotoSansHans-Regular.otf');
const bold = path.join(cjkDir, 'NotoSansHans-Bold.otf');
// pdfmake ships Roboto in its package's fonts/ folder (the one its own examples use).
const latinDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
const latin = {
  normal: path.join(latinDir, 'Roboto-Regular.ttf'),
  bold: path.join(latinDir, 'Roboto-Medium.ttf'),
  italics: path.join(latinDir, 'Roboto-Italic.ttf'),
  bolditalics: path.join(latinDir, 'Roboto-MediumItalic.ttf'),
};

export const fontFiles = [regular, bold, ...Object.values(latin)];

for (const f of fontFiles) {
  if (!fs.existsSync(f)) throw new Error(`Report font missing: ${f} (reinstall the npm packages: npm ci)`);
}

export const pdfFonts = {
  [cjkFontFamily]: { normal: regular, bold, italics: regular, bolditalics: bold },
  [latinFontFamily]: latin,
};
