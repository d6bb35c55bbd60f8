import request from 'supertest';
import { ReplayService } from '@app/persistence';
import { ENGINE_EFFECTS } from '@app/workflows';
import { OutboxDispatcher } from '@app/timers';
import { LINK_CHILD, LINK_EVENTS, LINK_PARENT, linkChild, linkParent } from '../fixtures/workflow-links.machine';
import { startTestApp, TestApp } from '../support/app';
import { query } from '../support/rows';
import { bearer } from '../support/tokens';

const LINK_EFFECTS = [ENGINE_EFFECTS.workflowStart, ENGINE_EFFECTS.workflowSignal];

/**
 * Workflows that start and signal workflows, in one process against the real PostgreSQL: the
 * parent's start commits its outbox rows, the dispatcher performs them, and a redelivery of any
 * of them changes nothing. An API process, so the outbox runs only when a test drains it; the
 * clock is injected, so a retry waits until the test moves it.
 */
describe('Workflows that start and signal workflows', () => {
  let t: TestApp;
  let coordinator: string;
  let manager: string;

  beforeAll(async () => {
    t = await startTestApp({ PROCESS_ROLE: 'api', OUTBOX_BACKOFF_MS: '1000' }, undefined, {
      definitions: [linkParent, linkChild],
    });
    t.clock.set('2026-11-20T10:00:00Z');
    coordinator = await bearer(t.config, t.clock, 'coordinator', { area: 'north' });
    manager = await bearer(t.config, t.clock, 'manager');
  });
  afterAll(() => t?.close());

  const http = () => request(t.app.getHttpServer());
  const drain = () => t.app.get(OutboxDispatcher).drain();
  const startParent = async (n: number, extra: Record<string, string> = {}) => {
    const res = await http()
      .post('/workflows')
      .set('Authorization', coordinator)
      .send({ type: LINK_PARENT, input: { reference: `LINK-${n}`, area: 'north', ...extra } });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const children = (parentId: string) =>
    query<{ id: string; start_key: string; parent_seq: number; state: string }>(
      t.databaseUrl,
      `SELECT id, start_key, parent_seq, state FROM workflow_instance WHERE parent_id = $1 ORDER BY start_key`,
      [parentId],
    );
  const journal = (id: string) =>
    query<{ event_id: string; event_type: string; actor_sub: string }>(
      t.databaseUrl,
      `SELECT event_id, event_type, actor_sub FROM workflow_journal WHERE workflow_id = $1 ORDER BY seq`,
      [id],
    );
  const linkRows = (parentId: string) =>
    query<{ id: string; effect_type: string; status: string; attempts: number; payload: Record<string, unknown> }>(
      t.databaseUrl,
      `SELECT id::text, effect_type, status, attempts, payload FROM outbox
        WHERE workflow_id = $1 AND effect_type = ANY($2) ORDER BY id`,
      [parentId, LINK_EFFECTS],
    );
  const incidents = (id: string) =>
    query<{ kind: string; detail: string; resolved_at: Date | null; open_incidents: number }>(
      t.databaseUrl,
      `SELECT x.kind, x.detail, x.resolved_at, i.open_incidents FROM workflow_incident x
         JOIN workflow_instance i ON i.id = x.workflow_id WHERE x.workflow_id = $1 ORDER BY x.created_at`,
      [id],
    );
  /** Puts rows back as a crash between performing and recording them leaves them, due now. */
  const deliverAgain = (where: string, params: unknown[]) =>
    query(t.databaseUrl, `UPDATE outbox SET status = 'pending', done_at = NULL, available_at = $1 WHERE ${where}`, [
      t.clock.now(),
      ...params,
    ]);
  /** Every row of the instance, journal and outbox tables, to show that a redelivery changed nothing. */
  const everything = async () => ({
    instances: await query(t.databaseUrl, `SELECT id, seq, state, parent_id, start_key FROM workflow_instance ORDER BY id`),
    journal: await query(t.databaseUrl, `SELECT workflow_id, seq, event_id FROM workflow_journal ORDER BY workflow_id, seq`),
    incidents: await query(t.databaseUrl, `SELECT id FROM workflow_incident ORDER BY id`),
  });

  it('starts two children with keys from the parent, records the parent, and signals the second once', async () => {
    const parentId = await startParent(1);
    const rows = await linkRows(parentId);
    expect(rows.map((r) => [r.effect_type, r.status])).toEqual([
      [ENGINE_EFFECTS.workflowStart, 'pending'],
      [ENGINE_EFFECTS.workflowStart, 'pending'],
      [ENGINE_EFFECTS.workflowSignal, 'pending'],
    ]);
    // The engine wrote the keys: scoped to the parent, the signal's event id from its place.
    expect(rows.map((r) => r.payload.startKey ?? r.payload.eventId)).toEqual([
      `${parentId}/first`,
      `${parentId}/second`,
      `${parentId}.1.2`,
    ]);

    await drain();
    t.clock.advanceMs(1000); // a signal that ran before its target's start is retried after its backoff
    await drain();
    const kids = await children(parentId);
    expect(kids.map((k) => [k.start_key, k.parent_seq, k.state])).toEqual([
      [`${parentId}/first`, 1, 'waiting'],
      [`${parentId}/second`, 1, 'told'],
    ]);
    expect(await journal(kids[1]!.id)).toEqual([
      { event_id: `${parentId}/second`, event_type: 'workflow.started', actor_sub: 'system' },
      { event_id: `${parentId}.1.2`, event_type: LINK_EVENTS.told, actor_sub: 'system' },
    ]);
    expect((await linkRows(parentId)).map((r) => r.status)).toEqual(['done', 'done', 'done']);
    expect(await incidents(parentId)).toEqual([]);

    const parentView = await http().get(`/workflows/${parentId}`).set('Authorization', coordinator);
    expect(parentView.body.parent).toBeNull();
    // Children in the order they were started; these two started at the same instant of the test's clock.
    expect(parentView.body.children).toHaveLength(2);
    expect(parentView.body.children).toEqual(
      expect.arrayContaining([
        { id: kids[0]!.id, type: LINK_CHILD, state: 'waiting', status: 'active', parentSeq: 1 },
        { id: kids[1]!.id, type: LINK_CHILD, state: 'told', status: 'active', parentSeq: 1 },
      ]),
    );
    const childView = await http().get(`/workflows/${kids[0]!.id}`).set('Authorization', coordinator);
    expect(childView.body).toMatchObject({
      parent: { id: parentId, type: LINK_PARENT, state: 'running', status: 'active', parentSeq: 1 },
      children: [],
    });
  });

  it('shows only the parent and children the caller may see', async () => {
    const parentId = await startParent(7, { secondChildArea: 'south' });
    await drain();
    t.clock.advanceMs(1000);
    await drain();
    const [first, second] = await children(parentId);
    const view = async (id: string, token: string) => (await http().get(`/workflows/${id}`).set('Authorization', token)).body;
    expect((await view(parentId, coordinator)).children.map((c: { id: string }) => c.id)).toEqual([first!.id]);
    expect((await view(parentId, manager)).children).toHaveLength(2);
    const south = await bearer(t.config, t.clock, 'coordinator', { area: 'south' });
    expect(await view(second!.id, south)).toMatchObject({ id: second!.id, area: 'south', parent: null, children: [] });
    expect((await view(second!.id, manager)).parent).toMatchObject({ id: parentId });
  });

  it('changes nothing when every link row is delivered again', async () => {
    const parentId = await startParent(2);
    await drain();
    t.clock.advanceMs(1000);
    await drain();
    const before = await everything();
    const attempts = (await linkRows(parentId)).map((r) => r.attempts);
    await deliverAgain('workflow_id = $2 AND effect_type = ANY($3)', [parentId, LINK_EFFECTS]);
    await drain();
    expect(await everything()).toEqual(before);
    const again = await linkRows(parentId);
    expect(again.map((r) => r.status)).toEqual(['done', 'done', 'done']);
    expect(again.map((r) => r.attempts)).toEqual(attempts.map((n) => n + 1)); // each was performed again
  });

  it('waits for a target whose start is still in the outbox, then signals it', async () => {
    const parentId = await startParent(3);
    const [, secondStart] = await linkRows(parentId);
    // Hold the second child's start back: the signal to it runs first and finds no target yet.
    await query(t.databaseUrl, `UPDATE outbox SET available_at = available_at + interval '1 day' WHERE id = $1`, [secondStart!.id]);
    await drain();
    const [, held, signal] = await linkRows(parentId);
    expect([held!.status, signal!.status, signal!.attempts]).toEqual(['pending', 'pending', 1]);
    expect(await incidents(parentId)).toEqual([]);

    await query(t.databaseUrl, `UPDATE outbox SET available_at = $2 WHERE id = $1`, [secondStart!.id, t.clock.now()]);
    await drain();
    t.clock.advanceMs(1000);
    await drain();
    expect((await linkRows(parentId)).map((r) => r.status)).toEqual(['done', 'done', 'done']);
    const kids = await children(parentId);
    expect(kids.map((k) => k.state)).toEqual(['waiting', 'told']);
    expect(await incidents(parentId)).toEqual([]);
  });

  it('raises one incident on the parent when the target refuses the signal, and does not retry it', async () => {
    const parentId = await startParent(4);
    await drain();
    t.clock.advanceMs(1000);
    await drain();
    const remind = await http()
      .post(`/workflows/${parentId}/events`)
      .set('Authorization', coordinator)
      .send({ type: LINK_EVENTS.remind });
    expect(remind.status).toBe(200);
    await drain();

    const refused = (await linkRows(parentId)).filter((r) => r.payload.eventId === `${parentId}.2.0`);
    expect(refused.map((r) => [r.status, r.attempts])).toEqual([['failed', 1]]);
    const raised = await incidents(parentId);
    expect(raised).toEqual([
      {
        kind: 'signal-refused',
        detail: expect.stringContaining(`${ENGINE_EFFECTS.workflowSignal} refused: event_not_accepted`),
        resolved_at: null,
        open_incidents: 1,
      },
    ]);
    const secondChild = (await children(parentId))[1]!;
    expect((await journal(secondChild.id)).map((e) => e.event_type)).toEqual(['workflow.started', LINK_EVENTS.told]);
    expect(await incidents(secondChild.id)).toEqual([]);

    // Delivered again (a lease ran out while the first delivery was being recorded): still one incident.
    await deliverAgain('id = $2', [refused[0]!.id]);
    await drain();
    expect(await incidents(parentId)).toHaveLength(1);

    const listed = await http().get('/workflows').query({ type: LINK_PARENT, failed: true }).set('Authorization', manager);
    expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual([parentId]);
  });

  it('raises one incident on the parent for a signal to a workflow it never started', async () => {
    const parentId = await startParent(5);
    await drain();
    t.clock.advanceMs(1000);
    await drain();
    await http().post(`/workflows/${parentId}/events`).set('Authorization', coordinator).send({ type: LINK_EVENTS.misdirect });
    await drain();
    expect(await incidents(parentId)).toEqual([
      expect.objectContaining({
        kind: 'signal-refused',
        detail: `${ENGINE_EFFECTS.workflowSignal} refused: ${ENGINE_EFFECTS.workflowSignal}: no ${LINK_CHILD} was started with that key`,
      }),
    ]);
  });

  it('raises one incident on the parent for a start the engine refuses', async () => {
    const parentId = await startParent(6);
    await drain();
    t.clock.advanceMs(1000);
    await drain();
    await http().post(`/workflows/${parentId}/events`).set('Authorization', coordinator).send({ type: LINK_EVENTS.spawnUnknown });
    await drain();
    expect(await incidents(parentId)).toEqual([
      expect.objectContaining({
        kind: 'start-refused',
        detail: `${ENGINE_EFFECTS.workflowStart} refused: unknown_workflow_type: No workflow type 'no-such-process' is registered`,
      }),
    ]);
    expect(await children(parentId)).toHaveLength(2);
  });

  it('replays every journal these tests wrote', async () => {
    const replay = await t.app.get(ReplayService).check();
    expect(replay.mismatched).toEqual([]);
    expect(replay.checked).toBeGreaterThanOrEqual(15);
  });
});
