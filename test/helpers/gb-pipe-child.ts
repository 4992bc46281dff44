// Run in a child process by the csvSource test: starts reading a GB18030 file through a transcoder of its own
// (argv: file, pipe, transcoder) into a named pipe nobody reads (the transcoder waits for a reader), says so, and
// waits to be killed.
import { csvSource, type Transcoder } from '../../ingest/readers/csv.ts';

const [file, pipe, transcoder] = process.argv.slice(2);
await csvSource(file, 'gb.csv', () => pipe, undefined, transcoder as Transcoder);
console.log('waiting');
setInterval(() => {}, 60_000);
