import { Logger } from '@nestjs/common';
import {
  assertSchemaCompatibility,
  BackendFactory,
  createPostgresBackend,
  JobProgress,
  PostgresConnectionOptions,
  PostgresPoolConfig,
  PostgresQueueBackend,
  Processor,
  Queue,
  QueueEvents,
  Worker,
} from 'bullmq';
import { Pool } from 'pg';
import { listenForErrorsOnEveryClient } from './pg-error-listeners';
import { QueueBackend, QueueOptions, within, WorkerOptions } from './queue-backend';

export interface PostgresQueuesConfig {
  databaseUrl: string;
  queueSchema: string;
}

/** Connections a producer's pool may hold: adds come in batches, one statement each. */
const PRODUCER_POOL_SIZE = 5;
/** A worker's pool beyond its concurrency: moving jobs on, renewing locks, promoting delayed jobs. */
const WORKER_POOL_SPARE = 3;

/**
 * BullMQ 6.7's PostgreSQL connection and backend each remember their first attempt to get ready
 * (connect, check or migrate the schema), failed or not: a queue that met its database down,
 * restarting or not yet created when it first connected would fail every operation for the rest
 * of the process. This forgets a failed attempt (their private `readyPromise`), so the next
 * operation tries again, as the Redis backend's reconnections do.
 */
function forgetFailedReadiness(target: { waitUntilReady(): Promise<void> }): void {
  const waitUntilReady = target.waitUntilReady.bind(target);
  target.waitUntilReady = () =>
    waitUntilReady().catch((error: unknown) => {
      (target as unknown as { readyPromise?: Promise<void> }).readyPromise = undefined;
      throw error;
    });
}

/** The address and database of a PostgreSQL URL without its credentials. */
export const postgresLocation = (url: string) => {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
};

/**
 * BullMQ on its own PostgreSQL backend, in the schema `queueSchema` of the service's database:
 * jobs are rows (a `job` table keyed by queue and id), workers claim them with FOR UPDATE SKIP
 * LOCKED and wait with LISTEN/NOTIFY. BullMQ creates and migrates the schema itself when a queue
 * first connects (under an advisory lock, so processes starting together migrate once). Each
 * queue and worker owns a pool, and every client of every pool has an error listener from the
 * moment it connects, so a dropped connection is logged and replaced, never fatal.
 */
export class PostgresQueues extends QueueBackend {
  readonly kind = 'postgres' as const;
  readonly location: string;
  readonly schema: string;
  private readonly logger = new Logger('QueueBackend');
  private adminPool?: Pool;

  /**
   * createPostgresBackend, with the error listeners put on its pool before it opens a connection,
   * and readiness that is tried again after a failure instead of remembered.
   */
  private readonly backendFactory: BackendFactory<PostgresQueueBackend, PostgresConnectionOptions> = (
    name,
    opts,
    factoryOptions,
  ) => {
    const backend = createPostgresBackend(name, opts, factoryOptions);
    listenForErrorsOnEveryClient(backend.connection.pool, (error) => this.warn(error));
    forgetFailedReadiness(backend.connection);
    forgetFailedReadiness(backend);
    return backend;
  };

  constructor(private readonly config: PostgresQueuesConfig) {
    super();
    this.schema = config.queueSchema;
    this.location = `PostgreSQL ${postgresLocation(config.databaseUrl)}, schema ${config.queueSchema}`;
  }

  queue<D>(name: string, options: QueueOptions = {}): Queue<D> {
    const queue = new Queue<
      D,
      unknown,
      string,
      D,
      unknown,
      string,
      PostgresQueueBackend,
      PostgresConnectionOptions
    >(name, { connection: this.connection(PRODUCER_POOL_SIZE), ...options }, this.backendFactory);
    // The same class whatever the backend; only its type parameter names the datastore.
    return this.track(queue as unknown as Queue<D>);
  }

  worker<D, R>(name: string, processor: Processor<D, R>, options: WorkerOptions): Worker<D, R> {
    const worker = new Worker<D, R, string, PostgresQueueBackend, JobProgress, PostgresConnectionOptions>(
      name,
      processor,
      {
        connection: this.connection(options.concurrency + WORKER_POOL_SPARE),
        concurrency: options.concurrency,
      },
      this.backendFactory,
    );
    return this.track(worker as unknown as Worker<D, R>);
  }

  queueEvents(name: string): QueueEvents {
    const events = new QueueEvents<unknown, PostgresQueueBackend, PostgresConnectionOptions>(
      name,
      { connection: this.connection(2) },
      this.backendFactory,
    );
    return this.track(events as unknown as QueueEvents);
  }

  async presentJobIds(queue: Queue, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const { rows } = await this.pool().query<{ id: string }>(
      `SELECT id FROM "${this.schema}".job WHERE queue = $1 AND id = ANY($2::text[])`,
      [queue.name, ids],
    );
    return new Set(rows.map((row) => row.id));
  }

  async check(timeoutMs: number): Promise<void> {
    await within(
      (async () => {
        const client = await this.pool().connect();
        try {
          // Reachable, and BullMQ's schema there at a version this BullMQ can use.
          await assertSchemaCompatibility(client, this.schema);
        } finally {
          client.release();
        }
      })(),
      timeoutMs,
      'PostgreSQL queue store',
    );
  }

  /**
   * A small pool of the backend's own for reading the queue's tables directly (health, the
   * reconciler's presence check, tests and the bench); queues and workers use their own.
   */
  pool(): Pool {
    if (!this.adminPool) {
      this.adminPool = new Pool({
        connectionString: this.config.databaseUrl,
        max: 2,
        connectionTimeoutMillis: 5000,
        idleTimeoutMillis: 10000,
      });
      listenForErrorsOnEveryClient(this.adminPool, (error) => this.warn(error));
    }
    return this.adminPool;
  }

  protected async closeConnections(): Promise<void> {
    await this.adminPool?.end();
    this.adminPool = undefined;
  }

  private connection(max: number): PostgresPoolConfig {
    return { connectionString: this.config.databaseUrl, schema: this.schema, migrate: true, max };
  }

  private warn(error: Error): void {
    this.logger.warn(
      { err: { name: error.name, code: (error as { code?: unknown }).code } },
      'PostgreSQL queue connection error (the pool replaces the connection)',
    );
  }
}
