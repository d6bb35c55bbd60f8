import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { WorkflowEngine } from '@app/persistence';
import { OutboxDispatcher } from '@app/timers';
import {
  asvReferralDefinition,
  DeadlineStepPayload,
  EscalationRecipient,
  SYSTEM_ACTOR,
} from '@app/workflows';
import { demoCaseV1, demoCaseV2 } from '../fixtures/demo-case.machine';
import { startTestApp, TestApp } from '../support/app';
import { authorization, Role } from '../support/auth';
import { countRows, query } from '../support/rows';
import { SmtpServerProcess } from '../support/smtp-server';
import { WebhookReceiver } from '../support/webhook-receiver';

const PROBLEM_JSON = /^application\/problem\+json/;
const PUBLIC_BASE_URL = 'https://cp.council.example';
const SECRET = randomBytes(32).toString('hex');

/** Friday 20 November 2026: the demo case's screening deadline is due Monday 23rd, missed from midnight. */
const RECEIVED_AT = '2026-11-20T10:00:00Z';
const DUE_DATE = '2026-11-23';
const DUE_AT = '2026-11-24T00:00:00.000Z';

const DUTY_TEAM = {
  area: 'north',
  recipient: 'duty_manager',
  name: 'North duty managers',
  fallbackEmail: 'north-duty@council.example',
  fallbackSubject: 'north-duty-lead',
};
const ALICE = { subject: 'dm-alice', email: 'alice.dm@council.example' };
const BOB = { subject: 'dm-bob', email: 'bob.dm@council.example' };

/**
 * Notifications end to end: the real service on its own database, a real SMTP server process, a
 * real HTTP webhook receiver that checks the HMAC, and the inbox over HTTP. The app runs as an API
 * process and the test plays the worker, draining the outbox itself, so each step is deterministic
 * without sleeping.
 */
