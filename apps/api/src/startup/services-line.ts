import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@app/persistence';
import { postgresLocation, PostgresQueues, QueueBackend, redisLocation } from '@app/timers';

/** The cluster_name scripts/embedded-postgres.mjs gives the embedded server (set there too). */
export const EMBEDDED_CLUSTER_NAME = 'cp-workflows-embedded';

/** What the service runs on, as the start-up line tells it. */
export interface ServicesInUse {
  /** The embedded server's data folder, when the database is the embedded one. */
  embeddedDataDir?: string;
  queue: { kind: QueueBackend['kind']; schema?: string };
}

/** Asks the running service what it is on: the database server's name, and the queue backend chosen. */
export async function servicesInUse(app: INestApplication, config: AppConfig): Promise<ServicesInUse> {
  const queues = app.get(QueueBackend);
  const queue = { kind: queues.kind, schema: queues instanceof PostgresQueues ? queues.schema : undefined };
  if (!config.defaulted.databaseUrl) return { queue };
  const [server] = (await app
    .get<DataSource>(getDataSourceToken())
    .query(
      `SELECT current_setting('cluster_name') AS name, current_setting('data_directory', true) AS dir`,
    )) as { name: string; dir: string | null }[];
  return server?.name === EMBEDDED_CLUSTER_NAME ? { embeddedDataDir: server.dir ?? '?', queue } : { queue };
}

/**
 * One line: which parts are embedded or chosen by default, and the setting that points the service
 * at a real one. Addresses without credentials.
 */
export function servicesLine(config: AppConfig, services: ServicesInUse): string {
  const database = services.embeddedDataDir
    ? `PostgreSQL: embedded, for trying the service only (data in ${services.embeddedDataDir}, kept between runs; set DATABASE_URL to use a real server)`
    : `PostgreSQL: ${postgresLocation(config.databaseUrl)}`;
  const queue =
    services.queue.kind === 'postgres'
      ? `timer queue: PostgreSQL (BullMQ's backend, schema ${services.queue.schema})${
          config.queueBackend === 'auto'
            ? `, as no Redis answered at ${redisLocation(config.redisUrl)}; set REDIS_URL to use Redis`
            : ''
        }`
      : `timer queue: Redis ${redisLocation(config.redisUrl)}`;
  return `${database}; ${queue}`;
}
