// The record kinds users load, by name.
import { callbacks } from './callbacks.source.ts';
import { complaints } from './complaints.source.ts';
import { inspections } from './inspections.source.ts';
import { installations } from './installations.source.ts';
import { parts } from './parts.source.ts';
import type { RecordKind } from './record-kind.ts';
import { repairs } from './repairs.source.ts';
import { technicians } from './technicians.source.ts';
import { tickets } from './tickets.source.ts';
import { units } from './units.source.ts';

export const recordKinds: Record<string, RecordKind> = {
  tickets,
  repairs,
  complaints,
  parts,
  technicians,
  callbacks,
  inspections,
  installations,
  units,
};
export const recordKindNames = Object.keys(recordKinds);

export function recordKind(name: string): RecordKind {
  const k = recordKinds[name];
  if (!k) throw new Error(`unknown record kind "${name}"; expected one of: ${recordKindNames.join(', ')}`);
  return k;
}
