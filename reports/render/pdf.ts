// pdfmake on the server: fonts from the registry packages only (fonts.ts); no URL is ever fetched and no other local file
// is read while rendering.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { fontFiles, pdfFonts } from './fonts.ts';
import { withScriptFonts } from './script-fonts.ts';

interface PdfMake {
  setFonts(fonts: object): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (p: string) => boolean): void;
  createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
}

const pdfmake = createRequire(import.meta.url)('pdfmake') as PdfMake;
pdfmake.setFonts(pdfFonts);
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((p) => fontFiles.includes(path.resolve(p)));

/** Renders the document with every text, header and footer split into Latin and CJK font runs. */
export async function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  const { header, footer } = doc;
  const fonted: TDocumentDefinitions = {
    ...doc,
    content: withScriptFonts(doc.content),
    header: typeof header === 'function' ? (...a) => withScriptFonts(header(...a) ?? '') : header && withScriptFonts(header),
    footer: typeof footer === 'function' ? (...a) => withScriptFonts(footer(...a) ?? '') : footer && withScriptFonts(footer),
  };
  return Buffer.from(await pdfmake.createPdf(fonted).getBuffer());
}

/** Writes next to the target and renames, so a reader never sees half a PDF. */
export function writePdfAtomic(pdf: Buffer, out: string): void {
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, pdf);
  fs.renameSync(tmp, out);
}

/** Page count of a PDF made by pdfmake (counts its page objects). */
export function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
}
