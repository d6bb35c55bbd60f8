import request from 'supertest';
import { AsvApi, contactReceived, expectStatus } from '../fixtures/asv';
import { startTestApp, TestApp } from '../support/app';
import { query } from '../support/rows';
import { waitForOutbox, waitForQueueIdle } from '../support/timers';
import { bearer } from '../support/tokens';

/** Every effect between a deadline opening and an inbox item. */
const EFFECTS = ['deadline.opened', 'deadline.moved', 'deadline.closed', 'deadline.escalate', 'notify'];

/**
 * Issue 9: a clock already missed when its workflow is recorded (a contact entered late) must
 * escalate at once, as the reconciler does after an outage, not wait for the next daily repeat.
 *
 * A contact received on Monday 23 November 2026 at 10:00 is to be screened by Tuesday 24th
 * (missed from Wednesday 00:00). The 'asv-screening' ladder warns the co-ordinator at noon on
 * Tuesday and tells the duty manager at 09:00 on Wednesday, then daily from Thursday. The contact
 * is entered on Wednesday at 10:00: both steps have passed. The duty manager is told at once; the
 * co-ordinator's warning, overtaken, is not sent. The whole service runs (API, outbox, timer
 * worker on the suite's own queue prefix in the real Redis), on the injected clock, and no
 * reconciler pass is asked for: the step fires from the deadline opening alone.
 */
describe('A clock already missed when its workflow is recorded fires its latest step at once', () => {
  let t: TestApp;
  let api: AsvApi;
  const DUTY_MANAGER = { date: '2026-11-25', subject: 'dm-wednesday', email: 'dm.wednesday@council.example' };

  beforeAll(async () => {
    t = await startTestApp({ OUTBOX_POLL_MS: '60000', RATE_LIMIT_MAX_REQUESTS: '100000' });
    api = new AsvApi(t);
    t.clock.set('2026-11-25T10:00:00Z');
    await put('/duty-teams', {
      area: 'north',
      recipient: 'duty_manager',
      name: 'North duty managers',
      fallbackEmail: 'north-duty@council.example',
    });
    await put('/duty-rota', {
      area: 'north',
      recipient: 'duty_manager',
      from: '2026-11-25',
      to: '2026-11-25',
      entries: [DUTY_MANAGER],
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

  it('tells the duty manager as soon as the contact is entered, and shows the case overdue', async () => {
    const received = await api
      .as('coordinator')
      .receive(contactReceived({ receivedAt: '2026-11-23T10:00:00Z' }));
    expectStatus(received, 201);
    const id = received.body.id as string;
    const [deadline] = await query<{ id: string; due_date: string }>(
      t.databaseUrl,
      `SELECT id, due_date::text AS due_date FROM workflow_deadline WHERE workflow_id = $1`,
      [id],
    );
    expect(deadline!.due_date).toBe('2026-11-24');

    // The deadline's opening schedules its steps; the step it finds already due runs now.
    await waitForOutbox(t, ['deadline.opened']);
    await waitForQueueIdle(t);
    await waitForOutbox(t, EFFECTS);

    const steps = await query<{ event_id: string; payload: { step: string; notify: string[] } }>(
      t.databaseUrl,
      `SELECT event_id, payload FROM workflow_journal WHERE workflow_id = $1 AND event_type = 'deadline.step' ORDER BY seq`,
      [id],
    );
    expect(steps.map((s) => [s.event_id, s.payload.step, s.payload.notify])).toEqual([
      [`${deadline!.id}.1.due.0`, 'due', ['duty_manager']],
    ]);

    const inbox = await request(t.app.getHttpServer())
      .get('/me/notifications')
      .set('Authorization', await bearer(t.config, t.clock, 'duty_manager', { sub: DUTY_MANAGER.subject }));
    expectStatus(inbox, 200);
    expect(inbox.body.items.filter((item: { workflowId: string }) => item.workflowId === id)).toHaveLength(1);

    const workflow = await api.as('coordinator').workflow(id);
    expect(workflow.body).toMatchObject({
      overdue: true,
      deadlines: [expect.objectContaining({ kind: 'asv-screening', lastStep: 'due' })],
    });
  });
});
