// `npm run demo`: loads the demo's fictional cases (scripts/demo/demo-loader.ts) into the configured
// database through the service's own HTTP API, then lets the service's timers fire what is due, so
// the board shows overdue, at-risk and failed workflows at once. Refused in production. Running it
// again writes nothing new: every request carries the Idempotency-Key of its first run.
//
// Two short-lived services on loopback, one after the other: the first (API and worker) loads the
// cases and fires the escalations that are due; the second, configured with one webhook subscriber
// that is not listening and a single attempt, records the contact whose notification fails.
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type AppConfig, ensureDatabaseExists, loadConfig } from '@app/persistence';
import { DeadlineQueue, DeadlineReconciler, OutboxDispatcher } from '@app/timers';
import { type Clock, ManualClock, SystemClock, WorkingDayCalendar } from '@app/workflows';
import { signDevToken } from '../apps/api/src/auth/dev-tokens';
import type { Role } from '../apps/api/src/auth/role';
import { createApp } from '../apps/api/src/bootstrap';
import {
  DEMO_FAILING_WEBHOOK,
  demoAnchor,
  type DemoActor,
  type DemoApi,
  type DemoPart,
  failedDelivery,
  loadDemo,
} from './demo/demo-loader';

/** The API over HTTP, with a development token per actor (as `npm run token` makes them). */
function httpApi(base: string, config: AppConfig, clock: Clock): DemoApi {
  return {
    async call(method, path, as: DemoActor, body, idempotencyKey) {
      const token = await signDevToken(
        config,
        { sub: as.sub, roles: [as.role as Role], area: as.area, coveringAreas: [] },
        { now: clock.now(), expiresInSeconds: 600 },
      );
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const answer = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      if (!res.ok)
        throw new Error(
          `${method} ${path} (${idempotencyKey ?? 'no key'}) answered ${res.status}: ${String(answer.detail ?? answer.title ?? '')}`,
        );
      return answer;
    },
  };
}

/** Until the outbox has nothing pending and the deadline-step queue nothing to run now, bounded. */
async function settle(app: INestApplication, dataSource: DataSource): Promise<void> {
  const started = Date.now();
  let quiet = 0;
  while (quiet < 3) {
    if (Date.now() - started > 180_000) throw new Error('the service did not settle within three minutes');
    await app.get(OutboxDispatcher).drain();
    await app.get(DeadlineReconciler).reconcile();
    const counts = await app.get(DeadlineQueue).queue.getJobCounts('waiting', 'active', 'prioritized');
    const [{ n }] = (await dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE status = 'pending'`,
    )) as { n: number }[];
    quiet = n === 0 && Object.values(counts).every((c) => c === 0) ? quiet + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function withService<T>(
  settings: Record<string, string>,
  run: (api: DemoApi, app: INestApplication, dataSource: DataSource) => Promise<T>,
  clock: Clock = new SystemClock(),
): Promise<T> {
  // On a port of its own (any free one), with the public address the real service has.
  const config = loadConfig({
    ...process.env,
    PUBLIC_BASE_URL: loadConfig().publicBaseUrl,
    PORT: '0',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ...settings,
  });
  const app = await createApp(config, clock);
  try {
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    return await run(httpApi(`http://127.0.0.1:${address.port}`, config, clock), app, app.get(DataSource));
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  const base = loadConfig();
  if (base.nodeEnv === 'production') throw new Error('the demo is not for production');
  await ensureDatabaseExists(base.databaseUrl);
  const calendar = new WorkingDayCalendar({ extraClosureDays: base.localClosureDays });
  const parts: DemoPart[] = [];
  // Each case is entered at its own time in the past (the service's clock set back), then the
  // clock comes to now and the timers fire what fell due in between.
  const clock = new ManualClock(new Date());
  let now = new Date();
  await withService(
    { PROCESS_ROLE: 'all', MIGRATE_ON_START: 'true' },
    async (api, app, dataSource) => {
      now = await demoAnchor(api, now);
      parts.push(...(await loadDemo({ api, now, calendar, at: (when) => clock.set(when) })));
      clock.set(new Date());
      await settle(app, dataSource);
    },
    clock,
  );
  await withService(
    {
      PROCESS_ROLE: 'api',
      WEBHOOK_ENDPOINTS: DEMO_FAILING_WEBHOOK.endpoint,
      WEBHOOK_SECRETS: DEMO_FAILING_WEBHOOK.secret,
      OUTBOX_MAX_ATTEMPTS: '1',
      HTTP_TIMEOUT_MS: '2000',
    },
    async (api, app) => {
      parts.push(await failedDelivery({ api, now, calendar, at: () => undefined }));
      await app.get(OutboxDispatcher).drain();
      await app.get(OutboxDispatcher).drain();
    },
  );
  const summary = await withService(
    { PROCESS_ROLE: 'api' },
    async (_api, _app, dataSource) =>
      (await dataSource.query(
        `SELECT count(*) FILTER (WHERE status = 'active' AND next_due_at <= now())::int AS overdue,
              count(*) FILTER (WHERE status = 'active' AND warned AND next_due_at > now())::int AS at_risk,
              count(*) FILTER (WHERE status = 'active' AND open_incidents > 0)::int AS failed,
              (SELECT count(*)::int FROM workflow_incident WHERE kind = 'notification-undeliverable') AS no_one_to_notify
         FROM workflow_instance`,
      )) as { overdue: number; at_risk: number; failed: number; no_one_to_notify: number }[],
  );
  for (const part of parts) process.stdout.write(`  ${String(part.count).padStart(3)} ${part.name}\n`);
  const s = summary[0]!;
  process.stdout.write(
    `demo loaded: ${s.overdue} overdue, ${s.at_risk} at risk, ${s.failed} failed, ${s.no_one_to_notify} with no one to notify.\n` +
      `npm start, then open http://localhost:${base.port}/console and sign in as "manager".\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
