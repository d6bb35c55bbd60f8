import request from 'supertest';
import { AsvApi, expectStatus, FRIDAY_RECEIPT, thresholdMet } from '../fixtures/asv';
import { startTestApp, TestApp } from '../support/app';
import { query } from '../support/rows';
import { fireDueSteps, stepJobs, waitForOutbox } from '../support/timers';
import { bearer } from '../support/tokens';

/** Every effect the escalation passes through on its way to an inbox. */
const EFFECTS = ['deadline.opened', 'deadline.moved', 'deadline.closed', 'deadline.escalate', 'notify'];

const DUTY_MANAGERS = {
  saturday: { date: '2026-11-21', subject: 'dm-saturday', email: 'dm.saturday@council.example' },
  sunday: { date: '2026-11-22', subject: 'dm-sunday', email: 'dm.sunday@council.example' },
  monday: { date: '2026-11-23', subject: 'dm-monday', email: 'dm.monday@council.example' },
  tuesday: { date: '2026-11-24', subject: 'dm-tuesday', email: 'dm.tuesday@council.example' },
};

/**
 * Issue 6: "A screening deadline left unmet escalates to the duty manager on the following working
 * day, shown with the injected clock across a weekend." The whole service runs (API, timer worker,
 * outbox), on its own database and queue prefix; the clock is moved, a reconciler pass fires what
 * it says is due, and the test waits for the queue and the outbox to be idle. Nothing sleeps.
 *
 * The 'asv-screening' ladder: a warning to the co-ordinator at noon on the due date, the duty
 * manager at 09:00 London the working day after it, then daily. A contact received on Friday 20
 * November 2026 is to be screened within one working day: by Monday 23rd (missed from Tuesday
 * 00:00). So the weekend passes in silence, the co-ordinator is warned on Monday at noon, and the
 * duty manager on the rota for Tuesday 24th is told at 09:00 that day (GMT: 09:00Z).
 */
