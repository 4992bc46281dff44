// csvSource reads a file's bytes once: the same pass hashes them (the file as it is, before any transcoding) and
// measures its records while a transcoder of its own turns a GB18030 file into UTF-8 (ours, or glibc's iconv).
// Checked against sha256 taken independently and against the same text saved as UTF-8 (by iconv-lite).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { csvSource, nativeTranscoder, SystemTranscodingFailed } from '../../../ingest/readers/csv.ts';
import { maxCsvRecordBytes } from '../../../ingest/readers/csv-record-length.ts';
import { IngestFileError } from '../../../ingest/ingest-error.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-csv-source-'));
let n = 0;
const tempFile = () => path.join(tmp, `t${n++}.csv`);
const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

// Ours is built by `npm ci` where cargo is; CI requires it (AFTERSIGHT_NATIVE_REQUIRED=1), so there a missing
// build fails its tests instead of skipping them.
const nativeBuilt = fs.existsSync(nativeTranscoder) || process.env.AFTERSIGHT_NATIVE_REQUIRED === '1';
const transcoders = nativeBuilt ? (['native', 'iconv'] as const) : (['iconv'] as const);
const program = { native: nativeTranscoder, iconv: 'iconv' };

// A title line, then a header; past the first 256 KiB (the dialect's sample) so the scan starts after it.
const text = `工单明细 2025年7月\n工单编号;大区;故障描述\n${Array.from({ length: 20_000 }, (_, i) => `T${i};华东;"压缩机 ""不启动""\n室内机漏水"`).join('\n')}\n`;

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('csvSource', () => {
  it.each(transcoders)('hashes the file as it is and reads a GB18030 file as the same text in UTF-8 (%s)', async (transcoder) => {
    const utf8 = path.join(tmp, `utf8-${transcoder}.csv`);
    const gb = path.join(tmp, `gb-${transcoder}.csv`);
    fs.writeFileSync(utf8, text);
    fs.writeFileSync(gb, iconv.encode(text, 'gb18030'));
    expect(fs.statSync(utf8).size).toBeGreaterThan(256 * 1024);
    const a = await csvSource(utf8, 'utf8.csv', tempFile);
    const b = await csvSource(gb, 'gb.csv', tempFile, undefined, transcoder);
    expect(b.encoding).toBe('gb18030');
    // The GB18030 file is read through a named pipe, as it is transcoded.
    expect(fs.statSync(b.path).isFIFO()).toBe(true);
    expect(await fs.promises.readFile(b.path, 'utf8')).toBe(text);
    expect((await a.whole).hash).toBe(sha256(utf8));
    expect((await b.whole).hash).toBe(sha256(gb));
    for (const s of [a, b]) {
      expect(s.fileHeaders).toEqual(['工单编号', '大区', '故障描述']);
      expect(s.firstRow).toBe(3);
      expect(s.paddedCells).toBe(true); // "压缩机 "" has a space beside a quote
      expect((await s.whole).paddedCells).toBe(true);
    }
  });

  it.each(transcoders)(
    'a byte that no GB18030 character has, past the sampled first MiB, stops the transcoder (%s)',
    async (transcoder) => {
      const gb = path.join(tmp, `bad-${transcoder}.csv`);
      const rows = Array.from({ length: 100_000 }, (_, i) => `T${i},华东`);
      fs.writeFileSync(
        gb,
        Buffer.concat([iconv.encode(`工单编号,大区\n${rows.join('\n')}\n`, 'gb18030'), Buffer.from('T,\xff\n', 'latin1')]),
      );
      expect(fs.statSync(gb).size).toBeGreaterThan(1 << 20);
      const s = await csvSource(gb, 'bad.csv', tempFile, undefined, transcoder);
      // DuckDB's part: read the pipe to its end.
      await fs.promises.readFile(s.path);
      const err = await s.whole.catch((e) => e);
      expect(err).toBeInstanceOf(SystemTranscodingFailed);
    },
  );

  it('refuses a record that is too long in a GB18030 file, naming its line, while transcoding', async () => {
    const gb = path.join(tmp, 'long.csv');
    // Measured in the file's own bytes: two a character here.
    const long = '长'.repeat(maxCsvRecordBytes / 2 + 10);
    fs.writeFileSync(gb, iconv.encode(`工单编号,大区\nT1,华东\nT2,"${long}\nT3,华东\n`, 'gb18030'));
    // Found in the first bytes or later in the pass (nobody reads the pipe here: the pass still ends).
    const err = await csvSource(gb, 'long.csv', tempFile)
      .then((s) => s.whole)
      .catch((e) => e);
    expect(err).toBeInstanceOf(IngestFileError);
    expect(err.reasonEn).toMatch(/^line 3 is longer than 1 MiB/);
  });

  it.each(transcoders)(
    'says how far DuckDB has read a GB18030 file through the pipe: the bytes written, of the UTF-8 its first bytes foretell (%s)',
    async (transcoder) => {
      const gb = path.join(tmp, `progress-${transcoder}.csv`);
      const rows = Array.from({ length: 200_000 }, (_, i) => `T${i},华东`);
      const utf8 = Buffer.from(`工单编号,大区\n${rows.join('\n')}\n`);
      fs.writeFileSync(gb, iconv.encode(utf8.toString(), 'gb18030'));
      const s = await csvSource(gb, 'progress.csv', tempFile, undefined, transcoder);
      expect(s.passed()).toBeLessThan(0.001); // the transcoder waits for a reader
      const reader = await fs.promises.open(s.path, 'r');
      const buf = Buffer.alloc(1 << 16);
      let read = 0;
      while (read < utf8.length / 2) read += (await reader.read(buf, 0, buf.length)).bytesRead;
      // Ahead of the reader by at most what the pipe and one write hold (64 + 32 KiB for iconv, 64 + 64 for ours).
      const ahead = (128 * 1024) / utf8.length;
      const half = read / utf8.length;
      await expect.poll(() => s.passed()).toBeGreaterThanOrEqual(half - 0.01);
      expect(s.passed()).toBeLessThanOrEqual(half + ahead + 0.01);
      while ((await reader.read(buf, 0, buf.length)).bytesRead > 0);
      await reader.close();
      await s.whole;
      expect(s.passed()).toBeCloseTo(1, 2);
    },
  );

  it.each(transcoders)(
    'the transcoder ends with the process that started it (here killed while it waits for DuckDB to open the pipe) (%s)',
    async (transcoder) => {
      const gb = path.join(tmp, `orphan-${transcoder}.csv`);
      fs.writeFileSync(gb, iconv.encode('工单编号,大区\nT1,华东\n', 'gb18030'));
      const pipe = path.join(tmp, `orphan-pipe-${transcoder}.csv`);
      // The transcoder writing into the pipe.
      const running = () =>
        fs
          .readdirSync('/proc')
          .filter((p) => /^\d+$/.test(p))
          .filter((p) => {
            try {
              const cmdline = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8');
              return cmdline.startsWith(`${program[transcoder]}\0`) && cmdline.includes(pipe);
            } catch {
              return false;
            }
          });
      const child = spawn(process.execPath, ['bin/run-ts.js', 'test/helpers/gb-pipe-child.ts', gb, pipe, transcoder], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          if (out.includes('waiting')) resolve();
        });
        child.on('exit', () => reject(new Error(`the child ended first: ${out}`)));
      });
      try {
        // setpriv becomes the transcoder (exec) a moment after the spawn the child waited for.
        await expect.poll(running, { timeout: 30_000, interval: 50 }).toHaveLength(1);
      } finally {
        child.kill('SIGKILL');
      }
      await expect.poll(running, { timeout: 30_000, interval: 100 }).toEqual([]);
    },
    60_000,
  );
});
