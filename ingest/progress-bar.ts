// A progress bar per file on a terminal; nothing when the output is not a terminal (logs stay clean).
import cliProgress from 'cli-progress';
import { loadFraction, type IngestPhase, type ProgressListener } from './load-progress.ts';

const phaseWords: Record<IngestPhase, string> = { hash: 'hashing', read: 'reading', check: 'reading and checking', write: 'writing' };

export function terminalProgress(file: string, stream: NodeJS.WriteStream = process.stderr): { listener?: ProgressListener; stop(): void } {
  if (!stream.isTTY) return { stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: `{file} [{bar}] {percentage}% {phase}`, stream, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(100, 0, { file, phase: '' });
  return {
    listener: (phase, fraction) => {
      bar.update(Math.round(loadFraction(phase, fraction) * 100), { phase: phaseWords[phase] });
    },
    stop: () => bar.stop(),
  };
}
