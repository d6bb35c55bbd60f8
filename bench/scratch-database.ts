import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/persistence';

async function admin(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A migrated database of the bench's own on the configured server, dropped by `drop()`. */
export async function scratchDatabase(
  configuredUrl: string,
  name: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const server = configuredUrl.replace(/\/[^/]*$/, '');
  await admin(server, `CREATE DATABASE "${name}"`);
  const url = `${server}/${name}`;
  const migrator = new DataSource(dataSourceOptions(url, { poolSize: 1 }));
  await migrator.initialize();
  await migrator.runMigrations();
  await migrator.destroy();
  return { url, drop: () => admin(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
