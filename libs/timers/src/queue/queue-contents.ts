import { PostgresQueues } from './postgres-queues';
import { QueueBackend } from './queue-backend';
import { RedisQueues } from './redis-queues';

/**
 * Takes every job, scheduler and event the queue's datastore holds for this deployment, as a lost
 * Redis would (FLUSHALL, a new empty instance): on Redis every key under the deployment's prefix;
 * on PostgreSQL every row of BullMQ's schema, whose tables stay. For recovery drills, tests and the
 * bench: the reconciler's next pass rebuilds the jobs from the workflow rows. Returns how many
 * keys or rows went.
 */
export async function loseQueueContents(backend: QueueBackend): Promise<number> {
  if (backend instanceof RedisQueues) {
    let cursor = '0';
    let deleted = 0;
    do {
      const [next, keys] = await backend.connection.scan(
        cursor,
        'MATCH',
        `${backend.prefix}:*`,
        'COUNT',
        5000,
      );
      if (keys.length > 0) deleted += await backend.connection.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    return deleted;
  }
  const postgres = backend as PostgresQueues;
  const tables = (await queueTables(postgres)).map((name) => `"${postgres.schema}"."${name}"`);
  if (tables.length === 0) return 0;
  const client = await postgres.pool().connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ n: number }>(
      `SELECT (${tables.map((table) => `(SELECT count(*) FROM ${table})`).join(' + ')})::int AS n`,
    );
    await client.query(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`);
    await client.query('COMMIT');
    return rows[0]!.n;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** What the queue's data takes in its datastore: Redis's used memory, or the size of BullMQ's tables. */
export async function queueStorageBytes(backend: QueueBackend): Promise<number> {
  if (backend instanceof RedisQueues) {
    const info = await backend.connection.info('memory');
    return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
  }
  const postgres = backend as PostgresQueues;
  const { rows } = await postgres.pool().query<{ bytes: string }>(
    `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::text AS bytes FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`,
    [postgres.schema],
  );
  return Number(rows[0]!.bytes);
}

/** BullMQ's tables in its schema, but its migration ledger (which describes the schema, not the queue). */
async function queueTables(postgres: PostgresQueues): Promise<string[]> {
  const { rows } = await postgres.pool().query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind = 'r' AND c.relname <> 'migration' ORDER BY 1`,
    [postgres.schema],
  );
  return rows.map((row) => row.name);
}
