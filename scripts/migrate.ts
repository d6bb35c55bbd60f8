// `npm run migrate`: creates the database if missing and runs every pending migration.
import { DataSource } from 'typeorm';
import { dataSourceOptions, ensureDatabaseExists, loadConfig } from '@app/persistence';

async function main(): Promise<void> {
  const config = loadConfig();
  const created = await ensureDatabaseExists(config.databaseUrl);
  const dataSource = new DataSource(dataSourceOptions(config.databaseUrl, { poolSize: 2 }));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    console.log(`${created ? 'database created; ' : ''}${applied.length} migration(s) applied`);
    for (const m of applied) console.log(`  ${m.name}`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
