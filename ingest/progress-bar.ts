// A progress bar per file on a terminal; nothing when the output is not a terminal (logs stay clean).
import cliProgress from 'cli-progress';
import type { IngestPhase, ProgressListener } from './load-progress.ts';

const phaseWords: Record<IngestPhase, string> = { hash: 'hashing', read: 'reading', check: 'reading and checking', write: 'writing' };
const phaseShare: Record<IngestPhase, [number, number]> = { hash: [0, 0.1], read: [0.1, 0.2], check: [0.2, 0.85], write: [0.85, 1] };

export function terminalProgress(file: string, stream: NodeJS.WriteStream = process.stderr): { listener?: ProgressListener; stop(): void } {
  if (!stream.isTTY) return { stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: `{file} [{bar}] {percentage}% {phase}`, stream, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(100, 0, { file, phase: '' });
  return {
    listener: (phase, fraction) => {
      const [from, to] = phaseShare[phase];
      bar.update(Math.round((from + (to - from) * fraction) * 100), { phase: phaseWords[phase] });
    },
    stop: () => bar.stop(),
  };
}
