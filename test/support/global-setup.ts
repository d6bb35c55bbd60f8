import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/persistence';
import { adminQuery, databaseUrl, TEMPLATE_DATABASE } from './database';

/**
 * Builds the template database once per run with every migration applied (the same migrations
 * production runs), and removes databases that earlier interrupted runs left behind.
 */
export default async function globalSetup(): Promise<void> {
  const client = new (await import('pg')).Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    const stale = await client.query(
      "SELECT datname FROM pg_database WHERE datname LIKE 'cpw\\_test\\_%' AND datname <> $1",
      [TEMPLATE_DATABASE],
    );
    for (const row of stale.rows as { datname: string }[]) {
      await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
  await adminQuery(`DROP DATABASE IF EXISTS "${TEMPLATE_DATABASE}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
  const dataSource = new DataSource(dataSourceOptions(databaseUrl(TEMPLATE_DATABASE), { poolSize: 1 }));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}
