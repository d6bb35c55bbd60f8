import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { WorkflowEngine } from '@app/persistence';
import { OutboxDispatcher } from '@app/timers';
import { SYSTEM_ACTOR } from '@app/workflows';
import { demoCaseV1, demoCaseV2 } from '../fixtures/demo-case.machine';
import { startTestApp, TestApp } from '../support/app';
import { authorization, Role } from '../support/auth';
import { query } from '../support/rows';
import { SmtpServerProcess } from '../support/smtp-server';
import { WebhookReceiver } from '../support/webhook-receiver';

const SECRET = randomBytes(32).toString('hex');
/** The service manager on duty on Tuesday 24 November 2026, once the team exists. */
const CAROL = { date: '2026-11-24', subject: 'sm-carol', email: 'carol.sm@council.example' };

/**
 * Issue 9: a "no one to notify" incident, resolved with retry after the team has been set up, must
 * deliver. The step fires on Monday with no service manager team anywhere: the notification is
 * recorded with nobody to resolve to and an incident is raised. On Tuesday a manager sets up the
 * team and its rota and resolves the incident with retry: the effect runs again against the
 * configuration as it is now, and the service manager on duty that day gets the inbox item and
 * the email (at a real SMTP server process). The app runs as an API process and the test drains
 * the outbox itself.
 */
