// Migrations in order. A name is never reused or edited once landed: add a new one.
import type { Migration } from 'kysely';
import * as m0001 from './0001_bookkeeping.ts';
import * as m0002 from './0002_raw_tables.ts';
import * as m0003 from './0003_ingest_options.ts';
import * as m0004 from './0004_reports.ts';
import * as m0005 from './0005_users.ts';
import * as m0006 from './0006_api_tokens.ts';
import * as m0007 from './0007_raw_tables_without_key_index.ts';
import * as m0008 from './0008_quarter_figures.ts';
import * as m0009 from './0009_early_warnings_and_actions.ts';
import * as m0011 from './0011_subscriptions.ts';
import * as m0012 from './0012_cadence.ts';
import * as m0013 from './0013_alert_subscriptions.ts';
import * as m0014 from './0014_units.ts';
import * as m0015 from './0015_faults.ts';
import * as m0016 from './0016_early_warning_facts.ts';
import * as m0017 from './0017_ingest_run_message_code.ts';
import * as m0018 from './0018_early_warning_exposure_basis.ts';
import * as m0019 from './0019_computed_figures.ts';

export const migrations: Record<string, Migration> = {
  '0001_bookkeeping': m0001,
  '0002_raw_tables': m0002,
  '0003_ingest_options': m0003,
  '0004_reports': m0004,
  '0005_users': m0005,
  '0006_api_tokens': m0006,
  '0007_raw_tables_without_key_index': m0007,
  '0008_quarter_figures': m0008,
  '0009_early_warnings_and_actions': m0009,
  '0011_subscriptions': m0011,
  '0012_cadence': m0012,
  '0013_alert_subscriptions': m0013,
  '0014_units': m0014,
  '0015_faults': m0015,
  '0016_early_warning_facts': m0016,
  '0017_ingest_run_message_code': m0017,
  '0018_early_warning_exposure_basis': m0018,
  '0019_computed_figures': m0019,
};
