import { contactReceived, thresholdMet } from '../fixtures/asv';
import { ServiceProcess } from '../support/child-process';
import { createTestDatabase } from '../support/database';
import { BackendTerminator } from '../support/pg-terminator';
import { ServiceClient } from '../support/service-client';
import { waitFor } from '../support/timers';

/** Rounds of termination: each ends every backend the service has on its database at that moment. */
const ROUNDS = 150;
const PAUSE_MS = 20;
const CONCURRENT_CLIENTS = 6;

/**
 * Issue 9, defect 1: PostgreSQL terminating the service's connections in quick succession (a
 * failover, an administrator) must never end the process. The service runs in a process of its
 * own (API, outbox and timers) on a database of its own; while clients keep creating and screening
 * referrals (each a transaction, each create a notification the outbox plans in another), every
 * backend of that database is terminated round after round. A crash shows as the process exiting.
 */
describe('PostgreSQL terminating every connection of the service, again and again', () => {
  let database: { name: string; url: string; drop: () => Promise<void> };
  let service: ServiceProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    service = await ServiceProcess.start({
      DATABASE_URL: database.url,
      MIGRATE_ON_START: 'false',
      QUEUE_PREFIX: `pgterm${process.pid}`,
      OUTBOX_POLL_MS: '50',
      RATE_LIMIT_MAX_REQUESTS: '1000000',
      LOG_LEVEL: 'warn',
    });
  }, 120_000);

  afterAll(async () => {
    await service?.kill();
    await database?.drop();
  });

  it('keeps the process alive and serving', async () => {
    const client = new ServiceClient(service.url);
    const answers = new Map<number, number>();
    let running = true;
    let n = 0;
    const clientLoop = async () => {
      while (running && !service.exit) {
        const key = `pgterm-${++n}`;
        const created = await client.post(
          '/asv-referrals',
          contactReceived({ receivedAt: new Date().toISOString() }),
          {
            key,
          },
        );
        answers.set(created.status, (answers.get(created.status) ?? 0) + 1);
        if (created.status === 201) {
          const screened = await client.post(
            `/asv-referrals/${String(created.body.id)}/screening`,
            thresholdMet(),
            {
              key: `${key}-screen`,
            },
          );
          answers.set(screened.status, (answers.get(screened.status) ?? 0) + 1);
        }
      }
    };
    const clients = Array.from({ length: CONCURRENT_CLIENTS }, clientLoop);
    const terminator = await BackendTerminator.start(database.name, PAUSE_MS);
    await waitFor(
      `${ROUNDS} rounds of termination`,
      async () => terminator.progress.rounds >= ROUNDS || service.exit !== undefined,
      120_000,
    );
    const report = await terminator.stop();
    running = false;
    await Promise.all(clients);

    expect({ exit: service.exit, log: crashLines(service.log) }).toEqual({ exit: undefined, log: [] });
    // The fault really happened, many times over, to a service under load (on a loaded machine a
    // round can find the service between connections, so not every round ends a backend).
    expect(report.terminated).toBeGreaterThan(ROUNDS / 2);
    expect([...answers.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(CONCURRENT_CLIENTS);
    // Once the terminations stop, the same process serves again: no restart was needed.
    await waitFor('the service to serve again', async () => {
      const created = await client.post(
        '/asv-referrals',
        contactReceived({ receivedAt: new Date().toISOString() }),
        {
          key: 'pgterm-after',
        },
      );
      return created.status === 201;
    });
    expect(service.exit).toBeUndefined();
  }, 180_000);
});

/** Lines of a crash or an unhandled error event in a process's output. */
function crashLines(log: string): string[] {
  return log
    .split('\n')
    .filter((line) =>
      /Unhandled 'error' event|Emitted 'error' event|uncaughtException|unhandledRejection/.test(line),
    );
}
