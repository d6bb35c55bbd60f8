import { MIGRATIONS } from '@app/persistence';
import { migrationDatabase } from '../support/migration-database';
import { query } from '../support/rows';

const TABLES = [
  'person',
  'person_external_id',
  'person_contact_point',
  'person_reference',
  'person_correction',
  'person_erasure',
  'person_request',
  'person_referrer',
  'chair',
  'chair_home_area',
  'chair_cover',
  'chair_absence',
  'chair_booking',
  'minute_taker_booking',
];

const migration = (name: string) => {
  const found = MIGRATIONS.map((Migration) => new Migration()).find((m) => m.name === name);
  if (!found) throw new Error(`No migration ${name} in MIGRATIONS`);
  return found;
};
const people = migration('People1764000007300');
const chairs = migration('Chairs1764000007400');

/** The people and chairs migrations come down and go up again on a migrated database. */
describe('People and chairs migrations', () => {
  const db = migrationDatabase();

  const tables = async () =>
    (await query<{ tablename: string }>(db.url, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`))
      .map((row) => row.tablename)
      .filter((name) => TABLES.includes(name))
      .sort();

  it('removes every table and function in down, and puts them back in up', async () => {
    expect(await tables()).toEqual([...TABLES].sort());
    const runner = db.dataSource.createQueryRunner();
    try {
      await chairs.down(runner);
      await people.down(runner);
      expect(await tables()).toEqual([]);
      const functions = await query(db.url, `SELECT proname FROM pg_proc WHERE proname IN ('nhs_number_is_valid', 'person_retained_references')`);
      expect(functions).toEqual([]);
      await people.up(runner);
      await chairs.up(runner);
      expect(await tables()).toEqual([...TABLES].sort());
    } finally {
      await runner.release();
    }
  });
});