describe('Notifications: duty rota, inbox, email over SMTP, signed webhooks', () => {
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
        OUTBOX_MAX_ATTEMPTS: '3',
        PUBLIC_BASE_URL,
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(smtp.port),
        SMTP_FROM: 'cp-workflows@council.example',
        SMTP_TIMEOUT_MS: '3000',
        WEBHOOK_ENDPOINTS: `case-system=${receiver.url}`,
        WEBHOOK_SECRETS: `case-system=${SECRET}`,
        RATE_LIMIT_MAX_REQUESTS: '100000',
      },
      undefined,
      { definitions: [demoCaseV1, demoCaseV2, asvReferralDefinition] },
    );
    t.clock.set(RECEIVED_AT);
    await put('/duty-teams', DUTY_TEAM);
    await put('/duty-rota', {
      area: 'north',
      recipient: 'duty_manager',
      from: '2026-11-23',
      to: '2026-11-27',
      entries: [
        { date: '2026-11-23', ...ALICE },
        { date: '2026-11-24', ...BOB },
      ],
    });
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
    await receiver?.stop();
  });

  const http = () => request(t.app.getHttpServer());
  const as = (role: Role, claims: { sub?: string; area?: string } = {}) => authorization(t, role, claims);
  const manager = () => as(Role.Manager, { sub: 'manager-1' });
  /** A manager's PUT that must succeed (200): the fixtures' teams and rota. */
  async function put(path: string, body: object): Promise<request.Response> {
    const res = await http()
      .put(path)
      .set(await manager())
      .send(body);
    if (res.status !== 200)
      throw new Error(`PUT ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res;
  }
  const drain = () => t.app.get(OutboxDispatcher).drain();
  const engine = () => t.app.get(WorkflowEngine);

  /** Starts a demo case in the north as a co-ordinator; returns its id and its screening deadline's id. */
  async function startCase(): Promise<{ id: string; reference: string; deadlineId: string }> {
    const reference = `DEMO-${++cases}`;
    const started = await http()
      .post('/workflows')
      .set(await as(Role.Coordinator, { area: 'north' }))
      .send({ type: 'demo-case', input: { reference, area: 'north', receivedAt: RECEIVED_AT } });
    expect(started.status).toBe(201);
    const [deadline] = await query<{ id: string }>(
      t.databaseUrl,
      `SELECT id FROM workflow_deadline WHERE workflow_id = $1`,
      [started.body.id],
    );
    return { id: started.body.id, reference, deadlineId: deadline!.id };
  }

  /** Fires a ladder step as the timers do: an engine event, never through the API (which refuses deadline.*). */
  function fireStep(
    workflow: { id: string; deadlineId: string },
    eventId: string,
    step: Partial<DeadlineStepPayload> & { notify: EscalationRecipient[] },
  ) {
    return engine().send(
      workflow.id,
      {
        type: 'deadline.step',
        deadlineId: workflow.deadlineId,
        kind: 'demo-screening',
        ladder: 'demo-screening',
        stepId: 'warn-0',
        step: 'warning',
        occurrence: 0,
        dueDate: DUE_DATE,
        dueAt: DUE_AT,
        ...step,
      },
      { eventId, actor: SYSTEM_ACTOR },
    );
  }

  async function inboxOf(person: { subject: string }, params: Record<string, string> = {}) {
    const res = await http()
      .get('/me/notifications')
      .query(params)
      .set(await as(Role.DutyManager, { sub: person.subject }));
    expect(res.status).toBe(200);
    return res.body as {
      items: { id: string; workflowId: string; reference: string; acknowledgedAt: string | null }[];
      nextCursor: string | null;
    };
  }

  async function notificationsOf(workflowId: string) {
    const res = await http()
      .get(`/workflows/${workflowId}/notifications`)
      .set(await as(Role.Coordinator, { area: 'north' }));
    expect(res.status).toBe(200);
    return res.body as {
      recipient: string;
      resolvedVia: string;
      onDutyDate: string;
      deliveries: {
        channel: string;
        target: string;
        status: string;
        attempts: number;
        lastError: string | null;
        history: unknown[];
      }[];
    }[];
  }

  it('tells the duty manager on the rota that day: inbox, email over SMTP and a signed webhook', async () => {
    const wf = await startCase();
    t.clock.set('2026-11-23T09:00:00Z');
    const sentBefore = smtp.received.length;
    const hooksBefore = receiver.received.length;
    await fireStep(wf, 'step-warning-1', { notify: ['duty_manager'] });
    await drain();

    const inbox = await inboxOf(ALICE);
    expect(inbox.items.filter((i) => i.workflowId === wf.id)).toEqual([
      expect.objectContaining({
        reference: wf.reference,
        workflowType: 'demo-case',
        recipient: 'duty_manager',
        template: 'deadline.warning',
        deadline: expect.objectContaining({
          id: wf.deadlineId,
          kind: 'demo-screening',
          step: 'warning',
          dueDate: DUE_DATE,
        }),
        link: `${PUBLIC_BASE_URL}/workflows/${wf.id}`,
        acknowledgedAt: null,
      }),
    ]);
    expect((await inboxOf(BOB)).items.filter((i) => i.workflowId === wf.id)).toEqual([]);

    await smtp.waitFor(sentBefore + 1);
    const emails = smtp.received.slice(sentBefore);
    expect(emails).toHaveLength(1);
    const [email] = emails;
    expect(email!.to).toEqual([ALICE.email]);
    expect(email!.from).toBe('cp-workflows@council.example');
    expect(email!.subject).toContain(wf.reference);
    expect(email!.text).toContain(`Case reference: ${wf.reference}`);
    expect(email!.text).toContain('demo screening');
    expect(email!.text).toContain('due by the end of 23 November 2026');
    // A person follows the link to the console's page (signing in there), not to the API.
    expect(email!.text).toContain(`Open the workflow: ${PUBLIC_BASE_URL}/console/workflows/${wf.id}`);

    const hooks = receiver.received.slice(hooksBefore);
    expect(hooks).toHaveLength(1);
    const [hook] = hooks;
    expect(hook!.signatureValid).toBe(true);
    expect(hook!.headers['idempotency-key']).toBe(hook!.json.id);
    expect(hook!.json).toMatchObject({
      type: 'notification',
      template: 'deadline.warning',
      recipient: 'duty_manager',
      workflow: {
        id: wf.id,
        type: 'demo-case',
        reference: wf.reference,
        area: 'north',
        url: `${PUBLIC_BASE_URL}/workflows/${wf.id}`,
      },
      deadline: {
        id: wf.deadlineId,
        kind: 'demo-screening',
        step: 'warning',
        dueDate: DUE_DATE,
        dueAt: DUE_AT,
      },
    });

    const notifications = await notificationsOf(wf.id);
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({
      recipient: 'duty_manager',
      resolvedVia: 'rota',
      onDutyDate: '2026-11-23',
    });
    expect(
      notifications[0]!.deliveries
        .map((d) => [d.channel, d.target, d.status, d.attempts, d.history.length])
        .sort(),
    ).toEqual([
      ['email', ALICE.email, 'delivered', 1, 1],
      ['inbox', ALICE.subject, 'delivered', 1, 1],
      ['webhook', 'case-system', 'delivered', 1, 1],
    ]);
  });

  it('falls back to the team address and inbox on a day nobody is on the rota', async () => {
    const wf = await startCase();
    t.clock.set('2026-11-25T09:00:00Z');
    const sentBefore = smtp.received.length;
    await fireStep(wf, 'step-due-1', { step: 'due', stepId: 'due', notify: ['duty_manager'] });
    await drain();

    await smtp.waitFor(sentBefore + 1);
    expect(smtp.received.slice(sentBefore).map((m) => m.to)).toEqual([[DUTY_TEAM.fallbackEmail]]);
    expect(smtp.received.at(-1)!.subject).toContain('Deadline missed: demo screening was due by the end of 23 November 2026');
    const lead = await inboxOf({ subject: DUTY_TEAM.fallbackSubject });
    expect(lead.items.map((i) => i.workflowId)).toContain(wf.id);
    expect((await notificationsOf(wf.id))[0]).toMatchObject({
      resolvedVia: 'team',
      onDutyDate: '2026-11-25',
    });
  });

  it('notifies once when the step or its effect is delivered twice', async () => {
    const wf = await startCase();
    t.clock.set('2026-11-24T09:00:00Z');
    const sentBefore = smtp.received.length;
    const hooksBefore = receiver.received.length;
    await fireStep(wf, 'step-twice', { notify: ['duty_manager'] });
    const again = await fireStep(wf, 'step-twice', { notify: ['duty_manager'] });
    expect(again.replayed).toBe(true);
    await drain();
    await smtp.waitFor(sentBefore + 1);

    // The dispatcher delivers the same effects again, as after a worker died before marking them done.
    const counts = await countRows(t.databaseUrl);
    const redelivered = await query(
      t.databaseUrl,
      `UPDATE outbox SET status = 'pending', done_at = NULL, available_at = $2
        WHERE workflow_id = $1 AND effect_type IN ('deadline.escalate', 'notification.email', 'notification.webhook')
        RETURNING id`,
      [wf.id, t.clock.now()],
    );
    expect(redelivered).toHaveLength(3);
    await drain();

    expect(await countRows(t.databaseUrl)).toEqual(counts);
    expect(smtp.received.slice(sentBefore).map((m) => m.to)).toEqual([[BOB.email]]);
    expect(receiver.received.length).toBe(hooksBefore + 1);
    expect((await inboxOf(BOB)).items.filter((i) => i.workflowId === wf.id)).toHaveLength(1);
    const notifications = await notificationsOf(wf.id);
    expect(notifications).toHaveLength(1);
    expect(notifications[0]!.deliveries.every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(
      true,
    );
  });

  it('tells nobody when the deadline was met between the step firing and its delivery', async () => {
    const wf = await startCase();
    t.clock.set('2026-11-23T10:00:00Z');
    const sentBefore = smtp.received.length;
    await fireStep(wf, 'step-then-met', { notify: ['duty_manager'] });
    const decided = await http()
      .post(`/workflows/${wf.id}/events`)
      .set(await as(Role.Coordinator, { area: 'north' }))
      .send({ type: 'case.decided', decision: 'accept' });
    expect(decided.status).toBe(200);
    await drain();

    expect(await notificationsOf(wf.id)).toEqual([]);
    const [escalation] = await query<{ status: string }>(
      t.databaseUrl,
      `SELECT status FROM outbox WHERE workflow_id = $1 AND effect_type = 'deadline.escalate'`,
      [wf.id],
    );
    expect(escalation).toEqual({ status: 'done' });
    expect(smtp.received.length).toBe(sentBefore);
  });

  it('records a recipient nobody can be found for and raises an incident on the workflow', async () => {
    const wf = await startCase();
    t.clock.set('2026-11-23T12:00:00Z');
    await fireStep(wf, 'step-nobody', {
      step: 'due',
      stepId: 'due',
      notify: ['service_manager', 'duty_manager'],
    });
    await drain();

    const notifications = await notificationsOf(wf.id);
    expect(notifications.map((n) => [n.recipient, n.resolvedVia]).sort()).toEqual([
      ['duty_manager', 'rota'],
      ['service_manager', 'none'],
    ]);
    const nobody = notifications.find((n) => n.recipient === 'service_manager')!;
    expect(nobody.deliveries.map((d) => d.channel)).toEqual(['webhook']);
    const details = await http()
      .get(`/workflows/${wf.id}`)
      .set(await as(Role.Manager));
    expect(details.body.incidents).toEqual([
      expect.objectContaining({
        kind: 'notification-undeliverable',
        detail: expect.stringContaining('no service_manager team for area north'),
        resolvedAt: null,
      }),
    ]);
    const failed = await http()
      .get('/workflows')
      .query({ failed: 'true' })
      .set(await as(Role.Manager));
    expect(failed.body.items.map((i: { id: string }) => i.id)).toContain(wf.id);
  });

  it("raises an incident when email is off and nobody's inbox is named for the team", async () => {
    await put('/duty-teams', {
      area: 'north',
      recipient: 'chair',
      name: 'North chairs',
      fallbackEmail: 'chairs@council.example',
    });
    // The same database, served by a process without SMTP settings.
    const withoutEmail = await startTestApp({ PROCESS_ROLE: 'api' }, t.clock, {
      definitions: [demoCaseV1, demoCaseV2],
      databaseUrl: t.databaseUrl,
    });
    try {
      const wf = await startCase();
      t.clock.set('2026-11-23T13:00:00Z');
      await withoutEmail.app.get(WorkflowEngine).send(
        wf.id,
        {
          type: 'deadline.step',
          deadlineId: wf.deadlineId,
          kind: 'demo-screening',
          ladder: 'demo-screening',
          stepId: 'warn-0',
          step: 'warning',
          occurrence: 0,
          dueDate: DUE_DATE,
          dueAt: DUE_AT,
          notify: ['chair'],
        },
        { eventId: 'step-no-email', actor: SYSTEM_ACTOR },
      );
      await withoutEmail.app.get(OutboxDispatcher).drain();
      const [chair] = await notificationsOf(wf.id);
      expect(chair).toMatchObject({ recipient: 'chair', resolvedVia: 'team' });
      expect(chair!.deliveries.map((d) => d.channel)).toEqual([]);
      const details = await http()
        .get(`/workflows/${wf.id}`)
        .set(await as(Role.Manager));
      expect(details.body.incidents).toEqual([
        expect.objectContaining({
          kind: 'notification-undeliverable',
          detail: expect.stringContaining('email is off'),
        }),
      ]);
    } finally {
      await withoutEmail.app.close();
    }
  });

  it('retries email while the SMTP server is down and ends as an incident after the attempts', async () => {
    const wf = await startCase();
    t.clock.set('2026-11-23T15:00:00Z');
    await smtp.stop();
    try {
      await fireStep(wf, 'step-smtp-down', { notify: ['duty_manager'] });
      for (let attempt = 0; attempt < 3; attempt++) {
        await drain();
        t.clock.advanceMs(60 * 60 * 1000); // past any backoff
      }
    } finally {
      await smtp.start();
    }
    const [outbox] = await query<{ status: string; attempts: number; last_error: string }>(
      t.databaseUrl,
      `SELECT status, attempts, last_error FROM outbox WHERE workflow_id = $1 AND effect_type = 'notification.email'`,
      [wf.id],
    );
    expect(outbox).toMatchObject({
      status: 'failed',
      attempts: 3,
      last_error: expect.stringMatching(/^email not delivered: E[A-Z]+/),
    });
    expect(outbox!.last_error).not.toContain('@');

    const email = (await notificationsOf(wf.id))[0]!.deliveries.find((d) => d.channel === 'email')!;
    expect(email).toMatchObject({
      target: ALICE.email,
      status: 'failed',
      attempts: 3,
      lastError: outbox!.last_error,
    });
    expect(email.history).toEqual(
      [1, 2, 3].map((attempt) => expect.objectContaining({ attempt, outcome: 'failed' })),
    );
    const others = (await notificationsOf(wf.id))[0]!.deliveries.filter((d) => d.channel !== 'email');
    expect(others.every((d) => d.status === 'delivered')).toBe(true);

    const details = await http()
      .get(`/workflows/${wf.id}`)
      .set(await as(Role.Manager));
    expect(details.body.incidents).toEqual([
      expect.objectContaining({
        kind: 'effect-failed',
        detail: expect.stringContaining('notification.email failed 3 times'),
      }),
    ]);
  });

  it("tells the LADO of an ASV referral (a machine's notify effect) without a name in the email", async () => {
    await put('/duty-teams', {
      area: '*',
      recipient: 'lado',
      name: 'LADO service',
      fallbackEmail: 'lado@council.example',
    });
    t.clock.set('2026-11-23T10:00:00Z');
    // Through the ASV API, which assigns the reference (the generic API refuses this type).
    const started = await http()
      .post('/asv-referrals')
      .set(await as(Role.Coordinator, { area: 'north' }))
      .send({
        receivedAt: '2026-11-23T10:00:00Z',
        area: 'north',
        referrer: { type: 'employer', organisationId: 'org-4411', organisationName: 'Northfield Primary School' },
        subjectPersonId: 'person-9001',
        childIds: ['child-1'],
        employerIds: ['org-4411'],
        concernCategory: 'physical-abuse',
      });
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    const reference = started.body.reference as string;
    expect(reference).toMatch(/^ASV-2026-\d{6}$/);
    const rationale = 'Jane Doe told her teacher that Mr Smith hit her';
    const limb = (applies: boolean) => ({ applies, rationale: applies ? rationale : 'No indication' });
    const post = async (path: string, body?: object) => {
      const req = http()
        .post(`/asv-referrals/${id}${path}`)
        .set(await as(Role.Coordinator, { area: 'north' }));
      return body ? req.send(body) : req;
    };
    expect(
      (
        await post('/screening', {
          decision: 'threshold-met',
          limbs: {
            harmedChild: limb(true),
            criminalOffence: limb(false),
            riskOfHarm: limb(false),
            transferableRisk: limb(false),
          },
        })
      ).status,
    ).toBe(200);
    const sentBefore = smtp.received.length;
    expect((await post('/lado-referral')).status).toBe(200);
    await drain();

    await smtp.waitFor(sentBefore + 1);
    const toLado = smtp.received.slice(sentBefore).filter((m) => m.to.includes('lado@council.example'));
    expect(toLado).toHaveLength(1);
    expect(toLado[0]!.subject).toBe(`[${reference}] Allegation referred to the LADO`);
    expect(toLado[0]!.text).toContain(`${PUBLIC_BASE_URL}/console/workflows/${id}`);
    for (const personal of ['Jane', 'Doe', 'Smith', 'person-9001', 'child-1']) {
      expect(toLado[0]!.raw).not.toContain(personal);
    }
    const hook = receiver.received.find(
      (h) => (h.json.workflow as { id: string }).id === id && h.json.recipient === 'lado',
    );
    expect(hook?.signatureValid).toBe(true);
    expect(hook?.body).not.toMatch(/Jane|Doe|Smith|person-9001|child-1/);
    const lado = (await notificationsOf(id)).find((n) => n.recipient === 'lado');
    expect(lado).toMatchObject({ resolvedVia: 'team' });
  });

  describe('the inbox', () => {
    let items: { id: string; acknowledgedAt: string | null }[];

    beforeAll(async () => {
      t.clock.set('2026-11-23T16:00:00Z');
      for (let i = 0; i < 3; i++) {
        const wf = await startCase();
        await fireStep(wf, `step-inbox-${i}`, { notify: ['duty_manager'] });
      }
      await drain();
      items = (await inboxOf(ALICE)).items;
      expect(items.length).toBeGreaterThanOrEqual(3);
    });

    it('lists newest first in cursor pages', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof inboxOf>> = await inboxOf(ALICE, {
          limit: '2',
          ...(cursor ? { cursor } : {}),
        });
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(items.map((i) => i.id));
      const created = (await inboxOf(ALICE)).items.map(
        (i) => (i as unknown as { createdAt: string }).createdAt,
      );
      expect([...created].sort().reverse()).toEqual(created);
    });

    it('acknowledges an item once, idempotently, and filters the unacknowledged', async () => {
      const target = items[0]!;
      const ack = async (who: { subject: string }, id = target.id) =>
        http()
          .post(`/me/notifications/${id}/acknowledge`)
          .set(await as(Role.DutyManager, { sub: who.subject }));
      const first = await ack(ALICE);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ id: target.id, acknowledgedAt: '2026-11-23T16:00:00.000Z' });
      t.clock.advanceMs(60_000);
      const before = await countRows(t.databaseUrl);
      const second = await ack(ALICE);
      expect(second.status).toBe(200);
      expect(second.body.acknowledgedAt).toBe(first.body.acknowledgedAt);
      expect(await countRows(t.databaseUrl)).toEqual(before);

      const someoneElse = await ack(BOB);
      expect(someoneElse.status).toBe(404);
      expect(someoneElse.headers['content-type']).toMatch(PROBLEM_JSON);

      const open = await inboxOf(ALICE, { unacknowledged: 'true' });
      expect(open.items.map((i) => i.id)).not.toContain(target.id);
      expect(open.items.length).toBe(items.length - 1);
    });
  });

  describe('teams and the rota', () => {
    it('reads a team and its rota back as written', async () => {
      const teams = await http()
        .get('/duty-teams')
        .query({ area: 'north', recipient: 'duty_manager' })
        .set(await manager());
      expect(teams.status).toBe(200);
      expect(teams.body).toEqual([expect.objectContaining({ ...DUTY_TEAM, id: expect.any(String) })]);
      const rota = await http()
        .get('/duty-rota')
        .query({ area: 'north', recipient: 'duty_manager', from: '2026-11-23', to: '2026-11-24' })
        .set(await manager());
      expect(rota.status).toBe(200);
      expect(rota.body).toEqual({
        area: 'north',
        recipient: 'duty_manager',
        from: '2026-11-23',
        to: '2026-11-24',
        entries: [
          { date: '2026-11-23', ...ALICE },
          { date: '2026-11-24', ...BOB },
        ],
      });
    });

    it('replaces only the dates of the range and logs who changed it', async () => {
      await put('/duty-teams', { ...DUTY_TEAM, area: 'west', fallbackSubject: null });
      const write = (from: string, to: string, entries: object[]) =>
        put('/duty-rota', { area: 'west', recipient: 'duty_manager', from, to, entries });
      await write('2026-12-01', '2026-12-03', [
        { date: '2026-12-01', ...ALICE },
        { date: '2026-12-02', ...ALICE },
        { date: '2026-12-03', ...ALICE },
      ]);
      const replaced = await write('2026-12-02', '2026-12-02', [{ date: '2026-12-02', ...BOB }]);
      expect(replaced.body.entries).toEqual([{ date: '2026-12-02', ...BOB }]);
      const all = await http()
        .get('/duty-rota')
        .query({ area: 'west', recipient: 'duty_manager', from: '2026-12-01', to: '2026-12-31' })
        .set(await manager());
      expect(
        all.body.entries.map((e: { date: string; subject: string }) => `${e.date} ${e.subject}`),
      ).toEqual(['2026-12-01 dm-alice', '2026-12-02 dm-bob', '2026-12-03 dm-alice']);
      const logged = await query<{ record_type: string; record_id: string; subject: string }>(
        t.databaseUrl,
        `SELECT record_type, record_id, subject FROM access_log WHERE record_id = 'west/duty_manager' AND action = 'write'`,
      );
      expect(logged).toEqual(
        expect.arrayContaining([
          { record_type: 'notification-team', record_id: 'west/duty_manager', subject: 'manager-1' },
          { record_type: 'duty-rota', record_id: 'west/duty_manager', subject: 'manager-1' },
        ]),
      );
    });
  });

  describe('refuses bad requests with problem+json and writes no row', () => {
    const unknownId = '7a0b3d4e-5f60-4718-8a9b-0c1d2e3f4a5b';
    const rota = (overrides: object) => ({
      area: 'north',
      recipient: 'duty_manager',
      from: '2026-11-23',
      to: '2026-11-27',
      entries: [],
      ...overrides,
    });
    let workflowId: string;
    beforeAll(async () => {
      workflowId = (await startCase()).id;
    });

    const cases: [string, () => Promise<request.Response>, number][] = [
      [
        'a team with a bad address',
        async () =>
          http()
            .put('/duty-teams')
            .set(await manager())
            .send({ ...DUTY_TEAM, fallbackEmail: 'not an address' }),
        400,
      ],
      [
        'a team for an unknown recipient',
        async () =>
          http()
            .put('/duty-teams')
            .set(await manager())
            .send({ ...DUTY_TEAM, recipient: 'mayor' }),
        400,
      ],
      [
        'a team with a bad area',
        async () =>
          http()
            .put('/duty-teams')
            .set(await manager())
            .send({ ...DUTY_TEAM, area: '../etc' }),
        400,
      ],
      [
        'a team without a name',
        async () =>
          http()
            .put('/duty-teams')
            .set(await manager())
            .send({ ...DUTY_TEAM, name: undefined }),
        400,
      ],
      [
        'a team with an unknown field',
        async () =>
          http()
            .put('/duty-teams')
            .set(await manager())
            .send({ ...DUTY_TEAM, childName: 'A' }),
        400,
      ],
      [
        'a team with a subject holding spaces',
        async () =>
          http()
            .put('/duty-teams')
            .set(await manager())
            .send({ ...DUTY_TEAM, fallbackSubject: 'a b' }),
        400,
      ],
      [
        'listing teams of a bad area',
        async () =>
          http()
            .get('/duty-teams')
            .query({ area: '' })
            .set(await manager()),
        400,
      ],
      [
        'a rota for a team that does not exist',
        async () =>
          http()
            .put('/duty-rota')
            .set(await manager())
            .send(rota({ area: 'east' })),
        404,
      ],
      [
        'a rota entry outside its range',
        async () =>
          http()
            .put('/duty-rota')
            .set(await manager())
            .send(rota({ entries: [{ date: '2026-12-25', ...ALICE }] })),
        400,
      ],
      [
        'a rota ending before it starts',
        async () =>
          http()
            .put('/duty-rota')
            .set(await manager())
            .send(rota({ from: '2026-11-27', to: '2026-11-23' })),
        400,
      ],
      [
        'a rota over more than a year',
        async () =>
          http()
            .put('/duty-rota')
            .set(await manager())
            .send(rota({ from: '2026-01-01', to: '2027-01-02' })),
        400,
      ],
      [
        'a rota with an impossible date',
        async () =>
          http()
            .put('/duty-rota')
            .set(await manager())
            .send(rota({ entries: [{ date: '2026-02-30', ...ALICE }] })),
        400,
      ],
      [
        'a rota entry without an address',
        async () =>
          http()
            .put('/duty-rota')
            .set(await manager())
            .send(rota({ entries: [{ date: '2026-11-23', subject: 'x' }] })),
        400,
      ],
      [
        'a rota with a person twice on a date',
        async () =>
          http()
            .put('/duty-rota')
            .set(await manager())
            .send(
              rota({
                entries: [
                  { date: '2026-11-23', ...ALICE },
                  { date: '2026-11-23', ...ALICE },
                ],
              }),
            ),
        400,
      ],
      [
        'a rota without entries',
        async () =>
          http()
            .put('/duty-rota')
            .set(await manager())
            .send(rota({ entries: undefined })),
        400,
      ],
      [
        'reading a rota without dates',
        async () =>
          http()
            .get('/duty-rota')
            .query({ area: 'north', recipient: 'duty_manager' })
            .set(await manager()),
        400,
      ],
      [
        'reading the rota of a team that does not exist',
        async () =>
          http()
            .get('/duty-rota')
            .query({ area: 'east', recipient: 'duty_manager', from: '2026-11-23', to: '2026-11-24' })
            .set(await manager()),
        404,
      ],
      [
        'an inbox cursor the service did not issue',
        async () =>
          http()
            .get('/me/notifications')
            .query({ cursor: 'garbage' })
            .set(await as(Role.DutyManager, { sub: ALICE.subject })),
        400,
      ],
      [
        'an inbox page of no items',
        async () =>
          http()
            .get('/me/notifications')
            .query({ limit: 0 })
            .set(await as(Role.DutyManager, { sub: ALICE.subject })),
        400,
      ],
      [
        'an inbox filter that is not a boolean',
        async () =>
          http()
            .get('/me/notifications')
            .query({ unacknowledged: 'perhaps' })
            .set(await as(Role.DutyManager, { sub: ALICE.subject })),
        400,
      ],
      [
        'acknowledging a malformed id',
        async () =>
          http()
            .post('/me/notifications/not-a-uuid/acknowledge')
            .set(await as(Role.DutyManager, { sub: ALICE.subject })),
        400,
      ],
      [
        'acknowledging an unknown notification',
        async () =>
          http()
            .post(`/me/notifications/${unknownId}/acknowledge`)
            .set(await as(Role.DutyManager, { sub: ALICE.subject })),
        404,
      ],
      [
        "a workflow's notifications by a malformed id",
        async () =>
          http()
            .get('/workflows/not-a-uuid/notifications')
            .set(await manager()),
        400,
      ],
      [
        "an unknown workflow's notifications",
        async () =>
          http()
            .get(`/workflows/${unknownId}/notifications`)
            .set(await manager()),
        404,
      ],
      [
        "another area's workflow's notifications",
        async () =>
          http()
            .get(`/workflows/${workflowId}/notifications`)
            .set(await as(Role.Chair, { area: 'south' })),
        404,
      ],
    ];

    it.each(cases)('%s', async (_name, act, status) => {
      const before = await countRows(t.databaseUrl);
      const res = await act();
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({ status, title: expect.any(String), type: expect.any(String) });
      expect(await countRows(t.databaseUrl)).toEqual(before);
    });

    it('answers a role that may not manage settings with 403', async () => {
      const res = await http()
        .put('/duty-teams')
        .set(await as(Role.Coordinator, { area: 'north' }))
        .send(DUTY_TEAM);
      expect(res.status).toBe(403);
    });
  });
});
