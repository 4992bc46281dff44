// The record-length pass also tells whether any cell may start or end with a space: when none can, the load
// skips testing every cell for one. It may say so of a file without (a quoted ", "), never miss one that has.
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { CsvRecordScanner } from '../../../ingest/readers/csv-record-length.ts';

// Fed as the pass over a file feeds it: a MiB at a time.
const padded = (text: string | Buffer, delimiter = ','): boolean => {
  const bytes = Buffer.from(text);
  const scan = new CsvRecordScanner('f.csv', delimiter);
  for (let at = 0; at < bytes.length; at += 1 << 20) scan.push(bytes.subarray(at, at + (1 << 20)));
  return scan.end().paddedCells;
};

describe('padded cells', () => {
  it('finds none where spaces stand only inside cells (a quoted ", " would count)', () => {
    expect(padded('id,model\nT1,空调 KFR-72LW\nT2,"a b"\n')).toBe(false);
    expect(padded('id\tmodel\nT1\ta, b\n', '\t')).toBe(false);
  });

  it('finds a space at either end of a cell, wherever the cell stands', () => {
    for (const text of [
      'id,model\nT1, KFR\n', // after the delimiter
      'id,model\nT1,KFR \nT2,x\n', // before a line break
      'id,model\r\nT1,KFR \r\n', // before CR LF
      'id,model\nT1 ,KFR\n', // before the delimiter
      ' id,model\nT1,KFR\n', // the file's first byte
      '\uFEFF id,model\nT1,KFR\n', // after a byte-order mark
      'id,model\nT1,KFR ', // the file's last byte
      'id,model\nT1," KFR"\n', // inside quotes
      'id,model\nT1,"KFR "\n',
    ])
      expect(padded(text), JSON.stringify(text)).toBe(true);
    expect(padded('id\tmodel\nT1\t KFR\n', '\t')).toBe(true);
  });

  it('counts any no-break or full-width space', () => {
    expect(padded('id,model\nT1,KFR\u00a0X\n')).toBe(true);
    expect(padded('id,model\nT1,空调\u3000KFR\n')).toBe(true);
  });

  it('finds them across the edges of the chunks it reads (1 MiB)', () => {
    const filler = (bytes: number) => `id,model\n${'T1,KFR\n'.repeat(Math.ceil(bytes / 7))}`.slice(0, bytes);
    const at = (bytes: number, text: string) => {
      const head = filler(bytes);
      return `${head.slice(0, head.lastIndexOf('\n') + 1)}${'x'.repeat(bytes - head.lastIndexOf('\n') - 1)}${text}`;
    };
    const mib = 1 << 20;
    expect(padded(`${at(mib - 1, ' ,y\n')}T2,z\n`)).toBe(true); // the space ends one chunk, its comma starts the next
    expect(padded(`${at(mib, ' y\n')}`)).toBe(false); // inside the cell "x… y" (the chunk's first byte)
    expect(padded(`${at(mib - 1, ',  y\n')}`)).toBe(true); // the space starts the next chunk, after a comma
    expect(padded(Buffer.concat([Buffer.from(at(mib - 1, '')), Buffer.from('\u3000y\n')]))).toBe(true); // cut in two
    expect(padded(`${at(mib - 1, 'y\n')}`)).toBe(false);
  });

  it('reads a GB18030 file in its own bytes: a full-width space counts, the same bytes ending one character and starting the next do not', () => {
    const gb = (text: string) => {
      const scan = new CsvRecordScanner('f.csv', ',', 'gb18030');
      scan.push(iconv.encode(text, 'gb18030'));
      return scan.end().paddedCells;
    };
    // 啊 is B0 A1 and 。 is A1 A3: "啊。" holds A1 A1, the bytes of a full-width space, across two characters.
    expect(iconv.encode('啊。', 'gb18030').includes(Buffer.from([0xa1, 0xa1]))).toBe(true);
    expect(gb('id,描述\nT1,压缩机啊。漏水\nT2,KFR-72LW\n')).toBe(false);
    expect(gb('id,描述\nT1,压缩机\u3000漏水\n')).toBe(true);
    expect(gb('id,描述\nT1,啊\u3000\n')).toBe(true); // after a character ending in A1
    expect(gb('id,描述\nT1,KFR\u00a0X\n')).toBe(true); // four bytes in GB18030
    expect(gb('id,描述\nT1, 压缩机\n')).toBe(true);
  });
});
