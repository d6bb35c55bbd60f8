import { Logger } from '@nestjs/common';

const logger = new Logger('PostgresConnections');

/** Anything that emits 'error': a pg Client, a pg Pool. */
interface ErrorEmitter {
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * A connection error as it is logged: its class, code and message (server or socket text, never a
 * query or a value). `class`, not `name`: the log's redaction list censors every `name` key.
 */
function described(error: unknown): { code?: string; class: string; message: string } {
  const { code, name, message } = (error ?? {}) as { code?: unknown; name?: unknown; message?: unknown };
  return {
    code: typeof code === 'string' ? code : undefined,
    class: typeof name === 'string' ? name : 'Error',
    message: typeof message === 'string' ? message.slice(0, 200) : '',
  };
}

/**
 * Logs a connection-level error of one pooled client. The pool's own listener (while the client is
 * idle) and TypeORM's (while a query runner holds it) do the recovering: the client is dropped and
 * the next query gets a fresh one. This listener is there so that an error arriving when neither is
 * attached (pg-pool removes its idle listener as it hands a client out, and TypeORM attaches its
 * own a moment later: node-postgres issue 2762) is never an unhandled 'error' event, which would
 * end the process.
 */
export function logClientError(error: unknown): void {
  logger.warn({ err: described(error) }, 'PostgreSQL connection lost; the pool replaces it');
}

/** A pool-level error (an idle client died): the pool has already removed the client. */
export function logPoolError(error: unknown): void {
  logger.warn({ err: described(error) }, 'PostgreSQL pool dropped an idle connection');
}

/**
 * pg-pool's onConnect hook: attaches the error listener to every client the moment it has
 * connected, before the pool first hands it out, for the whole life of the client.
 */
export function listenForConnectionErrors(client: ErrorEmitter): void {
  client.on('error', logClientError);
}
