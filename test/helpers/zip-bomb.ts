// Writes small zips (posing as .xlsx) whose entries inflate to `size` bytes of zeros: zip bombs. An entry may
// declare another size than it inflates to, or be left out of the directory at the end of the archive (a reader
// of the directory does not see it; one that reads the archive as a stream, as ExcelJS does, unpacks it).
import fs from 'node:fs';
import zlib from 'node:zlib';

export interface ZipEntrySpec {
  name: string;
  /** Bytes (of zeros) the entry inflates to. */
  size: number;
  /** The uncompressed size its headers declare (default: the truth). */
  declaredSize?: number;
  /** Listed in the central directory (default true). */
  listed?: boolean;
}

export function writeZip(file: string, entries: ZipEntrySpec[]): void {
  const parts: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = Buffer.alloc(e.size);
    const deflated = zlib.deflateRawSync(data, { level: 9 });
    const name = Buffer.from(e.name);
    const crc = zlib.crc32(data);
    const declared = e.declaredSize ?? e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    if (e.listed !== false) {
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(20, 4);
      central.writeUInt16LE(20, 6);
      central.writeUInt16LE(8, 10);
      central.writeUInt32LE(crc, 16);
      central.writeUInt32LE(deflated.length, 20);
      central.writeUInt32LE(declared, 24);
      central.writeUInt16LE(name.length, 28);
      central.writeUInt32LE(offset, 42);
      centrals.push(central, name);
    }
    parts.push(local, name, deflated);
    offset += local.length + name.length + deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeFileSync(file, Buffer.concat([...parts, directory, end]));
}

/** One sheet entry of `size` zeros, declaring `declaredSize`. */
export function writeZipBomb(file: string, size = 64 * 1024 ** 2, declaredSize = size): void {
  writeZip(file, [{ name: 'xl/worksheets/sheet1.xml', size, declaredSize }]);
}
