import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/persistence';
import { createTestDatabase } from './database';

/**
 * For a migration suite: a migrated database of its own and one TypeORM connection to it (to undo
 * and run migrations on), made before the suite's tests and dropped after them. Read `dataSource`
 * and `url` in the tests, once beforeAll has run.
 */
export function migrationDatabase(): { readonly dataSource: DataSource; readonly url: string } {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let dataSource: DataSource | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource(dataSourceOptions(database.url, { poolSize: 1 }));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });
  return {
    get dataSource() {
      if (!dataSource) throw new Error('the migration database is made in beforeAll');
      return dataSource;
    },
    get url() {
      if (!database) throw new Error('the migration database is made in beforeAll');
      return database.url;
    },
  };
}