describe('Retrying a "no one to notify" incident after the team is configured delivers', () => {
  let t: TestApp;
  let smtp: SmtpServerProcess;
  let receiver: WebhookReceiver;
  let cases = 0;

  beforeAll(async () => {
    smtp = await SmtpServerProcess.start();
    receiver = new WebhookReceiver(SECRET);
    await receiver.start();
    t = await startTestApp(
      {
        PROCESS_ROLE: 'api',
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(smtp.port),
        SMTP_FROM: 'cp-workflows@council.example',
        WEBHOOK_ENDPOINTS: `case-system=${receiver.url}`,
        WEBHOOK_SECRETS: `case-system=${SECRET}`,
        RATE_LIMIT_MAX_REQUESTS: '100000',
      },
      undefined,
      { definitions: [demoCaseV1, demoCaseV2] },
    );
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
    await receiver?.stop();
  });

  const http = () => request(t.app.getHttpServer());
  const manager = () => authorization(t, Role.Manager, { sub: 'manager-1' });
  const drain = () => t.app.get(OutboxDispatcher).drain();

  async function put(path: string, body: object): Promise<void> {
    const res = await http()
      .put(path)
      .set(await manager())
      .send(body);
    expect(res.status).toBe(200);
  }

  /** A demo case whose due step has fired on Monday 23 November telling the service manager. */
  async function caseWithUnreachableStep(): Promise<{ id: string; incidentId: string }> {
    t.clock.set('2026-11-20T10:00:00Z');
    const started = await http()
      .post('/workflows')
      .set(await authorization(t, Role.Coordinator, { area: 'north' }))
      .send({
        type: 'demo-case',
        input: { reference: `DEMO-${++cases}`, area: 'north', receivedAt: '2026-11-20T10:00:00Z' },
      });
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    const [deadline] = await query<{ id: string }>(
      t.databaseUrl,
      `SELECT id FROM workflow_deadline WHERE workflow_id = $1`,
      [id],
    );
    t.clock.set('2026-11-24T00:00:00Z');
    await t.app.get(WorkflowEngine).send(
      id,
      {
        type: 'deadline.step',
        deadlineId: deadline!.id,
        kind: 'demo-screening',
        ladder: 'demo-screening',
        stepId: 'due',
        step: 'due',
        occurrence: 0,
        dueDate: '2026-11-23',
        dueAt: '2026-11-24T00:00:00.000Z',
        notify: ['service_manager'],
      },
      { eventId: `step-due-${id}`, actor: SYSTEM_ACTOR },
    );
    await drain();
    const incidents = await openIncidents(id);
    expect(incidents.map((i) => i.kind)).toEqual(['notification-undeliverable']);
    return { id, incidentId: incidents[0]!.id };
  }

  const openIncidents = (workflowId: string) =>
    query<{ id: string; kind: string }>(
      t.databaseUrl,
      `SELECT id, kind FROM workflow_incident WHERE workflow_id = $1 AND resolved_at IS NULL ORDER BY created_at`,
      [workflowId],
    );

  async function notificationsOf(workflowId: string) {
    const res = await http()
      .get(`/workflows/${workflowId}/notifications`)
      .set(await manager());
    expect(res.status).toBe(200);
    return res.body as {
      recipient: string;
      resolvedVia: string;
      onDutyDate: string;
      deliveries: { channel: string; target: string; status: string }[];
    }[];
  }

  const retry = async (workflowId: string, incidentId: string) => {
    const res = await http()
      .post(`/workflows/${workflowId}/incidents/${incidentId}/resolve`)
      .set(await manager())
      .send({ reason: 'Service manager team set up', retry: true });
    expect(res.status).toBe(200);
  };

  it('runs the effect again against today’s teams and rota: inbox item and email for the manager on duty', async () => {
    const wf = await caseWithUnreachableStep();
    const [before] = await notificationsOf(wf.id);
    expect(before).toMatchObject({ recipient: 'service_manager', resolvedVia: 'none' });
    expect(before!.deliveries.map((d) => d.channel)).toEqual(['webhook']);

    t.clock.set('2026-11-24T09:30:00Z');
    await put('/duty-teams', {
      area: '*',
      recipient: 'service_manager',
      name: 'Service managers',
      fallbackEmail: 'service-managers@council.example',
    });
    await put('/duty-rota', {
      area: '*',
      recipient: 'service_manager',
      from: CAROL.date,
      to: CAROL.date,
      entries: [CAROL],
    });
    const mailsBefore = smtp.received.length;
    const hooksBefore = receiver.received.length;
    await retry(wf.id, wf.incidentId);
    await drain();

    const inbox = await http()
      .get('/me/notifications')
      .set(await authorization(t, Role.Manager, { sub: CAROL.subject }));
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.filter((i: { workflowId: string }) => i.workflowId === wf.id)).toEqual([
      expect.objectContaining({ recipient: 'service_manager', template: 'deadline.due' }),
    ]);
    await smtp.waitFor(mailsBefore + 1);
    expect(smtp.received.slice(mailsBefore).map((m) => m.to)).toEqual([[CAROL.email]]);

    const [after] = await notificationsOf(wf.id);
    expect(after).toMatchObject({ resolvedVia: 'rota', onDutyDate: CAROL.date });
    expect(after!.deliveries.map((d) => [d.channel, d.target, d.status]).sort()).toEqual([
      ['email', CAROL.email, 'delivered'],
      ['inbox', CAROL.subject, 'delivered'],
      ['webhook', 'case-system', 'delivered'],
    ]);
    // The subscriber was told when the step fired; the retry does not tell it twice.
    expect(receiver.received.length).toBe(hooksBefore);
    expect(await openIncidents(wf.id)).toEqual([]);
  });

  it('raises one new incident when a retry still finds no one, and a redelivery adds none', async () => {
    // The service manager team exists now (the test above); this step tells the chair, who has none.
    const wf = await caseWithChairStep();
    await retry(wf.id, wf.incidentId);
    await drain();
    expect((await openIncidents(wf.id)).map((i) => i.kind)).toEqual(['notification-undeliverable']);

    // The same effect delivered again (a worker that died before marking it done): nothing more.
    await query(
      t.databaseUrl,
      `UPDATE outbox SET status = 'pending', done_at = NULL, available_at = created_at
        WHERE workflow_id = $1 AND effect_type = 'deadline.escalate'`,
      [wf.id],
    );
    await drain();
    const [redelivered] = await query<{ status: string }>(
      t.databaseUrl,
      `SELECT status FROM outbox WHERE workflow_id = $1 AND effect_type = 'deadline.escalate'`,
      [wf.id],
    );
    expect(redelivered!.status).toBe('done'); // it ran again…
    expect(await openIncidents(wf.id)).toHaveLength(1); // …and raised nothing more
  });

  async function caseWithChairStep(): Promise<{ id: string; incidentId: string }> {
    t.clock.set('2026-11-24T10:00:00Z');
    const started = await http()
      .post('/workflows')
      .set(await authorization(t, Role.Coordinator, { area: 'north' }))
      .send({
        type: 'demo-case',
        input: { reference: `DEMO-${++cases}`, area: 'north', receivedAt: '2026-11-24T10:00:00Z' },
      });
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    const [deadline] = await query<{ id: string; due_date: string; due_at: Date }>(
      t.databaseUrl,
      `SELECT id, due_date::text AS due_date, due_at FROM workflow_deadline WHERE workflow_id = $1`,
      [id],
    );
    await t.app.get(WorkflowEngine).send(
      id,
      {
        type: 'deadline.step',
        deadlineId: deadline!.id,
        kind: 'demo-screening',
        ladder: 'demo-screening',
        stepId: 'warn-0',
        step: 'warning',
        occurrence: 0,
        dueDate: deadline!.due_date,
        dueAt: deadline!.due_at.toISOString(),
        notify: ['chair'],
      },
      { eventId: `step-warn-${id}`, actor: SYSTEM_ACTOR },
    );
    await drain();
    const incidents = await openIncidents(id);
    expect(incidents.map((i) => i.kind)).toEqual(['notification-undeliverable']);
    return { id, incidentId: incidents[0]!.id };
  }
});
