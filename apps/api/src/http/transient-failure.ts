/**
 * Is this error a dependency failing for a moment (PostgreSQL or Redis dropped, restarting or
 * full), after which the same request is expected to succeed? Such a request answers 503 with
 * Retry-After instead of a 500: a transaction that loses its connection is rolled back (or, if its
 * commit got through, is in the journal), so a retry with the same Idempotency-Key is safe.
 *
 * Pure: it reads an error's code, name and message, and those of the errors it wraps (TypeORM's
 * QueryFailedError keeps the driver's error as `driverError`; others use `cause`, AggregateError
 * `errors`).
 */
export function isTransientFailure(error: unknown): boolean {
  return someErrorIn(error, 4, isTransientItself);
}

/** SQLSTATEs of a server that is going away, restarting, or has no room for another connection. */
const TRANSIENT_SQLSTATES = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, a failover
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, or in recovery
  '53300', // too_many_connections
]);
/** Class 08: connection exception (08000, 08003, 08006, 08001, 08004…). */
const CONNECTION_EXCEPTION_CLASS = /^08[0-9A-Z]{3}$/;

/** Socket errors on the way to PostgreSQL or Redis. */
const TRANSIENT_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** Errors without a code that say a connection ended or could not be had. */
const TRANSIENT_MESSAGES = [
  /^Connection terminated/, // pg: "Connection terminated unexpectedly", "… due to connection timeout"
  /^timeout exceeded when trying to connect$/, // pg-pool
  /not queryable$/, // pg: "Client has encountered a connection error and is not queryable"
  /^Connection is closed\.?$/, // ioredis
  /^Stream isn't writeable and enableOfflineQueue options is false$/, // ioredis
];

/** Error classes that only a lost connection produces. */
const TRANSIENT_NAMES = new Set([
  'MaxRetriesPerRequestError', // ioredis, Redis away for longer than the retries of one command
  // TypeORM: a query runner is released when its connection errors; the transaction's next query
  // then meets one of these instead of a connection error.
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
]);

function isTransientItself(error: object): boolean {
  const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (TRANSIENT_SQLSTATES.has(code) || CONNECTION_EXCEPTION_CLASS.test(code)) return true;
    if (TRANSIENT_SOCKET_CODES.has(code)) return true;
  }
  if (typeof name === 'string' && TRANSIENT_NAMES.has(name)) return true;
  return typeof message === 'string' && TRANSIENT_MESSAGES.some((pattern) => pattern.test(message));
}

function someErrorIn(error: unknown, depth: number, test: (error: object) => boolean): boolean {
  if (typeof error !== 'object' || error === null || depth < 0) return false;
  if (test(error)) return true;
  const { driverError, cause, errors } = error as {
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  return (
    someErrorIn(driverError, depth - 1, test) ||
    someErrorIn(cause, depth - 1, test) ||
    (Array.isArray(errors) && errors.some((inner) => someErrorIn(inner, depth - 1, test)))
  );
}
