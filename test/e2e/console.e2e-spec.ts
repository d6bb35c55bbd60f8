import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { WorkflowEngine } from '@app/persistence';
import { OutboxDispatcher } from '@app/timers';
import { SYSTEM_ACTOR } from '@app/workflows';
import { demoCaseV1 } from '../fixtures/demo-case.machine';
import { startTestApp, TestApp } from '../support/app';
import { authorization, Role } from '../support/auth';
import { launchBrowser } from '../support/browser';
import { LOCAL_CLIENT_SECRET, LocalOidcProvider } from '../support/oidc-provider';
import { query } from '../support/rows';
import { freePort } from '../support/redis-server';

/** Friday 20 November 2026: the demo case's one-working-day screening is due Monday 23rd, missed from midnight. */
const RECEIVED_AT = '2026-11-20T10:00:00Z';
const AFTER_DEADLINE = '2026-11-25T09:00:00Z';

/**
 * The console in a real browser (Debian's chromium through playwright-core), signed in through a
 * real OpenID Connect provider process, against the real service on its own database and Redis.
 * The test plays the worker (PROCESS_ROLE=api, draining the outbox itself) and moves the injected
 * clock, so nothing waits on time.
 */
describe('Console: sign-in, board, workflow page, actions and the duty inbox in a browser', () => {
  let t: TestApp;
  let provider: LocalOidcProvider;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let base: string;
  const ids: { overdue?: string; failing?: string; south?: string; failingToo?: string } = {};

  const http = () => request(t.app.getHttpServer());
  const manager = () => authorization(t, Role.Manager, { sub: 'manager-api' });

  async function startCase(reference: string, area: string, webhookUrl?: string): Promise<string> {
    const res = await http()
      .post('/workflows')
      .set(await manager())
      .send({ type: 'demo-case', input: { reference, area, receivedAt: RECEIVED_AT, ...(webhookUrl ? { webhookUrl } : {}) } });
    if (res.status !== 201) throw new Error(`start answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  }

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    provider = await LocalOidcProvider.start(`${base}/console/callback`);
    t = await startTestApp(
      {
        PROCESS_ROLE: 'api',
        PUBLIC_BASE_URL: base,
        OIDC_ISSUER_URL: provider.issuer,
        OIDC_CLIENT_SECRET: LOCAL_CLIENT_SECRET,
        OUTBOX_MAX_ATTEMPTS: '1',
        HTTP_TIMEOUT_MS: '1000',
        RATE_LIMIT_MAX_REQUESTS: '100000',
      },
      undefined,
      { definitions: [demoCaseV1] },
    );
    t.clock.set(RECEIVED_AT);
    await t.app.listen(port, '127.0.0.1');

    await http()
      .put('/duty-teams')
      .set(await manager())
      .send({ area: 'north', recipient: 'duty_manager', name: 'North duty managers', fallbackEmail: 'north-duty@council.example' })
      .expect(200);
    await http()
      .put('/duty-rota')
      .set(await manager())
      .send({
        area: 'north',
        recipient: 'duty_manager',
        from: '2026-11-20',
        to: '2026-11-30',
        entries: [{ date: '2026-11-20', subject: 'duty-manager', email: 'dm@council.example' }],
      })
      .expect(200);

    ids.overdue = await startCase('DEMO-101', 'north');
    ids.south = await startCase('DEMO-202', 'south');
    // A decision whose webhook cannot be delivered: one attempt, then an incident on the workflow.
    ids.failing = await startCase('DEMO-303', 'north', 'http://127.0.0.1:9/unreachable');
    ids.failingToo = await startCase('DEMO-404', 'north', 'http://127.0.0.1:9/unreachable');
    for (const id of [ids.failing, ids.failingToo]) {
      await http()
        .post(`/workflows/${id}/events`)
        .set(await manager())
        .send({ type: 'case.decided', decision: 'accept' })
        .expect(200);
    }
    // A warning step for the overdue case, as the timers send it: an escalation in the duty manager's inbox.
    const [deadline] = await query<{ id: string }>(t.databaseUrl, `SELECT id FROM workflow_deadline WHERE workflow_id = $1`, [ids.overdue]);
    await t.app.get(WorkflowEngine).send(
      ids.overdue,
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
      { eventId: 'console-e2e-warning', actor: SYSTEM_ACTOR },
    );
    await t.app.get(OutboxDispatcher).drain();
    await t.app.get(OutboxDispatcher).drain();
    t.clock.set(AFTER_DEADLINE);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await provider?.stop();
  });

  async function signIn(login: string, path = '/console'): Promise<Page> {
    const page = await browser.context.newPage();
    await page.context().clearCookies();
    await page.goto(`${base}${path}`);
    await page.fill('input[name=login]', login);
    await page.fill('input[name=password]', 'any');
    await page.click('button[type=submit]');
    await page.waitForURL(`${base}${path}**`);
    return page;
  }

  async function expectAccessible(page: Page): Promise<void> {
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }

  async function expectReflowsAt320(page: Page): Promise<void> {
    await page.setViewportSize({ width: 320, height: 640 });
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  it('a manager signs in, finds the overdue workflow on the board, and its page shows the state and the timeline', async () => {
    const page = await signIn('manager');
    await expect(page.locator('h1').textContent()).resolves.toContain('Workflows needing attention');
    // govuk-frontend's stylesheet is served and applies (its heading is bold), in Arial, not GDS Transport.
    const heading = await page.evaluate<{ weight: string; family: string }>(
      `(() => { const s = getComputedStyle(document.querySelector('h1')); return { weight: s.fontWeight, family: s.fontFamily }; })()`,
    );
    expect(heading).toEqual({ weight: '700', family: expect.stringMatching(/^arial/i) });
    const overdueTab = page.locator('.board-counts__item--active');
    await expect(overdueTab.textContent()).resolves.toMatch(/2\s+Overdue/);
    await expectAccessible(page);
    await expectReflowsAt320(page);

    await page.click('text=DEMO-101');
    await page.waitForURL(`${base}/console/workflows/${ids.overdue}`);
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
    const journalBefore = await query<{ n: number }>(t.databaseUrl, `SELECT count(*)::int AS n FROM workflow_journal WHERE workflow_id = $1`, [ids.overdue]);

    await page.selectOption('#force-to-state', 'decided');
    await page.fill('#force-reason', 'Screened by telephone; recorded late');
    await page.click('button:has-text("Move by force")');
    await page.waitForURL(`${base}/console/workflows/${ids.overdue}?done=forced`);
    await expect(page.locator('#current-state').textContent()).resolves.toContain('decided');
    const timeline = await page.locator('.timeline').textContent();
    expect(timeline).toContain('Moved by force from screening to decided');
    expect(timeline).toContain('Reason: Screened by telephone; recorded late');
    expect(timeline).toContain('manager manager');
    const journalAfter = await query<{ n: number }>(t.databaseUrl, `SELECT count(*)::int AS n FROM workflow_journal WHERE workflow_id = $1`, [ids.overdue]);
    expect(journalAfter[0]!.n).toBe(journalBefore[0]!.n + 1);

    // Bull Board takes the same session.
    const board = await page.request.get(`${base}/admin/queues`);
    expect(board.status()).toBe(200);
    await page.close();
  });

  it('a manager retries the failed effect of a workflow, with a reason, using the keyboard alone', async () => {
    const [incident] = await query<{ id: string }>(t.databaseUrl, `SELECT id FROM workflow_incident WHERE workflow_id = $1`, [ids.failing]);
    expect(incident).toBeDefined();
    const page = await signIn('manager', `/console/workflows/${ids.failing}`);
    await expectAccessible(page);
    await page.focus(`#resolve-reason-${incident!.id}`);
    await page.keyboard.type('Receiver was down; it is back');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/console/workflows/${ids.failing}?done=retried`);
    await expect(page.locator('.timeline').textContent()).resolves.toContain('Resolved an incident and retried its failed step');
    const [outbox] = await query<{ status: string; attempts: number }>(
      t.databaseUrl,
      `SELECT o.status, o.attempts FROM outbox o JOIN workflow_incident i ON i.outbox_id = o.id WHERE i.id = $1`,
      [incident!.id],
    );
    expect(outbox).toEqual({ status: 'pending', attempts: 0 });
    await page.close();
  });

  it('a manager retries the failed steps of workflows selected on the failed list, with one reason', async () => {
    const page = await signIn('manager', '/console?view=failed');
    await expectAccessible(page);
    await expectReflowsAt320(page);
    // No reason: refused, nothing resolved.
    await page.check(`#select-${ids.failingToo}`);
    await page.click('button:has-text("Retry the failed steps")');
    await page.waitForURL(`${base}/console?view=failed&error=reason`);
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter the reason');
    const open = () =>
      query<{ n: number }>(t.databaseUrl, `SELECT count(*)::int AS n FROM workflow_incident WHERE workflow_id = $1 AND resolved_at IS NULL`, [ids.failingToo]);
    expect((await open())[0]!.n).toBe(1);

    await page.check(`#select-${ids.failingToo}`);
    await page.fill('#retry-reason', 'Receiver restored after the outage');
    await page.click('button:has-text("Retry the failed steps")');
    await page.waitForURL(`${base}/console?view=failed&retried=1&skipped=0`);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('1 failed step retried');
    expect((await open())[0]!.n).toBe(0);
    const [journal] = await query<{ reason: string; actor_sub: string }>(
      t.databaseUrl,
      `SELECT payload->>'reason' AS reason, actor_sub FROM workflow_journal WHERE workflow_id = $1 AND event_type = 'engine.incident-resolved'`,
      [ids.failingToo],
    );
    expect(journal).toEqual({ reason: 'Receiver restored after the outage', actor_sub: 'manager' });
    await page.close();
  });

  it('charts the workflows by state and the deadlines met by week, with the figures as tables', async () => {
    const page = await signIn('manager', '/console/charts');
    await expect(page.locator('.chart svg[role=img]').count()).resolves.toBe(2);
    await expect(page.locator('.chart svg[role=img]').first().getAttribute('aria-label')).resolves.toContain('active workflows by state');
    const figures = await page.locator('table').first().textContent();
    expect(figures).toMatch(/demo case: screening\s*\d+/);
    await expect(page.locator('canvas').count()).resolves.toBe(0);
    await expectAccessible(page);
    await expectReflowsAt320(page);
    await page.close();
  });

  it('the duty manager acknowledges the escalation in the inbox and opens its workflow', async () => {
    const page = await signIn('duty-manager', '/console/inbox');
    await expect(page.locator('.inbox__item--unread').count()).resolves.toBe(1);
    await expectAccessible(page);
    await expectReflowsAt320(page);
    await page.click('button:has-text("Acknowledge")');
    await page.waitForURL(`${base}/console/inbox?done=acknowledged`);
    await expect(page.locator('.inbox__item--unread').count()).resolves.toBe(0);
    const [delivery] = await query<{ acknowledged: boolean }>(
      t.databaseUrl,
      `SELECT acknowledged_at IS NOT NULL AS acknowledged FROM notification_delivery WHERE channel = 'inbox' AND target = 'duty-manager'`,
    );
    expect(delivery).toEqual({ acknowledged: true });
    await page.click('text=Open the workflow');
    await page.waitForURL(`${base}/console/workflows/${ids.overdue}`);
    await page.close();
  });

  it("a co-ordinator of another area sees neither the workflow on the board nor its page", async () => {
    const page = await signIn('coordinator-south');
    const board = await page.locator('main').textContent();
    expect(board).not.toContain('DEMO-101');
    expect(board).toContain('DEMO-202');
    const response = await page.goto(`${base}/console/workflows/${ids.overdue}`);
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toContain('Page not found');
    // Nor may a co-ordinator force a move: the form is not offered and a forged post is refused.
    await page.goto(`${base}/console/workflows/${ids.south}`);
    await expect(page.locator('#force-reason').count()).resolves.toBe(0);
    const forced = await page.request.post(`${base}/console/workflows/${ids.south}/force`, {
      form: { toState: 'decided', reason: 'not mine to force', _csrf: (await page.locator('input[name=_csrf]').first().inputValue()) },
    });
    expect(forced.status()).toBe(403);
    // Bull Board is for managers: the session is recognised, the role is not enough.
    expect((await page.request.get(`${base}/admin/queues`)).status()).toBe(403);
    await page.close();
  });

  it('a form without the session\'s CSRF token is refused and changes nothing; signing out ends the session', async () => {
    const page = await signIn('manager', `/console/workflows/${ids.south}`);
    const before = await query<{ n: number }>(t.databaseUrl, `SELECT count(*)::int AS n FROM workflow_journal WHERE workflow_id = $1`, [ids.south]);
    const forged = await page.request.post(`${base}/console/workflows/${ids.south}/force`, {
      form: { toState: 'decided', reason: 'forged', _csrf: 'not-the-token' },
    });
    expect(forged.status()).toBe(403);
    const after = await query<{ n: number }>(t.databaseUrl, `SELECT count(*)::int AS n FROM workflow_journal WHERE workflow_id = $1`, [ids.south]);
    expect(after).toEqual(before);

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
    expect(started.headers.location).toContain(`${provider.issuer}/auth?`);
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
    t.clock.set(new Date(t.clock.now().getTime() + (t.config.sessionTtlMinutes + 1) * 60_000).toISOString());
    const expired = await page.request.get(`${base}/console`, { headers: { accept: 'text/html' }, maxRedirects: 0 });
    expect(expired.status()).toBe(303);
    expect(expired.headers().location).toMatch(/^\/console\/sign-in/);
    await page.close();
  });
});
