import request from 'supertest';
import { OutboxDispatcher } from '@app/timers';
import { WorkingDayCalendar } from '@app/workflows';
import {
  DEMO_FAILING_WEBHOOK,
  demoAnchor,
  type DemoApi,
  failedDelivery,
  loadDemo,
} from '../../scripts/demo/demo-loader';
import { BoardQuery } from '../../apps/api/src/console/board/board.query';
import { startTestApp, TestApp } from '../support/app';
import { authorization, Role } from '../support/auth';
import { countRows, query } from '../support/rows';
import { fireDueSteps, waitForOutbox } from '../support/timers';

/** Wednesday 25 November 2026, 11:00 in London. */
const NOW = '2026-11-25T11:00:00Z';

/** The API through HTTP as a client calls it, with a token per actor. */
function apiOf(t: TestApp): DemoApi {
  return {
    async call(method, path, as, body, idempotencyKey) {
      const auth = await authorization(t, as.role as Role, { sub: as.sub, area: as.area });
      let req = request(t.app.getHttpServer())
        [method === 'GET' ? 'get' : method === 'PUT' ? 'put' : 'post'](path)
        .set(auth);
      if (idempotencyKey) req = req.set('Idempotency-Key', idempotencyKey);
      const res = body === undefined ? await req : await req.send(body as object);
      if (res.status >= 300)
        throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
      return res.body as Record<string, unknown>;
    },
  };
}

/** Every table the demo writes to, by rows (the access log, which records each request, aside). */
async function demoRows(databaseUrl: string): Promise<Record<string, number>> {
  const { access_log: _log, ...rest } = await countRows(databaseUrl);
  return rest;
}

/**
 * The demo loader (`npm run demo`) against a database of its own: through the real API, the real
 * worker firing what is due on the service's clock, then a service with a webhook subscriber that
 * is not listening. It yields overdue, at-risk and failed workflows, raises no "no one to notify"
 * incident, and a second run writes nothing new.
 */
