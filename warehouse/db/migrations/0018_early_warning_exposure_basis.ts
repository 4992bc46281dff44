// An early-warning alert keeps what its rates are per: 'units' (faults per unit in service a week or a month, the
// installed base loaded for the model) or 'tickets' (the fault's share of the model's tickets), so its words say
// which. Alerts raised before were all per ticket: null reads as 'tickets'.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table early_warning_alerts add column exposure_basis varchar`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table early_warning_alerts drop column exposure_basis`.execute(db);
}
