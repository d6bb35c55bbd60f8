import type { Page } from 'playwright-core';
import { WorkflowEngine } from '@app/persistence';
import { OutboxDispatcher } from '@app/timers';
import { SYSTEM_ACTOR } from '@app/workflows';
import { demoCaseV1 } from '../fixtures/demo-case.machine';
import { type ConsoleHarness, expectAccessible, expectReflowsAt320, startConsole } from '../support/console';
import { query } from '../support/rows';

/** Friday 20 November 2026: the demo case's one-working-day screening is due Monday 23rd, missed from midnight. */
const RECEIVED_AT = '2026-11-20T10:00:00Z';
const AFTER_DEADLINE = '2026-11-25T09:00:00Z';
const UNREACHABLE = 'http://127.0.0.1:9/unreachable';

/**
 * The console in a real browser (Debian's chromium through playwright-core), signed in through a
 * real OpenID Connect provider process, against the real service on its own database and Redis.
 * The test plays the worker (PROCESS_ROLE=api, draining the outbox itself). The clock stands after
 * the cases' deadline, so a case received on the 20th is overdue when started. Each test starts
 * the cases it needs (its own references), so none depends on another having run.
 */
describe('Console: sign-in, board, workflow page, actions and the duty inbox in a browser', () => {
  let c: ConsoleHarness;
  let t: ConsoleHarness['t'];
  let base: string;
  let serial = 100;

  const http = () => c.http();
  const manager = () => c.manager();
  const signIn = (login: string, path?: string): Promise<Page> => c.signIn(login, path);

  /** A demo case received on the 20th (overdue now), with its own reference. */
  async function startCase(area: string, webhookUrl?: string): Promise<{ id: string; reference: string }> {
    const reference = `DEMO-${++serial}`;
    const res = await http()
      .post('/workflows')
      .set(await manager())
      .send({ type: 'demo-case', input: { reference, area, receivedAt: RECEIVED_AT, ...(webhookUrl ? { webhookUrl } : {}) } });
    if (res.status !== 201) throw new Error(`start answered ${res.status}: ${JSON.stringify(res.body)}`);
    return { id: res.body.id as string, reference };
  }

  /** A decided case whose webhook cannot be delivered: one attempt, then an incident on the workflow. */
  async function failingCase(): Promise<{ id: string; reference: string; incidentId: string }> {
    const started = await startCase('north', UNREACHABLE);
    await http()
      .post(`/workflows/${started.id}/events`)
      .set(await manager())
      .send({ type: 'case.decided', decision: 'accept' })
      .expect(200);
    await t.app.get(OutboxDispatcher).drain();
    const [incident] = await query<{ id: string }>(t.databaseUrl, `SELECT id FROM workflow_incident WHERE workflow_id = $1`, [started.id]);
    if (!incident) throw new Error('the failed webhook raised no incident');
    return { ...started, incidentId: incident.id };
  }

  /** A warning step for a case, as the timers send it: an escalation in the duty manager's inbox. */
  async function warn(id: string): Promise<void> {
    const [deadline] = await query<{ id: string }>(t.databaseUrl, `SELECT id FROM workflow_deadline WHERE workflow_id = $1`, [id]);
    await t.app.get(WorkflowEngine).send(
      id,
      {
        type: 'deadline.step',
        deadlineId: deadline!.id,
        kind: 'demo-screening',
        ladder: 'default',
        stepId: 'warn-1',
        step: 'warning',
        occurrence: 0,
        dueDate: '2026-11-23',
        dueAt: '2026-11-24T00:00:00.000Z',
        notify: ['duty_manager'],
      },
      { eventId: `console-e2e-warning-${id}`, actor: SYSTEM_ACTOR },
    );
    await t.app.get(OutboxDispatcher).drain();
    await t.app.get(OutboxDispatcher).drain();
  }

  const journalCount = async (id: string) =>
    (await query<{ n: number }>(t.databaseUrl, `SELECT count(*)::int AS n FROM workflow_journal WHERE workflow_id = $1`, [id]))[0]!.n;

  beforeAll(async () => {
    c = await startConsole([demoCaseV1], { OUTBOX_MAX_ATTEMPTS: '1', HTTP_TIMEOUT_MS: '1000' });
    t = c.t;
    base = c.base;
    t.clock.set(AFTER_DEADLINE);
    await http()
      .put('/duty-teams')
      .set(await manager())
      .send({ area: 'north', recipient: 'duty_manager', name: 'North duty managers', fallbackEmail: 'north-duty@council.example' })
      .expect(200);
    const days = Array.from({ length: 11 }, (_, i) => `2026-11-${String(20 + i)}`);
    await http()
      .put('/duty-rota')
      .set(await manager())
      .send({
        area: 'north',
        recipient: 'duty_manager',
        from: '2026-11-20',
        to: '2026-11-30',
        entries: days.map((date) => ({ date, subject: 'duty-manager', email: 'dm@council.example' })),
      })
      .expect(200);
  });

  afterAll(async () => {
    await c?.close();
  });

  it('a manager signs in, finds the overdue workflow on the board, and its page shows the state and the timeline', async () => {
    const overdue = await startCase('north');
    await warn(overdue.id);
    const [{ n: overdueCount }] = await query<{ n: number }>(
      t.databaseUrl,
      `SELECT count(*)::int AS n FROM workflow_instance WHERE status = 'active' AND next_due_at <= $1`,
      [AFTER_DEADLINE],
    );
    const page = await signIn('manager');
    await expect(page.locator('h1').textContent()).resolves.toContain('Workflows needing attention');
    // govuk-frontend's stylesheet is served and applies (its heading is bold), in Arial, not GDS Transport.
    const heading = await page.evaluate<{ weight: string; family: string }>(
      `(() => { const s = getComputedStyle(document.querySelector('h1')); return { weight: s.fontWeight, family: s.fontFamily }; })()`,
    );
    expect(heading).toEqual({ weight: '700', family: expect.stringMatching(/^arial/i) });
    const overdueTab = page.locator('.board-counts__item--active');
    await expect(overdueTab.textContent()).resolves.toMatch(new RegExp(`${overdueCount}\\s+Overdue`));
    await expectAccessible(page);
    await expectReflowsAt320(page);

    await page.click(`text=${overdue.reference}`);
    await page.waitForURL(`${base}/console/workflows/${overdue.id}`);
    await expect(page.locator('#current-state').textContent()).resolves.toContain('screening');
    await expect(page.locator('svg.statechart .state--current').getAttribute('data-state')).resolves.toBe('screening');
    await expect(page.locator('svg.statechart .state--current text').textContent()).resolves.toContain('(current state)');
    await expect(page.locator('.timeline').textContent()).resolves.toContain('Started in screening');
    await expect(page.locator('.ladder').textContent()).resolves.toMatch(/Fired:\s+warning \(warn-1\)/);
    await expect(page.locator('.ladder').textContent()).resolves.toMatch(/Not yet:\s+due \(due\)/);
    await expectAccessible(page);
    await expectReflowsAt320(page);

    // The reason is required: refused without one, and nothing is journaled.
    await page.selectOption('#force-to-state', 'decided');
    await page.click('button:has-text("Move by force")');
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter the reason');
    const journalBefore = await journalCount(overdue.id);

    await page.selectOption('#force-to-state', 'decided');
    await page.fill('#force-reason', 'Screened by telephone; recorded late');
    await page.click('button:has-text("Move by force")');
    await page.waitForURL(`${base}/console/workflows/${overdue.id}?done=forced`);
    await expect(page.locator('#current-state').textContent()).resolves.toContain('decided');
    const timeline = await page.locator('.timeline').textContent();
    expect(timeline).toContain('Moved by force from screening to decided');
    expect(timeline).toContain('Reason: Screened by telephone; recorded late');
    expect(timeline).toContain('manager manager');
    expect(await journalCount(overdue.id)).toBe(journalBefore + 1);

    // Bull Board takes the same session.
    const board = await page.request.get(`${base}/admin/queues`);
    expect(board.status()).toBe(200);
    await page.close();
  });

  it('a manager retries the failed effect of a workflow, with a reason, using the keyboard alone', async () => {
    const failing = await failingCase();
    const incident = { id: failing.incidentId };
    const page = await signIn('manager', `/console/workflows/${failing.id}`);
    await expectAccessible(page);
    await page.focus(`#resolve-reason-${incident.id}`);
    await page.keyboard.type('Receiver was down; it is back');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/console/workflows/${failing.id}?done=retried`);
    await expect(page.locator('.timeline').textContent()).resolves.toContain('Resolved an incident and retried its failed step');
    const [outbox] = await query<{ status: string; attempts: number }>(
      t.databaseUrl,
      `SELECT o.status, o.attempts FROM outbox o JOIN workflow_incident i ON i.outbox_id = o.id WHERE i.id = $1`,
      [incident.id],
    );
    expect(outbox).toEqual({ status: 'pending', attempts: 0 });
    await page.close();
  });

  it('a manager retries the failed steps of workflows selected on the failed list, with one reason', async () => {
    const failingToo = await failingCase();
    const page = await signIn('manager', '/console?view=failed');
    await expectAccessible(page);
    await expectReflowsAt320(page);
    // No reason: refused, nothing resolved.
    await page.check(`#select-${failingToo.id}`);
    await page.click('button:has-text("Retry the failed steps")');
    await page.waitForURL(`${base}/console?view=failed&error=reason`);
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter the reason');
    const open = () =>
      query<{ n: number }>(t.databaseUrl, `SELECT count(*)::int AS n FROM workflow_incident WHERE workflow_id = $1 AND resolved_at IS NULL`, [failingToo.id]);
    expect((await open())[0]!.n).toBe(1);

    await page.check(`#select-${failingToo.id}`);
    await page.fill('#retry-reason', 'Receiver restored after the outage');
    await page.click('button:has-text("Retry the failed steps")');
    await page.waitForURL(`${base}/console?view=failed&retried=1&skipped=0`);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('1 failed step retried');
    expect((await open())[0]!.n).toBe(0);
    const [journal] = await query<{ reason: string; actor_sub: string }>(
      t.databaseUrl,
      `SELECT payload->>'reason' AS reason, actor_sub FROM workflow_journal WHERE workflow_id = $1 AND event_type = 'engine.incident-resolved'`,
      [failingToo.id],
    );
    expect(journal).toEqual({ reason: 'Receiver restored after the outage', actor_sub: 'manager' });
    await page.close();
  });

  it('charts the workflows by state and the deadlines met by week, with the figures as tables', async () => {
    await startCase('north');
    // A case decided after its screening deadline: a deadline met late, this week.
    const decided = await startCase('north');
    await http()
      .post(`/workflows/${decided.id}/events`)
      .set(await manager())
      .send({ type: 'case.decided', decision: 'accept' })
      .expect(200);
    const [met] = await query<{ onTime: number; late: number }>(
      t.databaseUrl,
      `SELECT count(*) FILTER (WHERE overdue_at IS NULL)::int AS "onTime", count(*) FILTER (WHERE overdue_at IS NOT NULL)::int AS late
         FROM workflow_deadline WHERE status = 'met' AND closed_at >= '2026-11-23'`,
    );
    expect(met!.onTime + met!.late).toBeGreaterThan(0);
    const page = await signIn('manager', '/console/charts');
    await expect(page.locator('#by-state + .chart svg[role=img]').getAttribute('aria-label')).resolves.toContain('active workflows by state');
    await expect(page.locator('#by-week + .chart svg[role=img]').getAttribute('aria-label')).resolves.toContain('deadlines met on time and late by week');
    const figures = await page.locator('table').first().textContent();
    expect(figures).toMatch(/demo case: screening\s*\d+/);
    // Week beginning Monday 23 November: on time, late.
    const week = await page.locator('tr', { hasText: '23 November 2026' }).locator('th, td').allTextContents();
    expect(week).toEqual(['23 November 2026', String(met!.onTime), String(met!.late)]);
    await expect(page.locator('canvas').count()).resolves.toBe(0);
    await expectAccessible(page);
    await expectReflowsAt320(page);
    await page.close();
  });

  it('the duty manager acknowledges the escalation in the inbox and opens its workflow', async () => {
    const warned = await startCase('north');
    await warn(warned.id);
    const page = await signIn('duty-manager', '/console/inbox');
    const item = page.locator('.inbox__item', { has: page.locator(`a[href="/console/workflows/${warned.id}"]`) });
    await expect(item.count()).resolves.toBe(1);
    await expect(item.getAttribute('class')).resolves.toContain('inbox__item--unread');
    await expectAccessible(page);
    await expectReflowsAt320(page);
    const unreadBefore = await page.locator('.inbox__item--unread').count();
    await item.locator('button:has-text("Acknowledge")').click();
    await page.waitForURL(`${base}/console/inbox?done=acknowledged`);
    await expect(page.locator('.inbox__item--unread').count()).resolves.toBe(unreadBefore - 1);
    await expect(item.getAttribute('class')).resolves.not.toContain('inbox__item--unread');
    const [delivery] = await query<{ acknowledged: boolean }>(
      t.databaseUrl,
      `SELECT acknowledged_at IS NOT NULL AS acknowledged FROM notification_delivery
        WHERE channel = 'inbox' AND target = 'duty-manager' AND workflow_id = $1`,
      [warned.id],
    );
    expect(delivery).toEqual({ acknowledged: true });
    await item.locator('text=Open the workflow').click();
    await page.waitForURL(`${base}/console/workflows/${warned.id}`);
    await page.close();
  });

  it("a co-ordinator of another area sees neither the workflow on the board nor its page", async () => {
    const north = await startCase('north');
    const south = await startCase('south');
    const page = await signIn('coordinator-south');
    const board = await page.locator('main').textContent();
    expect(board).not.toContain(north.reference);
    expect(board).toContain(south.reference);
    const response = await page.goto(`${base}/console/workflows/${north.id}`);
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toContain('Page not found');
    // Nor may a co-ordinator force a move: the form is not offered and a forged post is refused.
    await page.goto(`${base}/console/workflows/${south.id}`);
    await expect(page.locator('#force-reason').count()).resolves.toBe(0);
    await expect(page.locator('#reassign-reason').count()).resolves.toBe(0);
    const forced = await page.request.post(`${base}/console/workflows/${south.id}/force`, {
      form: { toState: 'decided', reason: 'not mine to force', _csrf: (await page.locator('input[name=_csrf]').first().inputValue()) },
    });
    expect(forced.status()).toBe(403);
    // Bull Board is for managers: the session is recognised, the role is not enough.
    expect((await page.request.get(`${base}/admin/queues`)).status()).toBe(403);
    await page.close();
  });

  it('a form without the session\'s CSRF token is refused and changes nothing; signing out ends the session', async () => {
    const south = await startCase('south');
    const page = await signIn('manager', `/console/workflows/${south.id}`);
    const before = await journalCount(south.id);
    for (const [action, form] of [
      ['force', { toState: 'decided', reason: 'forged' }],
      ['reassign', { to: 'someone', assignee: 'lado-2', reason: 'forged' }],
    ] as const) {
      const forged = await page.request.post(`${base}/console/workflows/${south.id}/${action}`, { form: { ...form, _csrf: 'not-the-token' } });
      expect(forged.status()).toBe(403);
    }
    expect(await journalCount(south.id)).toBe(before);

    const cookie = (await page.context().cookies()).find((c) => c.name === 'cpw_console');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    const signedIn = () =>
      query<{ n: number }>(t.databaseUrl, `SELECT count(*)::int AS n FROM console_session WHERE kind = 'signed-in'`);
    const [{ n: sessionsBefore }] = await signedIn();
    await page.click('button:has-text("Sign out")');
    await page.waitForURL(`${base}/console/signed-out`);
    const [{ n: sessionsAfter }] = await signedIn();
    expect(sessionsAfter).toBe(sessionsBefore - 1);
    // The old cookie value, replayed, signs no one in.
    const replayed = { cookie: `cpw_console=${cookie!.value}` };
    const again = await page.request.get(`${base}/console`, { maxRedirects: 0, headers: { ...replayed, accept: 'text/html' } });
    expect(again.status()).toBe(303);
    expect(again.headers().location).toMatch(/^\/console\/sign-in/);
    // A program (no text/html in Accept) is answered as the API answers: 401 problem+json.
    const program = await page.request.get(`${base}/console`, { maxRedirects: 0, headers: { ...replayed, accept: 'application/json' } });
    expect(program.status()).toBe(401);
    expect(program.headers()['content-type']).toMatch(/^application\/problem\+json/);
    await page.close();
  });
  it('refuses a callback whose state does not match the sign-in, and opens no session', async () => {
    const started = await http().get('/console/sign-in?returnTo=/console').set('Accept', 'text/html');
    expect(started.status).toBe(303);
    expect(started.headers.location).toContain(`${c.issuer}/auth?`);
    expect(started.headers.location).toMatch(/code_challenge_method=S256/);
    const cookie = (started.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
    const signedIn = () => query<{ n: number }>(t.databaseUrl, `SELECT count(*)::int AS n FROM console_session WHERE kind = 'signed-in'`);
    const [{ n: before }] = await signedIn();
    const answer = await http().get('/console/callback?code=forged&state=not-the-state').set('Cookie', cookie).set('Accept', 'text/html');
    expect(answer.status).toBe(403);
    expect((await signedIn())[0]!.n).toBe(before);
    // Without the sign-in's cookie there is nothing to complete.
    expect((await http().get('/console/callback?code=forged&state=x').set('Accept', 'text/html')).status).toBe(400);
    // A return address off the console is never followed.
    const offsite = await http().get('/console/sign-in?returnTo=//evil.example/').set('Accept', 'text/html');
    const [row] = await query<{ return_to: string }>(
      t.databaseUrl,
      `SELECT sign_in->>'returnTo' AS return_to FROM console_session WHERE kind = 'signing-in' ORDER BY created_at DESC LIMIT 1`,
    );
    expect(offsite.status).toBe(303);
    expect(row!.return_to).toBe('/console');
  });

  it('ends a session when its time is up, on the service clock', async () => {
    const page = await signIn('manager');
    expect((await page.request.get(`${base}/console`, { headers: { accept: 'text/html' }, maxRedirects: 0 })).status()).toBe(200);
    try {
      t.clock.set(new Date(t.clock.now().getTime() + (t.config.sessionTtlMinutes + 1) * 60_000).toISOString());
      const expired = await page.request.get(`${base}/console`, { headers: { accept: 'text/html' }, maxRedirects: 0 });
      expect(expired.status()).toBe(303);
      expect(expired.headers().location).toMatch(/^\/console\/sign-in/);
    } finally {
      t.clock.set(AFTER_DEADLINE); // the other tests' clock, whichever runs next
    }
    await page.close();
  });
});
