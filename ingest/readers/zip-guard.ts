// An .xlsx is a zip. Before parsing one, read its directory: a zip bomb declares a huge uncompressed size
// or an absurd compression ratio, and is refused before a byte of it is inflated.
import yauzl from 'yauzl';
import { IngestFileError } from '../ingest-error.ts';

export interface ZipLimits {
  maxUncompressedBytes: number;
  maxRatio: number;
}

export const defaultZipLimits: ZipLimits = { maxUncompressedBytes: 2 * 1024 ** 3, maxRatio: 200 };

export async function assertSafeZip(file: string, name: string, limits: ZipLimits = defaultZipLimits): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: true }, (err, z) => (err || !z ? reject(err) : resolve(z))),
  ).catch(() => {
    throw new IngestFileError(name, 'is not a valid .xlsx file (not a zip archive)', '不是有效的 .xlsx 文件');
  });
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: yauzl.Entry) => {
      total += e.uncompressedSize;
      const ratio = e.compressedSize > 0 ? e.uncompressedSize / e.compressedSize : e.uncompressedSize > 0 ? Infinity : 1;
      if (total > limits.maxUncompressedBytes || (e.uncompressedSize > 10 * 1024 ** 2 && ratio > limits.maxRatio)) {
        zip.close();
        reject(
          new IngestFileError(
            name,
            `refused: the archive would expand to ${(total / 1024 ** 2).toFixed(0)} MB (entry ${e.fileName}, ratio ${ratio.toFixed(0)}:1), which looks like a zip bomb`,
            '已拒绝：文件解压后过大，疑似压缩炸弹',
          ),
        );
        return;
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
}
