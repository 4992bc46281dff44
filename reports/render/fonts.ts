// The embedded CJK font (Noto Sans SC from @embedpdf/fonts-sc, OFL): pdfmake subsets it, so a report carries
// only the glyphs it uses. Chart text uses the same family name, so it is drawn with the same font.
import { createRequire } from 'node:module';
import path from 'node:path';

export const pdfFontFamily = 'NotoSansSC';

// The package exports only its script; its fonts sit beside it in ../fonts.
const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')), '..', 'fonts');
const regular = path.join(fontDir, 'NotoSansHans-Regular.otf');
const bold = path.join(fontDir, 'NotoSansHans-Bold.otf');

export const fontFiles = [regular, bold];

export const pdfFonts = {
  [pdfFontFamily]: { normal: regular, bold, italics: regular, bolditalics: bold },
};
