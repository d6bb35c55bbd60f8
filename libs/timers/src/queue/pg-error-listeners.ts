/** What this needs of a node-postgres pool; a real pg.Pool (ours or BullMQ's) is one. */
interface ErrorEmitter {
  on(event: 'error', listener: (error: Error) => void): unknown;
}
interface PoolLike extends ErrorEmitter {
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'connect', listener: (client: ErrorEmitter) => void): unknown;
}

/**
 * Gives every client of a pool an 'error' listener from the moment it connects, for as long as it
 * lives. node-postgres' pool listens on idle clients only: it drops that listener when it hands a
 * client out, and whoever borrowed it (BullMQ, TypeORM) attaches its own a moment later, so a
 * backend terminated in between (a failover, pg_terminate_backend) emits 'error' with no listener
 * and ends the process (node-postgres issue 2762). The pool's own 'error' covers idle clients.
 */
export function listenForErrorsOnEveryClient(pool: PoolLike, onError: (error: Error) => void): void {
  pool.on('error', onError);
  pool.on('connect', (client) => {
    client.on('error', onError);
  });
}
