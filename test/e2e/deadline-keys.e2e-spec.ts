import request from 'supertest';
import { DataSource } from 'typeorm';
import { DesiredDeadline, ENGINE_EFFECTS, SYSTEM_ACTOR } from '@app/workflows';
import { OpenDeadlineRow, ReplayService, syncDeadlines, WorkflowEngine } from '@app/persistence';
import { DeadlineTimers } from '@app/timers';
import { icpcClock } from '../fixtures/icpc-clock.machine';
import { startTestApp, TestApp } from '../support/app';
import { query } from '../support/rows';
import { stepJobs } from '../support/timers';
import { bearer } from '../support/tokens';

/**
 * Several open deadlines of one kind, told apart by their item key (one per expected report, one
 * per invitation). The machines' declarations of keyed clocks come from the pure core; here the
 * engine's deadline sync is called with declared deadlines made by hand, against the real
 * database, inside a transaction that holds the workflow's row as a transition does.
 */
describe('Deadlines keyed by item', () => {
  let t: TestApp;
  let workflowId: string;

  beforeAll(async () => {
    t = await startTestApp({ PROCESS_ROLE: 'api' }, undefined, { definitions: [icpcClock] });
    t.clock.set('2026-06-01T10:00:00Z');
    const started = await t.app
      .get(WorkflowEngine)
      .start('icpc-clock', { reference: 'ICPC-1', area: 'north', strategyDiscussionDate: '2026-06-01' }, { actor: SYSTEM_ACTOR });
    workflowId = started.id;
  });
  afterAll(() => t?.close());

  const report = (key: string, dueDate: string): DesiredDeadline => ({
    kind: 'icpc',
    key,
    ladder: 'icpc',
    anchorDate: '2026-06-01',
    dueDate,
    dueAt: new Date(`${dueDate}T23:00:00Z`).toISOString(),
  });
  const rows = () =>
    query<{ id: string; kind: string; item_key: string; status: string; due_date: string; revision: number; opened_seq: number }>(
      t.databaseUrl,
      `SELECT id, kind, item_key, status, due_date::text AS due_date, revision, opened_seq
         FROM workflow_deadline WHERE workflow_id = $1 ORDER BY item_key, opened_seq`,
      [workflowId],
    );
  /** As a transition does: the workflow's row locked, its open deadlines read, the sync, one commit. */
  const sync = (desired: DesiredDeadline[], seq: number) =>
    t.app.get(DataSource).transaction(async (tx) => {
      await tx.query(`SELECT 1 FROM workflow_instance WHERE id = $1 FOR UPDATE`, [workflowId]);
      const open = (await tx.query(
        `SELECT id, kind, item_key AS key, due_at, anchor_date::text AS anchor FROM workflow_deadline
          WHERE workflow_id = $1 AND status = 'open'`,
        [workflowId],
      )) as { id: string; kind: string; key: string; due_at: Date; anchor: string }[];
      const openRows: OpenDeadlineRow[] = open.map((d) => ({ id: d.id, kind: d.kind, key: d.key, dueAt: d.due_at.getTime(), anchorDate: d.anchor }));
      return syncDeadlines(tx, { workflowId, seq, cause: 'test.sync', open: openRows, desired, now: t.clock.now() });
    });

  let unkeyed: DesiredDeadline;

  it('keeps the clock of its kind and opens one more per key', async () => {
    const [only] = await rows();
    expect(only).toMatchObject({ kind: 'icpc', item_key: '', status: 'open', due_date: '2026-06-22' });
    unkeyed = { kind: 'icpc', ladder: 'icpc', anchorDate: '2026-06-01', dueDate: '2026-06-22', dueAt: '2026-06-22T23:00:00.000Z' };

    const effects = await sync([unkeyed, report('agency-a', '2026-06-10'), report('agency-b', '2026-06-11')], 2);
    expect(effects.map((e) => [e.type, e.kind, e.key])).toEqual([
      [ENGINE_EFFECTS.deadlineOpened, 'icpc', 'agency-a'],
      [ENGINE_EFFECTS.deadlineOpened, 'icpc', 'agency-b'],
    ]);
    expect((await rows()).map((r) => [r.item_key, r.status, r.due_date, r.opened_seq])).toEqual([
      ['', 'open', '2026-06-22', 1],
      ['agency-a', 'open', '2026-06-10', 2],
      ['agency-b', 'open', '2026-06-11', 2],
    ]);
  });

  it('meets one key, moves another and leaves the clock without a key alone', async () => {
    const before = await rows();
    const effects = await sync([unkeyed, report('agency-b', '2026-06-15')], 3);
    expect(effects.map((e) => [e.type, e.key])).toEqual([
      [ENGINE_EFFECTS.deadlineClosed, 'agency-a'],
      [ENGINE_EFFECTS.deadlineMoved, 'agency-b'],
    ]);
    const after = await rows();
    expect(after.map((r) => [r.item_key, r.status, r.due_date, r.revision])).toEqual([
      ['', 'open', '2026-06-22', 1],
      ['agency-a', 'met', '2026-06-10', 1],
      ['agency-b', 'open', '2026-06-15', 2],
    ]);
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    const met = await query<{ closed_seq: number; closed_by: string }>(
      t.databaseUrl,
      `SELECT closed_seq, closed_by FROM workflow_deadline WHERE id = $1`,
      [after[1]!.id],
    );
    expect(met).toEqual([{ closed_seq: 3, closed_by: 'test.sync' }]);
  });

  it('opens a key again after it was met: a new deadline, the met one kept', async () => {
    await sync([unkeyed, report('agency-a', '2026-06-18'), report('agency-b', '2026-06-15')], 4);
    expect((await rows()).map((r) => [r.item_key, r.status, r.due_date])).toEqual([
      ['', 'open', '2026-06-22'],
      ['agency-a', 'met', '2026-06-10'],
      ['agency-a', 'open', '2026-06-18'],
      ['agency-b', 'open', '2026-06-15'],
    ]);
  });

  it('refuses, in the database, a second open deadline of one kind and key', async () => {
    await expect(
      query(
        t.databaseUrl,
        `INSERT INTO workflow_deadline (id, workflow_id, kind, item_key, ladder, status, anchor_date, due_date, due_at, opened_at, opened_seq)
         VALUES (gen_random_uuid(), $1, 'icpc', 'agency-b', 'icpc', 'open', '2026-06-01', '2026-06-20', now(), now(), 9)`,
        [workflowId],
      ),
    ).rejects.toMatchObject({ code: '23505', constraint: 'workflow_deadline_one_open_per_item' });
  });

  it('shows each open deadline with its key on GET /workflows/:id, and none for the clock of its kind', async () => {
    const res = await request(t.app.getHttpServer())
      .get(`/workflows/${workflowId}`)
      .set('Authorization', await bearer(t.config, t.clock, 'coordinator', { area: 'north' }));
    expect(res.status).toBe(200);
    const deadlines = res.body.deadlines as { kind: string; key?: string; dueDate: string }[];
    expect(deadlines.map((d) => [d.kind, d.key, d.dueDate])).toEqual([
      ['icpc', 'agency-b', '2026-06-15'],
      ['icpc', 'agency-a', '2026-06-18'],
      ['icpc', undefined, '2026-06-22'],
    ]);
    expect(deadlines[2]).not.toHaveProperty('key');
  });

  it('gives each keyed deadline its own timer jobs, by deadline id', async () => {
    const open = (await rows()).filter((r) => r.status === 'open');
    for (const deadline of open) expect(await t.app.get(DeadlineTimers).sync(deadline.id)).toBe(true);
    const { delayed } = await stepJobs(t);
    for (const deadline of open) {
      expect(delayed.filter((id) => id.startsWith(`${deadline.id}.${deadline.revision}.`)).length).toBeGreaterThan(0);
    }
  });

  it('closes every keyed deadline of the workflow when its state no longer declares them', async () => {
    await t.app.get(WorkflowEngine).send(workflowId, { type: 'conference.held' }, { actor: SYSTEM_ACTOR, eventId: 'held' });
    expect((await rows()).filter((r) => r.status === 'open')).toEqual([]);
    const closed = await query<{ payload: { key?: string } }>(
      t.databaseUrl,
      `SELECT payload FROM outbox WHERE workflow_id = $1 AND effect_type = $2 ORDER BY id`,
      [workflowId, ENGINE_EFFECTS.deadlineClosed],
    );
    expect(closed.map((r) => r.payload.key ?? '').sort()).toEqual(['', 'agency-a', 'agency-b']);
  });

  it('replays the journal this suite wrote', async () => {
    expect(await t.app.get(ReplayService).check()).toEqual({ checked: 1, mismatched: [] });
  });
});