describe('ASV: an unmet screening deadline escalates to the duty manager the following working day', () => {
  let t: TestApp;
  let api: AsvApi;

  beforeAll(async () => {
    t = await startTestApp({ OUTBOX_POLL_MS: '60000', RATE_LIMIT_MAX_REQUESTS: '100000' });
    api = new AsvApi(t);
    t.clock.set(FRIDAY_RECEIPT);
    await put('/duty-teams', {
      area: 'north',
      recipient: 'duty_manager',
      name: 'North duty managers',
      fallbackEmail: 'north-duty@council.example',
      fallbackSubject: 'north-duty-lead',
    });
    await put('/duty-rota', {
      area: 'north',
      recipient: 'duty_manager',
      from: '2026-11-21',
      to: '2026-11-25',
      entries: Object.values(DUTY_MANAGERS),
    });
    await put('/duty-teams', {
      area: 'north',
      recipient: 'coordinator',
      name: 'North co-ordinators',
      fallbackEmail: 'north-coordinators@council.example',
      fallbackSubject: 'north-coordinators',
    });
  });
  afterAll(() => t?.close());

  async function put(path: string, body: object): Promise<void> {
    const res = await request(t.app.getHttpServer())
      .put(path)
      .set('Authorization', await bearer(t.config, t.clock, 'manager', { sub: 'manager-1' }))
      .send(body);
    expectStatus(res, 200);
  }

  const journaledSteps = (id: string) =>
    query<{ event_id: string; actor_sub: string; payload: Record<string, unknown> }>(
      t.databaseUrl,
      `SELECT event_id, actor_sub, payload FROM workflow_journal WHERE workflow_id = $1 AND event_type = 'deadline.step' ORDER BY seq`,
      [id],
    );
  const escalations = (id: string) =>
    query<{ payload: Record<string, unknown> }>(
      t.databaseUrl,
      `SELECT payload FROM outbox WHERE workflow_id = $1 AND effect_type = 'deadline.escalate' ORDER BY id`,
      [id],
    );
  async function inboxOf(subject: string, workflowId: string) {
    const res = await request(t.app.getHttpServer())
      .get('/me/notifications')
      .set('Authorization', await bearer(t.config, t.clock, 'duty_manager', { sub: subject }));
    expectStatus(res, 200);
    return (res.body.items as { workflowId: string }[]).filter((item) => item.workflowId === workflowId);
  }
  /** Moves the clock, fires whatever is due by then, and lets every resulting effect run. */
  async function timePasses(to: string): Promise<void> {
    t.clock.set(to);
    await fireDueSteps(t);
    await waitForOutbox(t, EFFECTS);
  }

  it('stays silent over the weekend, warns the co-ordinator on Monday, and tells Tuesday’s duty manager at 09:00', async () => {
    const received = await api.as('coordinator').receive();
    expectStatus(received, 201);
    const id = received.body.id as string;
    await waitForOutbox(t, EFFECTS);

    const [deadline] = await query<{ id: string; ladder: string; due_date: string; due_at: Date }>(
      t.databaseUrl,
      `SELECT id, ladder, due_date::text AS due_date, due_at FROM workflow_deadline WHERE workflow_id = $1`,
      [id],
    );
    expect(deadline).toMatchObject({
      ladder: 'asv-screening',
      due_date: '2026-11-23',
      due_at: new Date('2026-11-24T00:00:00Z'),
    });
    const d = deadline!.id;
    const mine = (ids: string[]) => ids.filter((jobId) => jobId.startsWith(`${d}.`));
    expect(mine((await stepJobs(t)).delayed)).toEqual([
      `${d}.1.due.0`,
      `${d}.1.repeat.1`,
      `${d}.1.warn-noon.0`,
    ]);

    // The weekend, and Monday morning: nothing fires.
    for (const instant of [
      '2026-11-21T09:00:00Z',
      '2026-11-21T23:59:00Z',
      '2026-11-22T09:00:00Z',
      '2026-11-22T23:59:00Z',
      '2026-11-23T09:00:00Z',
      '2026-11-23T11:59:00Z',
    ]) {
      await timePasses(instant);
      expect({ instant, steps: await journaledSteps(id) }).toEqual({ instant, steps: [] });
    }
    for (const dm of Object.values(DUTY_MANAGERS)) expect(await inboxOf(dm.subject, id)).toEqual([]);

    // Monday noon, the due date: the co-ordinators are warned; the duty manager is not.
    await timePasses('2026-11-23T12:00:00Z');
    expect((await journaledSteps(id)).map((s) => s.event_id)).toEqual([`${d}.1.warn-noon.0`]);
    expect((await escalations(id)).map((e) => [e.payload.stepId, e.payload.notify])).toEqual([
      ['warn-noon', ['coordinator']],
    ]);
    expect(await inboxOf('north-coordinators', id)).toEqual(
      expect.arrayContaining([expect.objectContaining({ template: 'deadline.warning' })]),
    );
    for (const dm of Object.values(DUTY_MANAGERS)) expect(await inboxOf(dm.subject, id)).toEqual([]);

    // Missed from Tuesday 00:00 London: overdue at once, escalated at the ladder's hour, not before.
    await timePasses('2026-11-24T00:00:00Z');
    expect((await api.as('coordinator').get(id)).body).toMatchObject({ state: 'screening', overdue: true });
    await timePasses('2026-11-24T08:59:00Z');
    expect(await journaledSteps(id)).toHaveLength(1);
    expect(await inboxOf(DUTY_MANAGERS.tuesday.subject, id)).toEqual([]);

    await timePasses('2026-11-24T09:00:00Z');
    const steps = await journaledSteps(id);
    expect(steps).toHaveLength(2);
    const dueStep = {
      deadlineId: d,
      kind: 'asv-screening',
      ladder: 'asv-screening',
      stepId: 'due',
      step: 'due',
      occurrence: 0,
      dueDate: '2026-11-23',
      dueAt: '2026-11-24T00:00:00.000Z',
      notify: ['duty_manager'],
    };
    expect(steps[1]).toEqual({ event_id: `${d}.1.due.0`, actor_sub: 'system', payload: dueStep });
    expect((await escalations(id)).map((e) => e.payload)).toEqual([
      expect.objectContaining({ stepId: 'warn-noon' }),
      { type: 'deadline.escalate', ...dueStep },
    ]);

    // Tuesday's duty manager has it in the inbox; nobody else on the rota does.
    expect(await inboxOf(DUTY_MANAGERS.tuesday.subject, id)).toEqual([
      expect.objectContaining({
        workflowId: id,
        workflowType: 'asv-referral',
        reference: received.body.reference,
        recipient: 'duty_manager',
        template: 'deadline.due',
        deadline: expect.objectContaining({
          id: d,
          kind: 'asv-screening',
          step: 'due',
          dueDate: '2026-11-23',
        }),
        acknowledgedAt: null,
      }),
    ]);
    for (const dm of [DUTY_MANAGERS.saturday, DUTY_MANAGERS.sunday, DUTY_MANAGERS.monday]) {
      expect(await inboxOf(dm.subject, id)).toEqual([]);
    }
    const view = await api.as('coordinator').get(id);
    expect(view.body.deadlines).toEqual([
      expect.objectContaining({ id: d, lastStep: 'due', overdueAt: '2026-11-24T09:00:00.000Z' }),
    ]);
    const history = (await api.as('coordinator').history(id)).body as {
      type: string;
      actor: { sub: string };
    }[];
    expect(history.map((e) => [e.type, e.actor.sub])).toEqual([
      ['workflow.started', 'user-coordinator'],
      ['deadline.step', 'system'],
      ['deadline.step', 'system'],
    ]);

    // Screened at last: the deadline is met and its escalation ends; Wednesday's repeat never comes.
    await timePasses('2026-11-24T10:00:00Z');
    expectStatus(await api.as('coordinator').screen(id, thresholdMet()), 200);
    await waitForOutbox(t, EFFECTS);
    expect(mine((await stepJobs(t)).delayed)).toEqual([]);
    await timePasses('2026-11-25T09:00:00Z');
    expect(await journaledSteps(id)).toHaveLength(2);
    expect(await inboxOf(DUTY_MANAGERS.tuesday.subject, id)).toHaveLength(1);
  });
});
