import { once } from 'node:events';
import { Processor, Queue, QueueEvents, Worker } from 'bullmq';
import Redis, { RedisOptions } from 'ioredis';
import { QueueBackend, QueueOptions, within, WorkerOptions } from './queue-backend';

export interface RedisQueuesConfig {
  redisUrl: string;
  queuePrefix: string;
}

/** The address of a Redis URL without its credentials. */
export const redisLocation = (url: string) => {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '6379'}`;
};

/**
 * BullMQ on Redis: one producer connection shared by every queue (it fails fast while Redis is
 * away, so the outbox retries the effect later instead of queueing commands for ever), one
 * connection per worker that retries for ever (BullMQ's workers block on Redis), and a health
 * connection that never queues a command while disconnected. Keys under the deployment's prefix.
 */
export class RedisQueues extends QueueBackend {
  readonly kind = 'redis' as const;
  readonly location: string;
  /** The producer connection: queues share it; tests and the bench read keys through it. */
  readonly connection: Redis;
  readonly prefix: string;
  private readonly owned: Redis[] = [];
  private health?: Redis;

  constructor(private readonly config: RedisQueuesConfig) {
    super();
    this.prefix = config.queuePrefix;
    this.location = `Redis ${redisLocation(config.redisUrl)} (key prefix ${config.queuePrefix})`;
    this.connection = this.open('queue', { maxRetriesPerRequest: 2 });
  }

  queue<D>(name: string, options: QueueOptions = {}): Queue<D> {
    return this.track(new Queue<D>(name, { connection: this.connection, prefix: this.prefix, ...options }));
  }

  worker<D, R>(name: string, processor: Processor<D, R>, options: WorkerOptions): Worker<D, R> {
    return this.track(
      new Worker<D, R>(name, processor, {
        connection: this.open('worker', { maxRetriesPerRequest: null }),
        prefix: this.prefix,
        concurrency: options.concurrency,
      }),
    );
  }

  queueEvents(name: string): QueueEvents {
    return this.track(
      new QueueEvents(name, {
        connection: this.open('events', { maxRetriesPerRequest: null }),
        prefix: this.prefix,
      }),
    );
  }

  async presentJobIds(queue: Queue, ids: readonly string[]): Promise<Set<string>> {
    const pipeline = this.connection.pipeline();
    for (const id of ids) pipeline.exists(queue.toKey(id));
    const replies = (await pipeline.exec()) ?? [];
    const present = new Set<string>();
    ids.forEach((id, i) => {
      const [error, found] = replies[i] ?? [null, 0];
      if (error) throw error;
      if (found === 1) present.add(id);
    });
    return present;
  }

  async check(timeoutMs: number): Promise<void> {
    this.health ??= this.open('health', {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: timeoutMs,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    // Just made, it is still connecting: give it the time allowed (a command would fail at once).
    if (this.health.status === 'connecting' || this.health.status === 'wait')
      await within(once(this.health, 'ready'), timeoutMs, 'Redis').catch(() => undefined);
    const answer = await within(this.health.ping(), timeoutMs, 'Redis');
    if (answer !== 'PONG') throw new Error('Redis gave an unexpected answer');
  }

  protected async closeConnections(): Promise<void> {
    for (const connection of this.owned) connection.disconnect();
  }

  private open(role: string, options: RedisOptions): Redis {
    const connection = new Redis(this.config.redisUrl, {
      connectionName: `${this.prefix}-${role}`,
      ...options,
    });
    // Reported through the queue's or worker's own 'error' event (or the health check); an
    // unhandled 'error' on a connection would end the process.
    connection.on('error', () => undefined);
    this.owned.push(connection);
    return connection;
  }
}
