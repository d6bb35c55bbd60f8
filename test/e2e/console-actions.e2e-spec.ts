import request from 'supertest';
import { ReplayService } from '@app/persistence';
import { OutboxDispatcher } from '@app/timers';
import { WORKFLOW_DEFINITIONS } from '@app/workflows';
import { demoCaseV1, demoCaseV2 } from '../fixtures/demo-case.machine';
import { linkChild, linkParent } from '../fixtures/workflow-links.machine';
import { startTestApp } from '../support/app';
import { authorization, Role } from '../support/auth';
import { type ConsoleHarness, expectAccessible, expectReflowsAt320, startConsole } from '../support/console';
import { countRows, query } from '../support/rows';

const RECEIVED_AT = '2026-11-20T10:00:00Z';
/** Wednesday 25 November 2026: the demo cases received on the 20th are overdue. */
const NOW = '2026-11-25T09:00:00Z';

/**
 * The console's other actions and views in a real browser: reassigning a workflow and moving it to
 * a newer version of its process (each with a reason, journaled, refused without one), the board's
 * chair and assignee filters, a workflow's parent and children, and conferences within timescale
 * by month. Every test starts what it needs.
 */
describe('Console: reassign, migrate, chair filter, related workflows and the conferences chart', () => {
  let c: ConsoleHarness;
  let serial = 500;
  const people: Record<string, string> = {};

  const http = () => c.http();
  const journal = (id: string) =>
    query<{ event_type: string; actor_sub: string; payload: Record<string, unknown> }>(
      c.t.databaseUrl,
      `SELECT event_type, actor_sub, payload FROM workflow_journal WHERE workflow_id = $1 ORDER BY seq`,
      [id],
    );

  async function startCase(area = 'north'): Promise<{ id: string; reference: string }> {
    const reference = `DEMO-${++serial}`;
    const res = await http()
      .post('/workflows')
      .set(await c.manager())
      .send({ type: 'demo-case', input: { reference, area, receivedAt: RECEIVED_AT } });
    expect(res.status).toBe(201);
    return { id: res.body.id as string, reference };
  }

  /** An initial conference in the north for one fictional child, its strategy discussion (and section 47) on `heldOn`. */
  async function requestConference(heldOn: string): Promise<{ id: string; reference: string }> {
    const n = ++serial;
    const res = await http()
      .post('/conferences')
      .set(await authorization(c.t, Role.SocialWorker, { sub: 'sw-north', area: 'north' }))
      .send({
        kind: 'initial',
        area: 'north',
        householdId: `HH-TEST-${n}`,
        children: [
          {
            person: {
              kind: 'child',
              givenName: 'Testchild',
              familyName: `Example${n}`,
              dateOfBirth: '2019-03-04',
              externalIds: [{ system: 'case-management', value: `CM-TEST-${n}` }],
            },
          },
        ],
        parentsAndCarers: [],
        strategyDiscussions: [{ id: 'sd-1', heldOn, startedSection47: true }],
        section47StartDate: heldOn,
        socialWorker: {
          personId: people.socialWorker,
          teamId: 'team-n1',
          teamManagerPersonId: people.teamManager,
          agencyId: 'csc:north',
        },
        professionals: [],
      });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    return { id: res.body.id as string, reference: res.body.reference as string };
  }

  beforeAll(async () => {
    c = await startConsole([...WORKFLOW_DEFINITIONS, demoCaseV1, demoCaseV2, linkParent, linkChild]);
    c.t.clock.set(NOW);
    await http()
      .put('/chairs/chair-north')
      .set(await c.manager())
      .send({
        displayName: 'Chair Fictional North',
        email: 'chair-north@council.example',
        homeAreas: ['north'],
      })
      .expect(200);
    const staff = await http()
      .post('/people')
      .set(await authorization(c.t, Role.Coordinator, { sub: 'coord-north', area: 'north' }))
      .send({
        area: 'north',
        people: ['socialWorker', 'teamManager'].map((who) => ({
          kind: 'adult',
          givenName: who,
          familyName: 'Staff',
          contactPoints: [{ system: 'email', value: `${who}@council.example` }],
          externalIds: [{ system: 'staff', value: who }],
        })),
      })
      .expect(200);
    people.socialWorker = staff.body.people[0].id;
    people.teamManager = staff.body.people[1].id;
  });
  afterAll(() => c?.close());

  it('a manager reassigns a workflow with a reason; the journal records it and the board finds it by assignee', async () => {
    const wf = await startCase();
    const page = await c.signIn('manager', `/console/workflows/${wf.id}`);
    await expect(page.locator('#assignee').textContent()).resolves.toContain('No one');
    await expectAccessible(page);

    // No reason: the page says what is missing, with 400, and nothing is journaled or assigned.
    const before = (await journal(wf.id)).length;
    await page.fill('#reassign-assignee', 'lado-2');
    const refused = page.waitForResponse((r) => r.url().endsWith('/reassign'));
    await page.click('button:has-text("Reassign")');
    expect((await refused).status()).toBe(400);
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain(
      'Enter the reason for reassigning',
    );
    await expectAccessible(page);
    expect(await journal(wf.id)).toHaveLength(before);

    await page.fill('#reassign-assignee', 'lado-2');
    await page.fill('#reassign-reason', 'The case holder is on leave this week');
    await page.click('button:has-text("Reassign")');
    await page.waitForURL(`${c.base}/console/workflows/${wf.id}?done=reassigned`);
    await expect(page.locator('#assignee').textContent()).resolves.toContain('lado-2');
    const timeline = await page.locator('.timeline').textContent();
    expect(timeline).toContain('Assigned to lado-2');
    expect(timeline).toContain('Reason: The case holder is on leave this week');
    const entries = await journal(wf.id);
    expect(entries[entries.length - 1]).toEqual({
      event_type: 'engine.reassigned',
      actor_sub: 'manager',
      payload: { fromSub: null, toSub: 'lado-2', reason: 'The case holder is on leave this week' },
    });
    const [row] = await query<{ assignee_sub: string }>(
      c.t.databaseUrl,
      `SELECT assignee_sub FROM workflow_instance WHERE id = $1`,
      [wf.id],
    );
    expect(row).toEqual({ assignee_sub: 'lado-2' });

    // The same person again is refused (409), and nothing is written.
    await page.fill('#reassign-assignee', 'lado-2');
    await page.fill('#reassign-reason', 'Again');
    const again = page.waitForResponse((r) => r.url().endsWith('/reassign'));
    await page.click('button:has-text("Reassign")');
    expect((await again).status()).toBe(409);
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain(
      'assigned to that person already',
    );
    expect(await journal(wf.id)).toHaveLength(entries.length);

    await page.goto(`${c.base}/console?view=overdue&assignee=lado-2`);
    const board = await page.locator('main').textContent();
    expect(board).toContain(wf.reference);
    expect(await page.locator('.board-table tbody tr').count()).toBe(1);
    await page.close();
  });

  it('POST /workflows/:id/reassign refuses bad input with problem+json and writes nothing; a co-ordinator is refused', async () => {
    const wf = await startCase();
    const manager = await c.manager();
    for (const body of [
      { assignee: 'has space', reason: 'a good reason' },
      { assignee: 'lado-3' },
      { reason: 'no assignee given' },
    ]) {
      const rowsBefore = await countRows(c.t.databaseUrl);
      const res = await http().post(`/workflows/${wf.id}/reassign`).set(manager).send(body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await countRows(c.t.databaseUrl)).toEqual(rowsBefore);
    }
    const coordinator = await authorization(c.t, Role.Coordinator, { sub: 'coord-north', area: 'north' });
    expect(
      (
        await http()
          .post(`/workflows/${wf.id}/reassign`)
          .set(coordinator)
          .send({ assignee: 'x', reason: 'not mine' })
      ).status,
    ).toBe(403);
    const done = await http()
      .post(`/workflows/${wf.id}/reassign`)
      .set(manager)
      .set('Idempotency-Key', `reassign-${wf.id}`)
      .send({ assignee: 'lado-3', reason: 'Allocated by the API' });
    expect(done.status).toBe(200);
    // The same key again: the first answer, one journal entry.
    const replayed = await http()
      .post(`/workflows/${wf.id}/reassign`)
      .set(manager)
      .set('Idempotency-Key', `reassign-${wf.id}`)
      .send({ assignee: 'lado-3', reason: 'Allocated by the API' });
    expect(replayed.body).toEqual({ ...done.body, replayed: true });
    expect((await journal(wf.id)).filter((e) => e.event_type === 'engine.reassigned')).toHaveLength(1);
    const details = await http().get(`/workflows/${wf.id}`).set(manager);
    expect(details.body.assignee).toEqual({ sub: 'lado-3', since: NOW.replace('Z', '.000Z') });
    // To no one.
    const unassigned = await http()
      .post(`/workflows/${wf.id}/reassign`)
      .set(manager)
      .send({ assignee: null, reason: 'Back to the team' });
    expect(unassigned.status).toBe(200);
    expect((await http().get(`/workflows/${wf.id}`).set(manager)).body.assignee).toBeNull();
    // Replay follows the journal's reassignments, and tells a column that disagrees with them.
    const replay = c.t.app.get(ReplayService);
    expect((await replay.check()).mismatched.filter((m) => m.id === wf.id)).toEqual([]);
    await query(
      c.t.databaseUrl,
      `UPDATE workflow_instance SET assignee_sub = 'someone-else', assigned_at = now() WHERE id = $1`,
      [wf.id],
    );
    expect((await replay.check()).mismatched.find((m) => m.id === wf.id)?.problem).toBe(
      'the assignee differs from the last reassignment in the journal',
    );
    await query(
      c.t.databaseUrl,
      `UPDATE workflow_instance SET assignee_sub = NULL, assigned_at = NULL WHERE id = $1`,
      [wf.id],
    );
  });

  it('a manager moves a workflow to the newer version of its process with a reason; a workflow on the newest is offered no move', async () => {
    // A service that knew only version 1 started this one; this service runs both.
    const older = await startTestApp({ PROCESS_ROLE: 'api' }, c.t.clock, {
      definitions: [demoCaseV1],
      databaseUrl: c.t.databaseUrl,
    });
    let v1: string;
    try {
      const res = await request(older.app.getHttpServer())
        .post('/workflows')
        .set(await authorization(older, Role.Manager, { sub: 'manager-api' }))
        .send({
          type: 'demo-case',
          input: { reference: `DEMO-${++serial}`, area: 'north', receivedAt: RECEIVED_AT },
        });
      expect(res.body.machineVersion).toBe(1);
      v1 = res.body.id as string;
    } finally {
      await older.app.close();
    }
    const page = await c.signIn('manager', `/console/workflows/${v1}`);
    await expect(page.locator('#version').textContent()).resolves.toContain('the newest is 2');
    await expectAccessible(page);

    const refused = page.waitForResponse((r) => r.url().endsWith('/migrate'));
    await page.click('button:has-text("Move to version 2")');
    expect((await refused).status()).toBe(400);
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain(
      'Enter the reason for moving the workflow to the new version',
    );
    expect((await journal(v1)).map((e) => e.event_type)).not.toContain('engine.migrated');

    await page.fill('#migrate-reason', 'Version 2 adds the review step the policy now asks for');
    await page.click('button:has-text("Move to version 2")');
    await page.waitForURL(`${c.base}/console/workflows/${v1}?done=migrated`);
    await expect(page.locator('#version').textContent()).resolves.toMatch(/^\s*2\s*$/);
    await expect(page.locator('.timeline').textContent()).resolves.toContain(
      'Moved to version 2 of the process (from version 1)',
    );
    const entries = await journal(v1);
    expect(entries[entries.length - 1]).toMatchObject({
      event_type: 'engine.migrated',
      actor_sub: 'manager',
      payload: {
        fromVersion: 1,
        toVersion: 2,
        reason: 'Version 2 adds the review step the policy now asks for',
      },
    });
    // On the newest version now: no move is offered, and a forged one is refused (409) with nothing written.
    await expect(page.locator('button:has-text("Move to version")').count()).resolves.toBe(0);
    const csrf = await page.locator('input[name=_csrf]').first().inputValue();
    const forged = await page.request.post(`${c.base}/console/workflows/${v1}/migrate`, {
      form: { toVersion: '2', reason: 'again', _csrf: csrf },
      headers: { accept: 'text/html' },
    });
    expect(forged.status()).toBe(409);
    expect(await journal(v1)).toHaveLength(entries.length);
    await page.close();
  });

  it('filters the board by chair: the overdue conferences the chair chairs, and nothing else', async () => {
    const chaired = await requestConference('2026-10-01');
    const coordinator = await authorization(c.t, Role.Coordinator, { sub: 'coord-north', area: 'north' });
    await http().post(`/conferences/${chaired.id}/chair`).set(coordinator).send({}).expect(200);
    const unchaired = await requestConference('2026-10-02');
    const plain = await startCase();
    const [row] = await query<{ chair_sub: string }>(
      c.t.databaseUrl,
      `SELECT chair_sub FROM workflow_instance WHERE id = $1`,
      [chaired.id],
    );
    expect(row).toEqual({ chair_sub: 'chair-north' });

    const page = await c.signIn('manager', '/console?view=overdue');
    await page.click('text=Filter the lists');
    await page.selectOption('#chair', 'chair-north');
    await page.click('button:has-text("Apply filters")');
    await page.waitForURL(/chair=chair-north/);
    const board = await page.locator('.board-table').textContent();
    expect(board).toContain(chaired.reference);
    expect(board).not.toContain(unchaired.reference);
    expect(board).not.toContain(plain.reference);
    await expect(page.locator('#chair').inputValue()).resolves.toBe('chair-north');
    await expectAccessible(page);
    await expectReflowsAt320(page);
    // A chair id with a space is not a filter: the page says so (400) and lists nothing.
    const bad = await page.request.get(`${c.base}/console?chair=${encodeURIComponent('not a sub')}`, {
      headers: { accept: 'text/html' },
    });
    expect(bad.status()).toBe(400);
    await page.close();
  });

  it("shows a workflow's parent and children, each a link to its page", async () => {
    const res = await http()
      .post('/workflows')
      .set(await c.manager())
      .send({ type: 'link-parent', input: { reference: `LINK-${++serial}`, area: 'north' } });
    expect(res.status).toBe(201);
    const parentId = res.body.id as string;
    const outbox = c.t.app.get(OutboxDispatcher);
    await outbox.drain();
    await outbox.drain();
    const children = await query<{ id: string }>(
      c.t.databaseUrl,
      `SELECT id FROM workflow_instance WHERE parent_id = $1 ORDER BY parent_seq, created_at, id`,
      [parentId],
    );
    expect(children).toHaveLength(2);

    const page = await c.signIn('manager', `/console/workflows/${parentId}`);
    await expect(page.locator('#parent').textContent()).resolves.toContain('No other workflow');
    const links = page.locator('#children a');
    await expect(links.count()).resolves.toBe(2);
    await expect(links.first().textContent()).resolves.toContain('link child');
    await expectAccessible(page);
    await expectReflowsAt320(page);
    await page.click(`#children a[href="/console/workflows/${children[0]!.id}"]`);
    await page.waitForURL(`${c.base}/console/workflows/${children[0]!.id}`);
    await expect(page.locator('#parent').textContent()).resolves.toContain('link parent');
    await expect(page.locator('#children').textContent()).resolves.toContain('No other workflow');
    await page.click('#parent a');
    await page.waitForURL(`${c.base}/console/workflows/${parentId}`);
    await page.close();
  });

  it('charts conferences within timescale by the month they were due, with the figures as a table', async () => {
    // Due in October and not booked (outside the timescale now); due in December, not booked yet.
    const late = await requestConference('2026-10-05');
    const ahead = await requestConference('2026-11-24');
    const dueOf = async (id: string) =>
      (
        await query<{ due: string }>(
          c.t.databaseUrl,
          `SELECT snapshot #>> '{context,clocks,dueDate}' AS due FROM workflow_instance WHERE id = $1`,
          [id],
        )
      )[0]!.due;
    expect((await dueOf(late.id)).slice(0, 7)).toBe('2026-10');
    expect((await dueOf(ahead.id)).slice(0, 7)).toBe('2026-12');
    const expected = await query<{ month: string; outside: number; ahead: number }>(
      c.t.databaseUrl,
      `SELECT left(snapshot #>> '{context,clocks,dueDate}', 7) AS month,
              count(*) FILTER (WHERE snapshot #>> '{context,clocks,dueDate}' < '2026-11-25')::int AS outside,
              count(*) FILTER (WHERE snapshot #>> '{context,clocks,dueDate}' >= '2026-11-25')::int AS ahead
         FROM workflow_instance WHERE type = 'conference' AND snapshot #> '{context,booking}' = 'null'::jsonb GROUP BY 1`,
    );

    const page = await c.signIn('manager', '/console/charts');
    await expect(page.locator('#by-month').count()).resolves.toBe(1);
    await expect(
      page
        .locator('.chart svg[role=img][aria-label*="conferences within and outside their timescale"]')
        .count(),
    ).resolves.toBe(1);
    const cells = (month: string) =>
      page
        .locator('table.conferences-by-month tbody tr', { hasText: month })
        .locator('th, td')
        .allTextContents();
    const october = expected.find((e) => e.month === '2026-10')!;
    const december = expected.find((e) => e.month === '2026-12')!;
    // Month, within, outside, not yet booked.
    await expect(cells('October 2026')).resolves.toEqual(['October 2026', '0', String(october.outside), '0']);
    await expect(cells('December 2026')).resolves.toEqual([
      'December 2026',
      '0',
      '0',
      String(december.ahead),
    ]);
    await expect(page.locator('canvas').count()).resolves.toBe(0);
    await expectAccessible(page);
    await expectReflowsAt320(page);
    await page.close();
  });
});
