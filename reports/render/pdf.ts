// pdfmake on the server: fonts from the registry package only; no URL is ever fetched and no other local file
// is read while rendering.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { fontFiles, pdfFonts } from './fonts.ts';

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

export async function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  return Buffer.from(await pdfmake.createPdf(doc).getBuffer());
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
