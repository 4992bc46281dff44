// Run in a child process by the csvSource test: starts reading a GB18030 file through the system's iconv into a
// named pipe nobody reads (iconv waits for a reader), says so, and waits to be killed.
import { csvSource } from '../../ingest/readers/csv.ts';

const [file, pipe] = process.argv.slice(2);
await csvSource(file, 'gb.csv', () => pipe);
console.log('waiting');
setInterval(() => {}, 60_000);
