// Fills an empty warehouse with generated demo data (every record kind), so a fresh start shows a living dashboard.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Warehouse } from '../warehouse/db/open-warehouse.ts';
import { countLoadedTickets } from '../warehouse/queries/loaded-tickets.ts';
import { generateDataset } from './generator/generate-dataset.ts';
import { ingestFile, type LoadReport } from './run-ingest.ts';
import { recordKindNames } from '../contract/sources/record-kinds.ts';

// Technicians first: tickets refer to them.
export const loadOrder = ['technicians', ...recordKindNames.filter((k) => k !== 'technicians')];

export async function isWarehouseEmpty(db: Warehouse): Promise<boolean> {
  return (await countLoadedTickets(db)) === 0;
}

/** The demo's two years end today (the generator's default), so the dashboard's first screen is alive. */
export async function loadDemoData(db: Warehouse, o: { tickets: number; seed: number; end?: string }): Promise<LoadReport[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-demo-'));
  try {
    await generateDataset({ tickets: o.tickets, seed: o.seed, outDir: dir, end: o.end });
    const reports: LoadReport[] = [];
    // The kinds the generator writes (a company's own lists, such as its fault codes, are not generated).
    for (const kind of loadOrder.filter((k) => fs.existsSync(path.join(dir, `${k}.csv`))))
      reports.push(await ingestFile(db, kind, path.join(dir, `${kind}.csv`), { loadedBy: 'demo' }));
    return reports;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
