import { WorkflowEngine } from '@app/persistence';
import { DomainError, SYSTEM_ACTOR } from '@app/workflows';
import { BoardQuery, type BoardScope } from '../../apps/api/src/console/board/board.query';
import { demoCaseV1 } from '../fixtures/demo-case.machine';
import { startTestApp, TestApp } from '../support/app';
import { query } from '../support/rows';

const ALL: BoardScope = { areas: 'all', excludeTypes: [] };

/**
 * The board's read model against a real database: what each list holds, the counts, the order by
 * next deadline with keyset paging, every filter, the caller's areas, and a forged page link.
 */
describe("Console board: the read model's lists, filters, order and pages", () => {
  let t: TestApp;
  let board: BoardQuery;
  const ids: Record<string, string> = {};

  async function start(reference: string, area: string, receivedAt: string): Promise<string> {
    const result = await t.app.get(WorkflowEngine).start(
      'demo-case',
      { reference, area, receivedAt },
      { actor: SYSTEM_ACTOR },
    );
    return result.id;
  }

  beforeAll(async () => {
    t = await startTestApp({ PROCESS_ROLE: 'api' }, undefined, { definitions: [demoCaseV1] });
    t.clock.set('2026-11-02T10:00:00Z');
    // Monday 2 November: due Tuesday 3rd. Then Wednesday 4th: due Thursday 5th. One in the south.
    ids.earliest = await start('DEMO-1', 'north', '2026-11-02T10:00:00Z');
    t.clock.set('2026-11-04T10:00:00Z');
    ids.later = await start('DEMO-2', 'north', '2026-11-04T10:00:00Z');
    ids.south = await start('DEMO-3', 'south', '2026-11-04T10:00:00Z');
    // A warning fired for the latest; it is not overdue yet when the clock reads the 5th.
    await t.app.get(WorkflowEngine).send(ids.later, { type: 'case.decided', decision: 'accept' }, { eventId: 'decide-2', actor: SYSTEM_ACTOR });
    t.clock.set('2026-11-10T10:00:00Z');
    ids.future = await start('DEMO-4', 'north', '2026-11-10T09:00:00Z');
    await query(t.databaseUrl, `UPDATE workflow_instance SET warned = true WHERE id = $1`, [ids.future]);
    board = t.app.get(BoardQuery);
  });
  afterAll(() => t?.close());

  it('lists overdue workflows soonest deadline first, with every list counted', async () => {
    const page = await board.page('overdue', {}, ALL);
    expect(page.rows.map((r) => r.reference)).toEqual(['DEMO-1', 'DEMO-3']);
    expect(page.counts).toEqual({ overdue: 2, 'at-risk': 1, stuck: 2, failed: 0 });
    expect(page.rows[0]).toMatchObject({ area: 'north', state: 'screening', nextDeadlineKind: 'demo-screening', daysInState: 8 });
  });

  it('pages by (deadline, id) with a cursor, each row once', async () => {
    const first = await board.page('stuck', {}, ALL, undefined, 1);
    expect(first.rows).toHaveLength(1);
    const second = await board.page('stuck', {}, ALL, first.nextCursor!, 1);
    expect(second.rows).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect([...first.rows, ...second.rows].map((r) => r.reference)).toEqual(['DEMO-1', 'DEMO-3']);
  });

  it('filters by area, type, state, days in state and deadline kind', async () => {
    const refs = async (filters: Parameters<BoardQuery['page']>[1], view: 'overdue' | 'at-risk' = 'overdue') =>
      (await board.page(view, filters, ALL)).rows.map((r) => r.reference);
    expect(await refs({ area: 'south' })).toEqual(['DEMO-3']);
    expect(await refs({ type: 'another-type' })).toEqual([]);
    expect(await refs({ state: 'decided' })).toEqual([]);
    expect(await refs({ minDaysInState: 7 })).toEqual(['DEMO-1']);
    expect(await refs({ deadlineKind: 'demo-screening' })).toEqual(['DEMO-1', 'DEMO-3']);
    expect(await refs({ deadlineKind: 'demo-review' })).toEqual([]);
    expect(await refs({}, 'at-risk')).toEqual(['DEMO-4']);
  });

  it("shows a scoped caller only their areas' workflows, and nothing of hidden types", async () => {
    const north = await board.page('overdue', {}, { areas: ['north'], excludeTypes: [] });
    expect(north.rows.map((r) => r.reference)).toEqual(['DEMO-1']);
    expect(north.counts.overdue).toBe(1);
    expect((await board.page('overdue', { area: 'south' }, { areas: ['north'], excludeTypes: [] })).rows).toEqual([]);
    expect((await board.page('overdue', {}, { areas: [], excludeTypes: [] })).counts).toEqual({ overdue: 0, 'at-risk': 0, stuck: 0, failed: 0 });
    expect((await board.page('overdue', {}, { areas: 'all', excludeTypes: ['demo-case'] })).rows).toEqual([]);
  });

  it('refuses a forged page link as bad input', async () => {
    await expect(board.page('overdue', {}, ALL, 'not-a-cursor')).rejects.toThrow(DomainError);
    const forged = Buffer.from(JSON.stringify({ due: "'; DROP TABLE x; --", id: ids.earliest })).toString('base64url');
    await expect(board.page('overdue', {}, ALL, forged)).rejects.toThrow('The page link is not valid');
  });
});
