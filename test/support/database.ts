import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The server the suites run against; each suite gets its own database cloned from a migrated template. */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';

/**
 * Every database a jest run makes is named after the run (the pid of the jest process that ran
 * the global setup), so runs on one machine never touch each other's databases.
 */
export function testRunId(): string {
  const run = process.env.CPW_TEST_RUN;
  if (!run) throw new Error('CPW_TEST_RUN is not set: run the suites through jest (global setup sets it)');
  return run;
}

export const templateDatabase = (run = testRunId()) => `cpw_test_${run}_template`;

export function databaseUrl(name: string): string {
  return `${TEST_SERVER_URL}/${name}`;
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh, fully migrated database for one suite (a copy of the run's template: fast, isolated). */
export async function createTestDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const run = testRunId();
  const name = `cpw_test_${run}_${randomBytes(5).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabase(run)}"`);
  return {
    name,
    url: databaseUrl(name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