describe('npm run demo', () => {
  let t: TestApp;
  const calendar = new WorkingDayCalendar();

  let parts: Awaited<ReturnType<typeof loadDemo>>;

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set(NOW);
    parts = await loadDemo({ api: apiOf(t), now: new Date(NOW), calendar, at: (when) => t.clock.set(when) });
    await settle();
    await failingPhase();
  }, 300_000);
  afterAll(() => t?.close());

  async function settle(): Promise<void> {
    for (let pass = 0; pass < 3; pass++) {
      await waitForOutbox(t, undefined, 60_000);
      await fireDueSteps(t);
    }
    const dispatcher = t.app.get(OutboxDispatcher);
    await dispatcher.drain();
  }

  /**
   * As `npm run demo` does, once the first service has closed: a service with the failing subscriber
   * and one attempt delivers the webhook. The test's own service stands its outbox loop aside
   * meanwhile, or it could claim the webhook first (it has no such subscriber and more attempts) and
   * put it off for a retry, leaving nothing failed.
   */
  async function failingPhase(): Promise<void> {
    const own = t.app.get(OutboxDispatcher);
    await own.onApplicationShutdown();
    try {
      await deliverThroughFailingService();
    } finally {
      own.onApplicationBootstrap();
    }
  }

  async function deliverThroughFailingService(): Promise<void> {
    const failing = await startTestApp(
      {
        PROCESS_ROLE: 'api',
        WEBHOOK_ENDPOINTS: DEMO_FAILING_WEBHOOK.endpoint,
        WEBHOOK_SECRETS: DEMO_FAILING_WEBHOOK.secret,
        OUTBOX_MAX_ATTEMPTS: '1',
        HTTP_TIMEOUT_MS: '1000',
      },
      t.clock,
      { databaseUrl: t.databaseUrl },
    );
    try {
      await failedDelivery({
        api: apiOf(failing),
        now: new Date(NOW),
        calendar,
        at: (when) => t.clock.set(when),
      });
      await failing.app.get(OutboxDispatcher).drain();
      await failing.app.get(OutboxDispatcher).drain();
    } finally {
      await failing.app.close();
    }
  }

  it('loads on-time, at-risk, overdue and failed cases in three areas, with no one left to notify', async () => {
    expect(parts.map((p) => [p.name, p.count])).toEqual([
      ['duty teams (and a duty managers rota per area)', 32],
      ['chairs', 3],
      ['allegations against staff (ASV)', 30],
      ['families with initial conferences', 12],
      ['children on plans (their families’ conferences decided)', 5],
    ]);
    const board = await t.app.get(BoardQuery).page('overdue', {}, { areas: 'all', excludeTypes: [] });
    expect(board.counts.overdue).toBeGreaterThan(0);
    expect(board.counts['at-risk']).toBeGreaterThan(0);
    expect(board.counts.failed).toBe(1);
    const byArea = await query<{ area: string; type: string; n: number }>(
      t.databaseUrl,
      `SELECT area, type, count(*)::int AS n FROM workflow_instance GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(byArea.map((r) => `${r.area} ${r.type}`)).toEqual(
      ['east', 'north', 'south'].flatMap((area) =>
        ['asv-referral', 'child-protection-plan', 'conference', 'distribution'].map(
          (type) => `${area} ${type}`,
        ),
      ),
    );
    // Escalations fired (the warnings behind "at risk"), and every one reached someone's inbox.
    const [steps] = await query<{ n: number }>(
      t.databaseUrl,
      `SELECT count(*)::int AS n FROM workflow_journal WHERE event_type = 'deadline.step'`,
    );
    expect(steps!.n).toBeGreaterThan(0);
    const incidents = await query<{ kind: string; detail: string; reference: string }>(
      t.databaseUrl,
      `SELECT i.kind, i.detail, w.reference FROM workflow_incident i JOIN workflow_instance w ON w.id = i.workflow_id ORDER BY i.created_at`,
    );
    // The one failed workflow's: its notifications' webhooks (received, and redirected to the front door), nothing else.
    expect(incidents.length).toBeGreaterThan(0);
    expect(new Set(incidents.map((i) => i.reference)).size).toBe(1);
    for (const incident of incidents) {
      expect(incident).toMatchObject({
        kind: 'effect-failed',
        detail: expect.stringMatching(/^notification\.webhook failed 1 times/),
      });
    }
    const [undelivered] = await query<{ n: number }>(
      t.databaseUrl,
      `SELECT count(*)::int AS n FROM notification WHERE resolved_via = 'none'`,
    );
    expect(undelivered!.n).toBe(0);
    // Booked conferences within their timescale (three booked, four decided), and the overdue ones
    // (three initial conferences with no date, the south's review): the third chart has both.
    const [conferences] = await query<{ within: number; outside: number }>(
      t.databaseUrl,
      `SELECT count(*) FILTER (WHERE (snapshot #>> '{context,booking,date}') <= (snapshot #>> '{context,clocks,dueDate}'))::int AS within,
              count(*) FILTER (WHERE snapshot #> '{context,booking}' = 'null'::jsonb AND (snapshot #>> '{context,clocks,dueDate}') < '2026-11-25')::int AS outside
         FROM workflow_instance WHERE type = 'conference'`,
    );
    expect(conferences).toEqual({ within: 7, outside: 4 });
  });

  it('puts the decided families’ children on the register, with their review conferences on the board', async () => {
    const api = apiOf(t);
    const register: Record<string, Record<string, unknown>[]> = {};
    for (const area of ['north', 'south', 'east']) {
      const answer = await api.call('GET', '/register', {
        role: 'coordinator',
        sub: `coordinator-${area}`,
        area,
      });
      register[area] = answer.items as Record<string, unknown>[];
    }
    const categories = (area: string) => register[area]!.map((e) => e.latestCategory).sort();
    // Neglect, emotional and both (multiple) in the north; physical in the south; sexual in the
    // east, where the sibling has a child in need plan and is not on the register.
    expect(categories('north')).toEqual(['EMO', 'MUL', 'NEG']);
    expect(categories('south')).toEqual(['PHY']);
    expect(categories('east')).toEqual(['SAB']);
    const eastHousehold = String(register.east![0]!.householdId);
    const eastChildren = await query<{ n: number }>(
      t.databaseUrl,
      `SELECT jsonb_array_length(snapshot #> '{context,children}')::int AS n FROM workflow_instance
        WHERE type = 'conference' AND snapshot #>> '{context,kind}' = 'initial' AND snapshot #>> '{context,householdId}' = $1`,
      [eastHousehold],
    );
    expect(eastChildren).toEqual([{ n: 2 }]);
    // One core group met (no longer due); the others' still due.
    const all = Object.values(register).flat();
    expect(all.filter((e) => e.coreGroupDue === null)).toHaveLength(1);
    // Every plan is a plan workflow the engine started from a decision; none with an incident.
    const plans = await query<{ n: number; incidents: number }>(
      t.databaseUrl,
      `SELECT count(*)::int AS n, coalesce(sum(open_incidents), 0)::int AS incidents FROM workflow_instance
        WHERE type = 'child-protection-plan' AND parent_id IS NOT NULL`,
    );
    expect(plans).toEqual([{ n: 5, incidents: 0 }]);
    // The review conferences: the south's overdue, the north family's at risk (warned, not yet due).
    const reviews = await query<{ area: string; overdue: boolean; warned: boolean }>(
      t.databaseUrl,
      `SELECT area, next_due_at <= $1 AS overdue, warned FROM workflow_instance
        WHERE type = 'conference' AND snapshot #>> '{context,kind}' = 'review' AND status = 'active' ORDER BY next_due_at`,
      [NOW],
    );
    expect(reviews).toHaveLength(4);
    expect(reviews[0]).toEqual({ area: 'south', overdue: true, warned: true });
    expect(reviews[1]).toEqual({ area: 'north', overdue: false, warned: true });
  });

  it('writes nothing new when run again', async () => {
    const before = await demoRows(t.databaseUrl);
    // A later run finds the time the first was built around, so it makes the same requests.
    await expect(demoAnchor(apiOf(t), new Date('2026-12-09T15:00:00Z'))).resolves.toEqual(new Date(NOW));
    await loadDemo({ api: apiOf(t), now: new Date(NOW), calendar, at: (when) => t.clock.set(when) });
    await failingPhase();
    await waitForOutbox(t, undefined, 60_000);
    expect(await demoRows(t.databaseUrl)).toEqual(before);
  });
});
