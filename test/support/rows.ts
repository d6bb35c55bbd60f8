import { Client } from 'pg';

/** Row counts of every table in a suite's database: the proof that a rejected request wrote nothing. */
export async function countRows(databaseUrl: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY tablename`,
    );
    const counts: Record<string, number> = {};
    for (const { tablename } of tables.rows as { tablename: string }[]) {
      const result = await client.query(`SELECT count(*)::int AS n FROM "${tablename}"`);
      counts[tablename] = (result.rows[0] as { n: number }).n;
    }
    return counts;
  } finally {
    await client.end();
  }
}

export async function query<T = Record<string, unknown>>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
