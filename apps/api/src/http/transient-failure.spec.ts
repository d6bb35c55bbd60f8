import { QueryFailedError } from 'typeorm';
import { isTransientFailure } from './transient-failure';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });
const named = (name: string, message = 'failed') => Object.assign(new Error(message), { name });

describe('isTransientFailure', () => {
  it.each([
    [
      'a backend terminated by an administrator or a failover (57P01)',
      withCode('57P01', 'terminating connection due to administrator command'),
    ],
    ['a server crash shutdown (57P02)', withCode('57P02')],
    ['a server starting up or in recovery (57P03)', withCode('57P03', 'the database system is starting up')],
    ['too many connections (53300)', withCode('53300', 'sorry, too many clients already')],
    ['a connection exception (08006)', withCode('08006')],
    ['a connection that could not be made (08001)', withCode('08001')],
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', withCode('ECONNRESET')],
    ['a connection that timed out', withCode('ETIMEDOUT')],
    ['pg: connection terminated unexpectedly', new Error('Connection terminated unexpectedly')],
    ['pg: connection timeout', new Error('Connection terminated due to connection timeout')],
    ['pg-pool: no connection in time', new Error('timeout exceeded when trying to connect')],
    [
      'pg: a client that errored',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    ['ioredis: a closed connection', new Error('Connection is closed.')],
    [
      'ioredis: no offline queue',
      new Error("Stream isn't writeable and enableOfflineQueue options is false"),
    ],
    [
      'ioredis: Redis away past the retries',
      named('MaxRetriesPerRequestError', 'Reached the max retries per request limit'),
    ],
    ['TypeORM: a runner released when its connection failed', named('QueryRunnerAlreadyReleasedError')],
    [
      'TypeORM: a transaction whose runner was released when its connection failed',
      named('QueryRunnerProviderAlreadyReleasedError'),
    ],
  ])('is transient: %s', (_, error) => {
    expect(isTransientFailure(error)).toBe(true);
  });

  it('looks inside TypeORM QueryFailedError, causes and aggregate errors', () => {
    expect(isTransientFailure(new QueryFailedError('SELECT 1', [], withCode('57P01')))).toBe(true);
    expect(
      isTransientFailure(
        new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly')),
      ),
    ).toBe(true);
    expect(isTransientFailure(new Error('wrapped', { cause: withCode('ECONNREFUSED') }))).toBe(true);
    expect(isTransientFailure(new AggregateError([new Error('x'), withCode('ECONNREFUSED')]))).toBe(true);
  });

  it.each([
    ['a unique violation', new QueryFailedError('INSERT', [], withCode('23505'))],
    ['a check violation', withCode('23514')],
    ['a syntax error', withCode('42601')],
    ['a foreign key violation', withCode('23503')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a string', 'Connection terminated unexpectedly'],
    ['nothing', undefined],
    ['null', null],
  ])('is not transient: %s', (_, error) => {
    expect(isTransientFailure(error)).toBe(false);
  });

  it('stops at a cause cycle', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(isTransientFailure(a)).toBe(false);
  });
});
