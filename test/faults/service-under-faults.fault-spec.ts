import { randomBytes } from 'node:crypto';
import { ManualClock, WORKFLOW_DEFINITIONS } from '@app/workflows';
import { startTestApp, TestApp } from '../support/app';
import { ServiceProcess } from '../support/child-process';
import { createTestDatabase } from '../support/database';
import { BackendTerminator, TerminationReport } from '../support/pg-terminator';
import { PrivateRedis } from '../support/redis-server';
import { ServiceClient } from '../support/service-client';
import { WebhookReceiver } from '../support/webhook-receiver';
import { CheckedCounts, Invariants } from './invariants';
import { Load } from './load';
import { formatReport, PhaseReport } from './report';

/** Clients sending at once. */
const CONCURRENCY = 4;
/** The termination fault: every backend of the suite's database, this often, for this long. */
const TERMINATION_PAUSE_MS = 120;
const TERMINATION_FOR_MS = 10_000;
const SECRET = randomBytes(32).toString('hex');

/**
 * The fault suite (issue 9): the whole service in a process of its own, on a database and a
 * redis-server of the suite's own, under a bounded concurrent load of ASV referrals (create,
 * screening, contact, each with an Idempotency-Key), while the suite in turn SIGKILLs it and
 * restarts it, terminates every PostgreSQL backend of its database several times a second for ten
 * seconds, stops and restarts its Redis, and flushes it. After each fault every request that got
 * no 2xx is sent again with the same key, the service is left to finish its effects, and the
 * invariants are checked (invariants.ts): every 2xx has its journal row and nothing else does, no
 * gap in any sequence, each effect once with one delivery, deadlines and Redis jobs agree after a
 * reconciler pass, every journal replays, and the process is alive (or was restarted by the suite)
 * with no unhandled error in its output. Invariants, never timings: the times printed are figures.
 */
