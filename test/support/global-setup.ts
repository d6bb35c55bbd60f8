import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/persistence';
import { adminQuery, databaseUrl, templateDatabase } from './database';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Builds this run's template database once with every migration applied (the same migrations
 * production runs), and removes databases left by earlier runs that are no longer running.
 * The run id reaches the test workers through the environment they inherit.
 */
export default async function globalSetup(): Promise<void> {
  const run = String(process.pid);
  process.env.CPW_TEST_RUN = run;
  const client = new Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    const existing = await client.query("SELECT datname FROM pg_database WHERE datname LIKE 'cpw\\_test\\_%'");
    for (const { datname } of existing.rows as { datname: string }[]) {
      const owner = /^cpw_test_(\d+)_/.exec(datname)?.[1];
      if (owner === undefined || !alive(Number(owner))) {
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    }
  } finally {
    await client.end();
  }
  const template = templateDatabase(run);
  await adminQuery(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${template}"`);
  const dataSource = new DataSource(dataSourceOptions(databaseUrl(template), { poolSize: 1 }));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}
