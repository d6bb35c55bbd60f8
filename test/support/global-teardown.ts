import { Client } from 'pg';
import { databaseUrl } from './database';

/** Drops every database this run made (suites drop their own; this catches any an interrupted suite left). */
export default async function globalTeardown(): Promise<void> {
  const run = process.env.CPW_TEST_RUN;
  if (!run) return;
  const client = new Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    const mine = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`cpw\\_test\\_${run}\\_%`]);
    for (const { datname } of mine.rows as { datname: string }[]) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}
