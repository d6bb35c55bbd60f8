import Redis from 'ioredis';
import type { AppConfig } from '@app/persistence';
import { PostgresQueues } from './postgres-queues';
import { QueueBackend, QueueBackendKind } from './queue-backend';
import { RedisQueues } from './redis-queues';

export type QueueBackendConfig = Pick<
  AppConfig,
  'queueBackend' | 'redisUrl' | 'queuePrefix' | 'databaseUrl' | 'queueSchema'
>;

/** How long start-up waits for a Redis that may not be there before choosing PostgreSQL. */
const REDIS_PROBE_MS = 1000;

/** True when a Redis answers PING at the URL now; never waits longer than timeoutMs. */
export async function redisAnswers(url: string, timeoutMs = REDIS_PROBE_MS): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  try {
    const answer = await Promise.race([
      client.connect().then(() => client.ping()),
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), timeoutMs);
      }),
    ]);
    return answer === 'PONG';
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

/**
 * The backend the configuration names. 'auto' (outside production, with neither QUEUE_BACKEND nor
 * REDIS_URL set: see AppConfig.queueBackend) is Redis when the default one answers now, else
 * PostgreSQL. A process that chose differently from an earlier one loses nothing: the
 * reconciler rebuilds every job from the workflow rows at start.
 */
export async function queueBackendKind(config: QueueBackendConfig): Promise<QueueBackendKind> {
  if (config.queueBackend !== 'auto') return config.queueBackend;
  return (await redisAnswers(config.redisUrl)) ? 'redis' : 'postgres';
}

/** The queue factory for this configuration (see QueueBackend). */
export async function openQueueBackend(config: QueueBackendConfig): Promise<QueueBackend> {
  return (await queueBackendKind(config)) === 'redis' ? new RedisQueues(config) : new PostgresQueues(config);
}
