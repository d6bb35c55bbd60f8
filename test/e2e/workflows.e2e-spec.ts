import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { assign } from 'xstate';
import { ReplayService, WorkflowEngine } from '@app/persistence';
import { SYSTEM_ACTOR, WorkflowRegistry, WorkingDayCalendar } from '@app/workflows';
import { OutboxDispatcher } from '@app/timers';
import { demoCaseV1, demoCaseV2 } from '../fixtures/demo-case.machine';
import { startTestApp, TestApp } from '../support/app';
import { countRows, query } from '../support/rows';
import { bearer } from '../support/tokens';

/** A webhook receiver that performs each delivery once, by its Idempotency-Key, as a real one would. */
class Receiver {
  readonly seen: string[] = [];
  readonly performed = new Set<string>();
  failWith = 0;
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res) => {
      const key = String(req.headers['idempotency-key']);
      req.resume();
      req.on('end', () => {
        this.seen.push(key);
        if (this.failWith) {
          res.writeHead(this.failWith).end();
          return;
        }
        this.performed.add(key);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/hook`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

describe('The workflow engine through its HTTP API', () => {
  let t: TestApp;
  let receiver: Receiver;
  let coordinator: string;
  let manager: string;
  const input = (n: number, extra: Record<string, unknown> = {}) => ({
    reference: `DEMO-${n}`,
    area: 'north',
    receivedAt: '2026-11-20T10:00:00Z',
    webhookUrl: receiver.url,
    ...extra,
  });

  beforeAll(async () => {
    receiver = new Receiver();
    await receiver.start();
    t = await startTestApp({ OUTBOX_MAX_ATTEMPTS: '3', OUTBOX_POLL_MS: '60000' }, undefined, {
      definitions: [demoCaseV1, demoCaseV2],
    });
    t.clock.set('2026-11-20T10:00:00Z');
    coordinator = await bearer(t.config, t.clock, 'coordinator', { area: 'north' });
    manager = await bearer(t.config, t.clock, 'manager');
  });

  afterAll(async () => {
    await t?.close();
    await receiver?.stop();
  });

  const http = () => request(t.app.getHttpServer());
  const start = (body: unknown, key?: string) => {
    const r = http().post('/workflows').set('Authorization', coordinator);
    return key ? r.set('Idempotency-Key', key).send(body as object) : r.send(body as object);
  };
  const send = (id: string, body: unknown, key?: string) => {
    const r = http().post(`/workflows/${id}/events`).set('Authorization', coordinator);
    return key ? r.set('Idempotency-Key', key).send(body as object) : r.send(body as object);
  };
  const drain = () => t.app.get(OutboxDispatcher).drain();

  it('starts a workflow on the newest version and shows it with its open deadline', async () => {
    const res = await start({ type: 'demo-case', input: input(1) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: 'demo-case', machineVersion: 2, state: 'screening', status: 'active', seq: 1 });

    const got = await http().get(`/workflows/${res.body.id}`).set('Authorization', coordinator);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      id: res.body.id,
      type: 'demo-case',
      machineVersion: 2,
      state: 'screening',
      reference: 'DEMO-1',
      area: 'north',
      allowedEvents: ['case.decided', 'note.added'],
      overdue: false,
      stuck: false,
      incidents: [],
      lastTransitionAt: '2026-11-20T10:00:00.000Z',
    });
    expect(got.body.context).toMatchObject({ reference: 'DEMO-1', notes: 0 });
    expect(got.body.deadlines).toEqual([
      expect.objectContaining({ kind: 'demo-screening', dueDate: '2026-11-23', dueAt: '2026-11-24T00:00:00.000Z' }),
    ]);
  });

  it('moves on an accepted event, journals it, closes the met deadline and delivers the effect once', async () => {
    const { body: wf } = await start({ type: 'demo-case', input: input(2) });
    const res = await send(wf.id, { type: 'case.decided', decision: 'accept' }, 'decide-2');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'review', seq: 2, allowedEvents: ['case.reviewed', 'note.added'] });

    const history = await http().get(`/workflows/${wf.id}/history`).set('Authorization', coordinator);
    expect(history.body.map((e: { type: string; fromState: string | null; toState: string }) => [e.type, e.fromState, e.toState])).toEqual([
      ['workflow.started', null, 'screening'],
      ['case.decided', 'screening', 'review'],
    ]);
    expect(history.body[1]).toMatchObject({ eventId: 'client.decide-2', actor: { sub: 'user-coordinator', role: 'coordinator' } });

    const deadlines = await query<{ kind: string; status: string }>(
      t.databaseUrl,
      `SELECT kind, status FROM workflow_deadline WHERE workflow_id = $1 ORDER BY kind`,
      [wf.id],
    );
    expect(deadlines).toEqual([
      { kind: 'demo-review', status: 'open' },
      { kind: 'demo-screening', status: 'met' },
    ]);

    await drain();
    const outbox = await query<{ id: string; status: string }>(
      t.databaseUrl,
      `SELECT id, status FROM outbox WHERE workflow_id = $1 AND effect_type = 'webhook.post'`,
      [wf.id],
    );
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.status).toBe('done');
    expect(receiver.performed.has(`outbox-${outbox[0]!.id}`)).toBe(true);
  });

  it('answers a repeated event id with the first answer and writes nothing', async () => {
    const { body: wf } = await start({ type: 'demo-case', input: input(3) });
    const first = await send(wf.id, { type: 'note.added', text: 'called the referrer' }, 'note-3');
    const before = await countRows(t.databaseUrl);
    const again = await send(wf.id, { type: 'note.added', text: 'called the referrer' }, 'note-3');
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, replayed: true });
    expect(await countRows(t.databaseUrl)).toEqual(before);

    const reused = await send(wf.id, { type: 'note.added', text: 'something else' }, 'note-3');
    expect(reused.status).toBe(409);
    expect(await countRows(t.databaseUrl)).toEqual(before);
  });

  it('answers the same event sent ten times at once with one transition and ten equal answers', async () => {
    const { body: wf } = await start({ type: 'demo-case', input: input(12) });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => send(wf.id, { type: 'note.added', text: 'at once' }, 'same-key-at-once')),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(new Set(results.map((r) => r.body.seq))).toEqual(new Set([2]));
    expect(results.filter((r) => !r.body.replayed)).toHaveLength(1);
    const rows = await query(t.databaseUrl, `SELECT seq FROM workflow_journal WHERE workflow_id = $1`, [wf.id]);
    expect(rows).toHaveLength(2);
  });

  it('answers a repeated start with the same key with the first workflow', async () => {
    const first = await start({ type: 'demo-case', input: input(4) }, 'start-4');
    const before = await countRows(t.databaseUrl);
    const again = await start({ type: 'demo-case', input: input(4) }, 'start-4');
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ ...first.body, replayed: true });
    expect(await countRows(t.databaseUrl)).toEqual(before);
  });

  describe('refuses bad requests with problem+json and writes no row', () => {
    let id: string;
    beforeAll(async () => {
      id = (await start({ type: 'demo-case', input: input(5) })).body.id;
    });

    it.each([
      ['an event the state does not accept', () => send(id, { type: 'case.closed' }), 409],
      ['an event a guard refuses', () => send(id, { type: 'case.decided', decision: 'reject' }), 422],
      ['an unknown event type', () => send(id, { type: 'case.exploded' }), 400],
      ['an engine-only event', () => send(id, { type: 'deadline.step', step: 'due' }), 400],
      ['an invalid payload', () => send(id, { type: 'case.decided', decision: 'perhaps' }), 400],
      ['an unknown payload field', () => send(id, { type: 'note.added', text: 'x', childName: 'A' }), 400],
      ['an event without a type', () => send(id, { decision: 'accept' }), 400],
      ['an unknown workflow', () => send('7a0b3d4e-5f60-4718-8a9b-0c1d2e3f4a5b', { type: 'note.added', text: 'x' }), 404],
      ['a malformed id', () => send('not-a-uuid', { type: 'note.added', text: 'x' }), 400],
      ['malformed JSON', () => http().post(`/workflows/${id}/events`).set('Authorization', coordinator).set('Content-Type', 'application/json').send('{"type":'), 400],
      ['an unknown workflow type', () => start({ type: 'no-such-type', input: {} }), 400],
      ['invalid input', () => start({ type: 'demo-case', input: { reference: 'x' } }), 400],
      ['extra top-level fields', () => start({ type: 'demo-case', input: input(6), extra: true }), 400],
      ['a bad idempotency key', () => send(id, { type: 'note.added', text: 'x' }, 'has spaces'), 400],
    ])('%s', async (_name, act, status) => {
      const before = await countRows(t.databaseUrl);
      const res = await act();
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status, title: expect.any(String), type: expect.any(String) });
      expect(await countRows(t.databaseUrl)).toEqual(before);
    });
  });

  it('serialises 50 concurrent events on one workflow: 50 journal rows, no gap, snapshot equal to its replay', async () => {
    const { body: wf } = await start({ type: 'demo-case', input: input(7) });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => send(wf.id, { type: 'note.added', text: `note ${i}` }, `concurrent-${i}`)),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    const seqs = await query<{ seq: number }>(t.databaseUrl, `SELECT seq FROM workflow_journal WHERE workflow_id = $1 ORDER BY seq`, [wf.id]);
    expect(seqs.map((r) => r.seq)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    const got = await http().get(`/workflows/${wf.id}`).set('Authorization', coordinator);
    expect(got.body.context.notes).toBe(50);
    expect(got.body.seq).toBe(51);
    const replay = await t.app.get(ReplayService).check();
    expect(replay.mismatched).toEqual([]);
    expect(replay.checked).toBeGreaterThan(0);
  });

  it('lists from indexed columns with filters and cursor pagination', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await http()
        .get('/workflows')
        .query({ type: 'demo-case', limit: 2, ...(cursor ? { cursor } : {}) })
        .set('Authorization', coordinator);
      expect(page.status).toBe(200);
      all.push(...page.body.items.map((i: { id: string }) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(all).size).toBe(all.length);
    const total = await query<{ n: number }>(t.databaseUrl, `SELECT count(*)::int AS n FROM workflow_instance`);
    expect(all.length).toBe(total[0]!.n);

    const screening = await http().get('/workflows').query({ state: 'screening' }).set('Authorization', coordinator);
    expect(screening.body.items.every((i: { state: string }) => i.state === 'screening')).toBe(true);

    // Past the screening deadline (midnight after Monday 23 Nov) and past the 48-hour stuck limit.
    t.clock.set('2026-11-24T09:00:00Z');
    const token = await bearer(t.config, t.clock, 'coordinator', { area: 'north' });
    const overdue = await http().get('/workflows').query({ overdue: 'true' }).set('Authorization', token);
    expect(overdue.body.items.length).toBeGreaterThan(0);
    expect(overdue.body.items.every((i: { overdue: boolean; state: string }) => i.overdue && i.state === 'screening')).toBe(true);
    const stuck = await http().get('/workflows').query({ stuck: 'true' }).set('Authorization', token);
    expect(stuck.body.items.length).toBe(overdue.body.items.length);

    const bad = await http().get('/workflows').query({ cursor: 'garbage' }).set('Authorization', token);
    expect(bad.status).toBe(400);
    t.clock.set('2026-11-20T10:00:00Z');
  });

  it('retries a failing effect with backoff and records an incident when its attempts are spent', async () => {
    receiver.failWith = 503;
    try {
      const { body: wf } = await start({ type: 'demo-case', input: input(8) });
      await send(wf.id, { type: 'case.decided', decision: 'accept' });
      for (let attempt = 0; attempt < 3; attempt++) {
        await drain();
        t.clock.advanceMs(60 * 60 * 1000); // past any backoff
      }
      const row = await query<{ status: string; attempts: number; last_error: string }>(
        t.databaseUrl,
        `SELECT status, attempts, last_error FROM outbox WHERE workflow_id = $1 AND effect_type = 'webhook.post'`,
        [wf.id],
      );
      expect(row[0]).toEqual({ status: 'failed', attempts: 3, last_error: 'webhook.post answered 503' });
      const got = await http().get(`/workflows/${wf.id}`).set('Authorization', await bearer(t.config, t.clock, 'coordinator', { area: 'north' }));
      expect(got.body.incidents).toEqual([expect.objectContaining({ kind: 'effect-failed', resolvedAt: null })]);
      const managerNow = await bearer(t.config, t.clock, 'manager');
      const failed = await http().get('/workflows').query({ failed: 'true' }).set('Authorization', managerNow);
      expect(failed.body.items.map((i: { id: string }) => i.id)).toContain(wf.id);

      // The receiving system is back: a manager resolves the incident and retries the effect.
      receiver.failWith = 0;
      const incidentId = got.body.incidents[0].id as string;
      const resolvePath = `/workflows/${wf.id}/incidents/${incidentId}/resolve`;
      const refused = await http().post(resolvePath).set('Authorization', await bearer(t.config, t.clock, 'coordinator', { area: 'north' })).send({ reason: 'receiver is back', retry: true });
      expect(refused.status).toBe(403);
      const resolved = await http().post(resolvePath).set('Authorization', managerNow).send({ reason: 'receiver is back', retry: true });
      expect(resolved.status).toBe(200);
      await drain();
      const retried = await query<{ status: string; attempts: number }>(
        t.databaseUrl,
        `SELECT status, attempts FROM outbox WHERE workflow_id = $1 AND effect_type = 'webhook.post'`,
        [wf.id],
      );
      expect(retried[0]).toEqual({ status: 'done', attempts: 1 });
      const after = await http().get(`/workflows/${wf.id}`).set('Authorization', managerNow);
      expect(after.body.incidents).toEqual([expect.objectContaining({ resolvedAt: expect.any(String) })]);
      const stillFailed = await http().get('/workflows').query({ failed: 'true' }).set('Authorization', managerNow);
      expect(stillFailed.body.items.map((i: { id: string }) => i.id)).not.toContain(wf.id);
      const history = await http().get(`/workflows/${wf.id}/history`).set('Authorization', managerNow);
      expect(history.body.at(-1)).toMatchObject({
        type: 'engine.incident-resolved',
        payload: { incidentId, reason: 'receiver is back', retry: true },
        actor: { role: 'manager' },
      });
      const before = await countRows(t.databaseUrl);
      const twice = await http().post(resolvePath).set('Authorization', managerNow).send({ reason: 'receiver is back', retry: true });
      expect(twice.status).toBe(409);
      expect(await countRows(t.databaseUrl)).toEqual(before);
    } finally {
      receiver.failWith = 0;
      t.clock.set('2026-11-20T10:00:00Z');
    }
  });

  it('lets a manager move a stuck workflow by force, with a reason, journaled and replayable', async () => {
    const { body: wf } = await start({ type: 'demo-case', input: input(11) });
    const path = `/workflows/${wf.id}/force`;
    const before = await countRows(t.databaseUrl);
    for (const [body, status, token] of [
      [{ toState: 'decided', reason: 'decided on paper' }, 403, coordinator],
      [{ toState: 'nowhere', reason: 'decided on paper' }, 422, manager],
      [{ toState: 'decided' }, 400, manager],
      [{ toState: 'decided; DROP', reason: 'decided on paper' }, 400, manager],
    ] as const) {
      const res = await http().post(path).set('Authorization', token).send(body);
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(await countRows(t.databaseUrl)).toEqual(before);

    const forced = await http().post(path).set('Authorization', manager).send({ toState: 'decided', reason: 'decided on paper' });
    expect(forced.status).toBe(200);
    expect(forced.body).toMatchObject({ state: 'decided', allowedEvents: ['case.closed', 'note.added'] });
    const deadlines = await query<{ status: string; closed_by: string }>(
      t.databaseUrl,
      `SELECT status, closed_by FROM workflow_deadline WHERE workflow_id = $1`,
      [wf.id],
    );
    expect(deadlines).toEqual([{ status: 'met', closed_by: 'engine.forced' }]);
    const history = await http().get(`/workflows/${wf.id}/history`).set('Authorization', manager);
    expect(history.body.at(-1)).toMatchObject({
      type: 'engine.forced',
      payload: { toState: 'decided', reason: 'decided on paper' },
      fromState: 'screening',
      toState: 'decided',
    });
    const replay = await t.app.get(ReplayService).check();
    expect(replay.mismatched).toEqual([]);
  });

  it('shows the furthest step up the ladder, whatever order steps that fell due together were recorded in', async () => {
    const { body: wf } = await start({ type: 'demo-case', input: input(13) });
    const engine = t.app.get(WorkflowEngine);
    const got = () => http().get(`/workflows/${wf.id}`).set('Authorization', manager);
    const deadline = (await got()).body.deadlines[0] as { id: string; kind: string };
    const step = (stepKind: string, n: number) =>
      engine.send(
        wf.id,
        { type: 'deadline.step', deadlineId: deadline.id, kind: deadline.kind, step: stepKind, stepId: `${stepKind}-${n}` },
        { eventId: `step-${stepKind}-${n}`, actor: SYSTEM_ACTOR },
      );
    await step('repeat', 1);
    await step('due', 0);
    await step('warning', 0);
    const after = (await got()).body.deadlines[0];
    expect(after).toMatchObject({ lastStep: 'repeat', warnedAt: expect.any(String), overdueAt: expect.any(String) });
  });

  it('gives managers an inspection trace from the journal that carries no case data', async () => {
    const { body: wf } = await start({ type: 'demo-case', input: input(14) });
    await send(wf.id, { type: 'note.added', text: 'spoke to Mrs Example at 1 High Street' });
    await send(wf.id, { type: 'case.decided', decision: 'reject', reason: 'no concern for Mrs Example' });
    const denied = await http().get(`/workflows/${wf.id}/inspection`).set('Authorization', coordinator);
    expect(denied.status).toBe(403);
    const res = await http().get(`/workflows/${wf.id}/inspection`).set('Authorization', manager);
    expect(res.status).toBe(200);
    const events = res.body as { type: string; event?: { type: string }; snapshot?: { value: unknown; context: Record<string, unknown> } }[];
    expect(events.map((e) => e.type)).toEqual([
      '@xstate.actor',
      '@xstate.event',
      '@xstate.snapshot',
      '@xstate.event',
      '@xstate.snapshot',
    ]);
    expect(events.filter((e) => e.type === '@xstate.event').map((e) => e.event!.type)).toEqual(['note.added', 'case.decided']);
    expect(events.at(-1)!.snapshot!.value).toBe('review');
    expect(Object.values(events.at(-1)!.snapshot!.context)).toEqual(expect.arrayContaining(['[redacted]']));
    const text = JSON.stringify(res.body);
    for (const personal of ['Mrs Example', 'High Street', 'DEMO-14', 'north']) expect(text).not.toContain(personal);
  });

  it('lists every registered machine and version with its definition', async () => {
    const res = await http().get('/workflow-types').set('Authorization', coordinator);
    expect(res.status).toBe(200);
    expect(res.body.map((d: { type: string; version: number; latest: boolean }) => [d.type, d.version, d.latest])).toEqual([
      ['demo-case', 1, false],
      ['demo-case', 2, true],
    ]);
    expect(res.body[1].definition.states.review).toBeDefined();
    expect(res.body[1].migratesFrom).toBe(1);
  });

  it('catches a changed machine that would break running workflows before it ships', async () => {
    const { body: wf } = await start({ type: 'demo-case', input: input(10) });
    await send(wf.id, { type: 'note.added', text: 'one' });
    // Someone edits v2 in place: notes now count double. Replay against the stored journals shows it.
    const edited = {
      ...demoCaseV2,
      machine: demoCaseV2.machine.provide({
        actions: { countNote: assign({ notes: ({ context }: { context: { notes: number } }) => context.notes + 2 }) },
      }),
    };
    const registry = new WorkflowRegistry([demoCaseV1, edited]);
    const replay = new ReplayService(
      t.app.get(DataSource),
      registry,
      t.config,
      t.app.get(WorkingDayCalendar),
    );
    const report = await replay.check();
    expect(report.mismatched.map((m) => m.id)).toContain(wf.id);
    expect(report.mismatched.find((m) => m.id === wf.id)!.problem).toBe('replayed snapshot differs from the stored one');
  });

  it('keeps a v1 instance on v1 beside v2 instances, and migrates it by an audited admin action', async () => {
    // A service that only knew v1 started this instance; the current one runs both side by side.
    const older = await startTestApp({}, t.clock, { definitions: [demoCaseV1], databaseUrl: t.databaseUrl });
    let v1Id: string;
    try {
      const token = await bearer(older.config, older.clock, 'coordinator', { area: 'north' });
      const res = await request(older.app.getHttpServer()).post('/workflows').set('Authorization', token).send({ type: 'demo-case', input: input(9) });
      expect(res.body.machineVersion).toBe(1);
      v1Id = res.body.id;
    } finally {
      await older.app.close();
    }
    const decided = await send(v1Id, { type: 'case.decided', decision: 'accept' });
    expect(decided.body).toMatchObject({ machineVersion: 1, state: 'decided' });

    const refused = await http().post(`/workflows/${v1Id}/migrate`).set('Authorization', coordinator).send({ toVersion: 2, reason: 'policy change' });
    expect(refused.status).toBe(403);
    const migrated = await http().post(`/workflows/${v1Id}/migrate`).set('Authorization', manager).send({ toVersion: 2, reason: 'policy change' });
    expect(migrated.status).toBe(200);
    expect(migrated.body).toMatchObject({ machineVersion: 2, state: 'decided' });
    const history = await http().get(`/workflows/${v1Id}/history`).set('Authorization', manager);
    expect(history.body.at(-1)).toMatchObject({
      type: 'engine.migrated',
      payload: { fromVersion: 1, toVersion: 2, reason: 'policy change' },
      actor: { sub: 'user-manager', role: 'manager' },
    });
    const closed = await send(v1Id, { type: 'case.closed' });
    expect(closed.body).toMatchObject({ machineVersion: 2, state: 'closed', status: 'done' });
    const replay = await t.app.get(ReplayService).check();
    expect(replay.mismatched).toEqual([]);
  });
});

