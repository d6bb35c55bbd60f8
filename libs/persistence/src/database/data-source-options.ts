import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from '../migrations';
import { listenForConnectionErrors, logPoolError } from './connection-errors';

/**
 * The TypeORM options for the service's database: migrations only, never synchronize. Every pooled
 * connection has an error listener from the moment it connects (pg-pool's onConnect, passed through
 * `extra`), and the pool one of its own, so PostgreSQL terminating connections never ends the process.
 */
export function dataSourceOptions(
  databaseUrl: string,
  overrides: { poolSize?: number } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    poolSize: overrides.poolSize ?? 20,
    poolErrorHandler: logPoolError,
    extra: { application_name: 'cp-workflows', onConnect: listenForConnectionErrors },
  };
}
