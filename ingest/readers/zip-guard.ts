// An .xlsx is a zip. Before ExcelJS parses one, a zip bomb is refused when its directory declares too much (in
// all, or as a ratio to the compressed size), and every entry is inflated here once and its bytes counted: one
// that inflates past the size it declares is refused at that byte, so the declared sizes bound the real ones.
// Streaming readers take an archive as a run of local entries, not through its directory (we read it through the
// directory), so the entries must also lie end to end as the directory lists them: no bytes between them where
// an unlisted entry could hide, and no archive that shows a streaming reader one thing and us another.
import type yauzl from 'yauzl';
import { IngestFileError } from '../ingest-error.ts';
import { entryStream, nextEntry, openZip, promised } from './zip-entries.ts';

export interface ZipLimits {
  /** Bytes the whole archive may inflate to. */
  maxUncompressedBytes: number;
  /** How many times its compressed size an entry may inflate to… */
  maxRatio: number;
  /** …once it is past this many bytes (small entries of repeated XML compress far). */
  ratioFromBytes: number;
}

export const defaultZipLimits: ZipLimits = { maxUncompressedBytes: 2 * 1024 ** 3, maxRatio: 200, ratioFromBytes: 10 * 1024 ** 2 };

// Between an entry's data and the next local header only its data descriptor may lie (at most 24 bytes); a
// local header takes 30 bytes at least, so a gap of 30 could hold an entry the directory does not list.
const maxGapBytes = 24;

const mb = (n: number) => `${Math.round(n / 1024 ** 2).toLocaleString('en')} MB`;
const bomb = (name: string, en: string, zh: string) => new IngestFileError(name, `refused: ${en}`, `已拒绝：${zh}`);

export async function assertSafeZip(file: string, name: string, limits: ZipLimits = defaultZipLimits): Promise<void> {
  const zip = await openZip(file).catch(() => {
    throw new IngestFileError(name, 'is not a valid .xlsx file (not a zip archive)', '不是有效的 .xlsx 文件');
  });
  // Before any entry is read, yauzl's cursor is the directory's offset: where the last entry's data must end.
  const directoryOffset = (zip as unknown as { readEntryCursor: number }).readEntryCursor;
  const spans: { start: number; end: number; entry: string }[] = [];
  let declared = 0;
  try {
    for (let e = await nextEntry(zip); e; e = await nextEntry(zip)) {
      declared += e.uncompressedSize;
      const ratio = e.compressedSize > 0 ? e.uncompressedSize / e.compressedSize : e.uncompressedSize > 0 ? Infinity : 1;
      if (declared > limits.maxUncompressedBytes || (e.uncompressedSize > limits.ratioFromBytes && ratio > limits.maxRatio)) {
        throw bomb(
          name,
          `the archive would expand to ${mb(declared)} (entry ${e.fileName}, ratio ${ratio.toFixed(0)}:1), which looks like a zip bomb`,
          `文件解压后过大（${e.fileName}），疑似压缩炸弹`,
        );
      }
      const local = await promised<yauzl.LocalFileHeader>((cb) => zip.readLocalFileHeader(e, cb));
      const sizesInDescriptor = (local.generalPurposeBitFlag & 0x8) !== 0 || local.compressedSize === 0xffffffff;
      if (!sizesInDescriptor && local.compressedSize !== e.compressedSize) {
        throw bomb(
          name,
          `entry ${e.fileName} has two sizes (${local.compressedSize} and ${e.compressedSize} bytes compressed)`,
          `压缩包中的 ${e.fileName} 有两个不同的大小，文件已损坏或被篡改`,
        );
      }
      spans.push({ start: e.relativeOffsetOfLocalHeader, end: local.fileDataStart + e.compressedSize, entry: e.fileName });
      await countInflated(zip, e, name);
    }
  } catch (e) {
    if (e instanceof IngestFileError) throw e;
    throw new IngestFileError(name, `is not a valid .xlsx file: ${(e as Error).message}`, '不是有效的 .xlsx 文件');
  } finally {
    zip.close();
  }
  spans.sort((a, b) => a.start - b.start);
  let at = 0;
  for (const s of [...spans, { start: directoryOffset, end: directoryOffset, entry: '' }]) {
    if (s.start < at || s.start - at > maxGapBytes) {
      const where = s.entry ? `before entry ${s.entry}` : 'before its directory';
      throw s.start < at
        ? bomb(
            name,
            `entry ${s.entry} overlaps the entry before it, which is how a zip bomb multiplies itself`,
            `压缩包中的 ${s.entry} 与前一项重叠，疑似压缩炸弹`,
          )
        : bomb(
            name,
            `it holds ${s.start - at} bytes ${where} that its directory does not list`,
            `文件中含有目录未列出的数据（${s.entry || '目录'}之前），疑似伪装的压缩炸弹`,
          );
    }
    at = s.end;
  }
}

/** Inflates one entry, counting its bytes; stops at the first byte past its declared size. */
async function countInflated(zip: yauzl.ZipFile, e: yauzl.Entry, name: string): Promise<void> {
  const stream = await entryStream(zip, e);
  let bytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > e.uncompressedSize) {
        const n = e.uncompressedSize.toLocaleString('en');
        throw bomb(
          name,
          `entry ${e.fileName} inflates to more than the ${n} bytes it declares, which is how a zip bomb hides`,
          `压缩包中的 ${e.fileName} 解压后超过其声明的 ${n} 字节，疑似压缩炸弹`,
        );
      }
    }
  } finally {
    stream.destroy();
  }
}
