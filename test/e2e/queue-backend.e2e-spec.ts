import { randomBytes } from 'node:crypto';
import type { PostgresQueueBackend } from 'bullmq';
import type { Pool } from 'pg';
import {
  openQueueBackend,
  PostgresQueues,
  QueueBackend,
  queueBackendKind,
  redisAnswers,
  RedisQueues,
} from '@app/timers';
import { loadConfig } from '@app/persistence';
import { adminQuery, createTestDatabase, databaseUrl, testRunId } from '../support/database';
import { PrivateRedis } from '../support/redis-server';

/** A closed port: nothing answers there. */
const NOWHERE = 'redis://127.0.0.1:1';

/**
 * The queue factory against real datastores: which backend 'auto' chooses, job presence as the
 * reconciler reads it, BullMQ's PostgreSQL pools and their error listeners, and a first connection
 * that fails and is tried again.
 */
describe('QueueBackend: the one factory of BullMQ queues and workers', () => {
  let redis: PrivateRedis;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const opened: QueueBackend[] = [];
  const open = async (env: Record<string, string>) => {
    const backend = await openQueueBackend(
      loadConfig({ DATABASE_URL: database.url, QUEUE_PREFIX: `qb${process.pid}`, ...env }),
    );
    opened.push(backend);
    return backend;
  };

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await Promise.all(opened.map((backend) => backend.close()));
    await database?.drop();
    await redis?.stop();
  });

  it("'auto' is Redis when one answers and PostgreSQL when none does; a named backend is taken as named", async () => {
    expect(await redisAnswers(redis.url)).toBe(true);
    expect(await redisAnswers(NOWHERE)).toBe(false);
    const auto = (redisUrl: string) => ({
      queueBackend: 'auto' as const,
      redisUrl,
      queuePrefix: 'x',
      databaseUrl: database.url,
      queueSchema: 'bullmq',
    });
    expect(await queueBackendKind(auto(redis.url))).toBe('redis');
    expect(await queueBackendKind(auto(NOWHERE))).toBe('postgres');
    expect(await queueBackendKind({ ...auto(redis.url), queueBackend: 'postgres' })).toBe('postgres');
    expect(await open({ QUEUE_BACKEND: 'redis', REDIS_URL: redis.url })).toBeInstanceOf(RedisQueues);
    expect(await open({ QUEUE_BACKEND: 'postgres', REDIS_URL: NOWHERE })).toBeInstanceOf(PostgresQueues);
  });

  it.each(['redis', 'postgres'])(
    'on %s, tells which of a batch of job ids the queue holds, in one round trip',
    async (kind) => {
      const backend = await open({ QUEUE_BACKEND: kind, REDIS_URL: kind === 'redis' ? redis.url : NOWHERE });
      const queue = backend.queue<{ n: number }>(`presence-${kind}`);
      await queue.addBulk([
        { name: 'step', data: { n: 1 }, opts: { jobId: 'a.1.warn.0', delay: 60_000 } },
        { name: 'step', data: { n: 2 }, opts: { jobId: 'b.1.warn.0' } },
      ]);
      expect(
        [...(await backend.presentJobIds(queue, ['a.1.warn.0', 'b.1.warn.0', 'c.1.warn.0']))].sort(),
      ).toEqual(['a.1.warn.0', 'b.1.warn.0']);
      expect(await backend.presentJobIds(queue, [])).toEqual(new Set());
      await backend.check(2000);
    },
  );

  it('puts an error listener on every client of the pools BullMQ opens, also while a client is handed out', async () => {
    const backend = await open({ QUEUE_BACKEND: 'postgres', REDIS_URL: NOWHERE });
    const queue = backend.queue('listeners');
    await queue.waitUntilReady();
    const pool = (queue.getBackend() as unknown as PostgresQueueBackend).connection.pool as unknown as Pool;
    const client = await pool.connect();
    try {
      // node-postgres' pool takes its own idle listener off a client it hands out: this one is ours.
      expect(client.listenerCount('error')).toBeGreaterThan(0);
      const dropped = new Promise((resolve) => client.once('error', resolve));
      await adminQuery(
        `SELECT pg_terminate_backend(${(client as unknown as { processID: number }).processID})`,
      );
      await dropped; // emitted, heard, and the process is still here
    } finally {
      client.release(true);
    }
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 0 });
  });

  it('a queue whose database was not there when it first connected works once it is', async () => {
    const name = `cpw_test_${testRunId()}_${randomBytes(5).toString('hex')}`;
    const backend = new PostgresQueues({ databaseUrl: databaseUrl(name), queueSchema: 'bullmq' });
    opened.push(backend);
    const queue = backend.queue('late-database');
    await expect(queue.getJobCounts('waiting')).rejects.toThrow(/does not exist/);
    await adminQuery(`CREATE DATABASE "${name}"`);
    try {
      await queue.add('step', {}, { jobId: 'first' });
      expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 1 });
      await backend.check(2000);
    } finally {
      await backend.close();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  });
});
