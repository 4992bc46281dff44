// DuckDB's JSON reader recurses once per level of nesting (in working out the records' structure): a 400 KB
// file of '[' nested 200,000 deep overflows the native stack and kills the process (SIGSEGV), which no
// try/catch survives. So the nesting is counted here, in one streamed pass, before DuckDB sees the file.
// Records of a ticket export are one or two levels deep; anything near the limit is not a table.
import fs from 'node:fs';
import { IngestFileError } from '../ingest-error.ts';

/** The deepest nesting of [ and { read, counting the array that holds the records as one level. */
export const maxJsonDepth = 64;

const [quote, backslash, newline] = [0x22, 0x5c, 0x0a];
const [openArray, openObject, closeArray, closeObject] = [0x5b, 0x7b, 0x5d, 0x7d];

/** Throws an IngestFileError naming the line where the nesting first goes past maxJsonDepth. */
export async function assertJsonDepth(file: string, name: string): Promise<void> {
  let depth = 0;
  let line = 1;
  let inString = false;
  let escaped = false;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    // Most of a file of records is inside strings: jumped over with indexOf (to the next quote not escaped).
    // A string holds no raw line break in JSON, so lines are counted outside strings only.
    let nextBackslash = chunk.indexOf(backslash);
    let i = 0;
    while (i < chunk.length) {
      if (inString) {
        if (escaped) {
          escaped = false;
          i++;
          continue;
        }
        if (nextBackslash >= 0 && nextBackslash < i) nextBackslash = chunk.indexOf(backslash, i);
        const q = chunk.indexOf(quote, i);
        if (nextBackslash >= 0 && (q < 0 || nextBackslash < q)) {
          escaped = true;
          i = nextBackslash + 1;
        } else if (q >= 0) {
          inString = false;
          i = q + 1;
        } else i = chunk.length;
        continue;
      }
      const b = chunk[i++];
      if (b === quote) inString = true;
      else if (b === newline) line++;
      else if (b === openArray || b === openObject) {
        if (++depth > maxJsonDepth) throw tooDeep(name, line);
      } else if ((b === closeArray || b === closeObject) && depth > 0) depth--;
    }
  }
}

const tooDeep = (name: string, line: number) =>
  new IngestFileError(
    name,
    `line ${line} nests values more than ${maxJsonDepth} levels deep ([ and { inside each other); records must be flat: one object per row`,
    `第 ${line} 行的嵌套超过 ${maxJsonDepth} 层（[ 与 { 层层嵌套）；每条记录应为一个扁平对象`,
  );