describe('The service under faults: SIGKILL, terminated backends, Redis stopped and flushed', () => {
  const runId = `f${process.pid}`;
  let database: { name: string; url: string; drop: () => Promise<void> };
  let redis: PrivateRedis;
  let receiver: WebhookReceiver;
  let inspector: TestApp;
  let service: ServiceProcess;
  const services: ServiceProcess[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await PrivateRedis.start();
    receiver = new WebhookReceiver(SECRET);
    await receiver.start();
    env = {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: runId,
      MIGRATE_ON_START: 'false',
      PROCESS_ROLE: 'all',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX_REQUESTS: '1000000',
      OUTBOX_POLL_MS: '200',
      OUTBOX_BACKOFF_MS: '100',
      OUTBOX_MAX_ATTEMPTS: '40',
      OUTBOX_LEASE_MS: '5000',
      RECONCILE_PERIOD_SECONDS: '10',
      TIMER_BACKOFF_MS: '100',
      WEBHOOK_ENDPOINTS: `case-system=${receiver.url}`,
      WEBHOOK_SECRETS: `case-system=${SECRET}`,
    };
    service = await start();
    // The suite's own view of the same database and Redis (an API-only process: no worker, no
    // dispatcher), for the reconciler pass and the replay the checks run.
    inspector = await startTestApp(
      { PROCESS_ROLE: 'api', REDIS_URL: redis.url, QUEUE_PREFIX: runId },
      new ManualClock(new Date()),
      { databaseUrl: database.url, definitions: WORKFLOW_DEFINITIONS },
    );
  }, 180_000);

  afterAll(async () => {
    await Promise.all(services.map((s) => s.kill()));
    await inspector?.close();
    await redis?.stop();
    await receiver?.stop();
    await database?.drop();
  });

  async function start(port?: number): Promise<ServiceProcess> {
    const started = await ServiceProcess.start(env, port);
    services.push(started);
    return started;
  }

  it('loses nothing, duplicates nothing, replays clean and stays up (or is restarted) through every fault', async () => {
    const client = new ServiceClient(service.url);
    // Notifications of new contacts reach the co-ordinators' team inbox, and the subscriber by webhook.
    const team = await client.put(
      '/duty-teams',
      {
        area: 'north',
        recipient: 'coordinator',
        name: 'North co-ordinators',
        fallbackEmail: 'north-coordinators@council.example',
        fallbackSubject: 'north-coordinators',
      },
      { role: 'manager' },
    );
    expect(team.status).toBe(200);

    const load = new Load(client, runId);
    const invariants = new Invariants(inspector, database.url, receiver);
    const phases: PhaseReport[] = [];
    let kills = 0;
    let terminations: TerminationReport = { rounds: 0, terminated: 0 };

    /** Runs the load with the fault, re-sends, lets the service settle, and checks everything. */
    /**
     * Runs the load with the fault, re-sends, lets the service settle, and checks everything. The
     * fault calls `recovered(since)` once per time it ends (a kill: from the kill, through the
     * restart; the others: from the moment the dependency is back), which times /health's 200.
     */
    async function phase(
      name: string,
      referrals: number,
      fault: (recovered: (since: number) => Promise<void>) => Promise<void>,
    ): Promise<{ report: PhaseReport; counts: CheckedCounts }> {
      const attemptsBefore = load.requests.reduce((n, q) => n + q.statuses.length, 0);
      const requestsBefore = load.requests.length;
      const healthyAfterMs: number[] = [];
      const recovered = async (since: number) => {
        healthyAfterMs.push(await timeToHealthy(service.url, since));
      };
      // The load and the fault at once; a load that fails (a 4xx) fails the phase at once.
      await Promise.all([load.run(`p${phases.length + 1}`, referrals, CONCURRENCY), fault(recovered)]);
      const { resent, deferred } = await load.resendUnanswered();
      await invariants.outboxQuiet();
      const counts = await invariants.check(load);
      expect(service.exit).toBeUndefined();
      for (const s of services)
        expect({ port: s.port, problems: problemsIn(s.log) }).toEqual({ port: s.port, problems: [] });
      const requests = load.requests.slice(requestsBefore);
      const attempts = load.requests.flatMap((q) => q.statuses).slice(attemptsBefore);
      const report: PhaseReport = {
        name,
        requests: requests.length,
        attempts: attempts.length,
        committed: requests.filter((q) => q.answer).length,
        resent,
        deferred,
        replayed: requests.reduce((n, q) => n + q.replays, 0),
        noAnswer: attempts.filter((s) => s === 0).length,
        byStatus5xx: countBy(attempts.filter((s) => s >= 500)),
        healthyAfterMs,
      };
      phases.push(report);
      return { report, counts };
    }

    const untilReferrals = (n: number) => waitUntil(`${n} referrals sent`, () => load.referrals.length >= n);

    await phase('SIGKILL and restart (twice)', 60, async (recovered) => {
      const from = load.referrals.length;
      for (const after of [12, 30]) {
        await untilReferrals(from + after);
        const port = service.port;
        const killedAt = Date.now();
        await service.kill();
        kills += 1;
        expect(service.exit?.signal).toBe('SIGKILL');
        service = await start(port); // as a supervisor (compose's restart policy) does
        await recovered(killedAt);
      }
    });

    await phase('every backend terminated, 10 s', 400, async (recovered) => {
      const terminator = await BackendTerminator.start(database.name, TERMINATION_PAUSE_MS);
      await new Promise((r) => setTimeout(r, TERMINATION_FOR_MS)); // the length of the fault itself
      terminations = await terminator.stop();
      await recovered(Date.now());
      load.stop();
    });

    await phase('Redis stopped and restarted', 60, async (recovered) => {
      const from = load.referrals.length;
      await untilReferrals(from + 10);
      await redis.stop();
      await untilReferrals(from + 30); // twenty referrals while Redis is away
      await redis.start();
      await recovered(Date.now());
    });

    const last = await phase('Redis flushed', 40, async (recovered) => {
      const from = load.referrals.length;
      await untilReferrals(from + 10);
      await redis.flushAll();
      await recovered(Date.now());
    });

    // The faults really happened, and the load really ran through them.
    expect(kills).toBe(2);
    expect(terminations.rounds).toBeGreaterThan(10);
    expect(terminations.terminated).toBeGreaterThan(0);
    expect(phases.every((p) => p.requests > 0 && p.committed === p.requests)).toBe(true);
    // A request caught by a fault is answered 503 (retry) or not at all (the process was killed): never 500.
    for (const p of phases)
      expect(Object.keys(p.byStatus5xx).filter((status) => status !== '503')).toEqual([]);

    process.stdout.write(formatReport(phases, last.counts, { kills, terminations }));
  }, 600_000);
});

/** Milliseconds from `since` until /health answers 200 (PostgreSQL and Redis both up). */
async function timeToHealthy(baseUrl: string, since: number): Promise<number> {
  await waitUntil(
    'the service to be healthy',
    async () => {
      try {
        return (await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(5000) })).status === 200;
      } catch {
        return false;
      }
    },
    120_000,
  );
  return Date.now() - since;
}

async function waitUntil(
  what: string,
  done: () => boolean | Promise<boolean>,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50)); // polling work done elsewhere
  }
}

/** A crash, an unhandled error event or rejection, or a 500 the filter logged, in a process's output. */
function problemsIn(log: string): string[] {
  return log
    .split('\n')
    .filter((line) =>
      /Unhandled 'error' event|Emitted 'error' event|uncaughtException|unhandledRejection|"msg":"Unhandled error"/.test(
        line,
      ),
    )
    .slice(0, 5);
}

function countBy(statuses: number[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}
