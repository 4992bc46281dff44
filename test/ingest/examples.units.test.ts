// The Azure predictive-maintenance machines as an installed base (ingest/examples/azure-pdm-machines.units.json),
// read in place from ../shared/data, against its REFERENCE_FIGURES.txt: 100 machines (model1 16, model2 17,
// model3 35, model4 32), 98 of them with at least one failure. The file gives ages in years, no installation
// day: the units load, but none has a lifetime, and the MIS table says so rather than showing zeros.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { ingestFile } from '../../ingest/run-ingest.ts';
import { readMappingFile, validateMapping } from '../../ingest/mapping.ts';
import { runRefresh } from '../../warehouse/refresh/run-refresh.ts';
import { readClaimsPerThousand } from '../../warehouse/queries/claims-per-thousand.ts';
import { publicDataset } from '../helpers/public-datasets.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const mapping = (name: string, kind: string) =>
  validateMapping(readMappingFile(path.join(root, 'ingest/examples', `${name}.${kind}.json`)), kind, name);
const pdm = publicDataset('azure_pdm_maintenance/PdM_machines.csv', 'azure_pdm_maintenance/PdM_failures.csv');

describe('the Azure PdM machines as an installed base', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await openWarehouse(':memory:');
  });
  afterAll(() => db.close());

  it.skipIf(pdm.missing)(
    'loads every machine as a unit, its failures on it; no installation day, so no units at risk',
    pdm.options,
    async () => {
      const [machines, failures] = pdm.paths;
      const units = await ingestFile(db, 'units', machines, { mapping: mapping('azure-pdm-machines', 'units') });
      // REFERENCE: rows machines=100; the age column is kept with the unit.
      expect(units).toMatchObject({ rowsRead: 100, rowsLoaded: 100, rowsRejected: 0, extraColumns: ['age'] });
      await ingestFile(db, 'tickets', failures, { mapping: mapping('azure-pdm-failures', 'tickets') });
      expect((await runRefresh(db, 'test')).status).toBe('ok');
      // REFERENCE: machines by model {'model1': 16, 'model2': 17, 'model3': 35, 'model4': 32}.
      expect(await db.all(`select product_model, count(*)::integer as n from staging.stg_units group by 1 order by 1`)).toEqual([
        { product_model: 'model1', n: 16 },
        { product_model: 'model2', n: 17 },
        { product_model: 'model3', n: 35 },
        { product_model: 'model4', n: 32 },
      ]);
      // REFERENCE: machines with >=1 failure: 98; every failure is on a machine of the installed base.
      const [f] = await db.all<{ units: number; orphans: number }>(
        `select count(distinct t.serial_no)::integer as units, count(*) filter (where u.serial_no is null)::integer as orphans
       from staging.stg_tickets t left join staging.stg_units u on u.serial_no = t.serial_no`,
      );
      expect(f).toEqual({ units: 98, orphans: 0 });
      const t = await readClaimsPerThousand(db, {});
      expect(t).toMatchObject({ units_loaded: 100, units_installed: 0, rows: [] });
    },
  );
});
