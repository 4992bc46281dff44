// Reads tables from information_schema. Kysely's Postgres introspector calls pg_get_serial_sequence, which
// DuckDB lacks, and the Migrator needs getTables to find its own bookkeeping tables.
import { sql, type DatabaseIntrospector, type DatabaseMetadata, type Kysely, type SchemaMetadata, type TableMetadata } from 'kysely';

interface ColumnRow {
  table_schema: string;
  table_name: string;
  column_name: string;
  data_type: string;
  is_nullable: string;
  column_default: string | null;
  table_type: string;
}

export class DuckDBIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<any>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const r = await sql<{ schema_name: string }>`select distinct schema_name from information_schema.schemata`.execute(this.db);
    return r.rows.map((s) => ({ name: s.schema_name }));
  }

  async getTables(): Promise<TableMetadata[]> {
    const r = await sql<ColumnRow>`
      select c.table_schema, c.table_name, c.column_name, c.data_type, c.is_nullable, c.column_default, t.table_type
      from information_schema.columns c
      join information_schema.tables t using (table_catalog, table_schema, table_name)
      where c.table_catalog = current_database()
      order by c.table_schema, c.table_name, c.ordinal_position`.execute(this.db);
    const tables = new Map<string, TableMetadata>();
    for (const c of r.rows) {
      const key = `${c.table_schema}.${c.table_name}`;
      let t = tables.get(key);
      if (!t) {
        t = { name: c.table_name, schema: c.table_schema, isView: c.table_type === 'VIEW', columns: [] };
        tables.set(key, t);
      }
      (t.columns as unknown[]).push({
        name: c.column_name,
        dataType: c.data_type,
        isNullable: c.is_nullable === 'YES',
        isAutoIncrementing: false,
        hasDefaultValue: c.column_default !== null,
      });
    }
    return [...tables.values()];
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}
