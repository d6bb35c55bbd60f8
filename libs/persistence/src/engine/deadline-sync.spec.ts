import { DesiredDeadline, ENGINE_EFFECTS } from '@app/workflows';
import { OpenDeadlineRow, planDeadlineSync } from './deadline-sync';

const due = (kind: string, key: string | undefined, dueDate: string, anchorDate = '2026-06-01'): DesiredDeadline => ({
  kind,
  ...(key === undefined ? {} : { key }),
  ladder: kind,
  anchorDate,
  dueDate,
  dueAt: `${dueDate}T23:00:00.000Z`,
});
const open = (id: string, d: DesiredDeadline): OpenDeadlineRow => ({
  id,
  kind: d.kind,
  key: d.key ?? '',
  dueAt: Date.parse(d.dueAt),
  anchorDate: d.anchorDate,
});
const ids = () => {
  let n = 0;
  return () => `new-${++n}`;
};

describe('planning a deadline sync on (kind, key)', () => {
  const reportA = due('report', 'agency-a', '2026-06-10');
  const reportB = due('report', 'agency-b', '2026-06-10');
  const icpc = due('icpc', undefined, '2026-06-22');

  it('opens one deadline per key of a kind, each with its key in the effect', () => {
    const plan = planDeadlineSync([], [icpc, reportA, reportB], ids());
    expect(plan.opened.map((o) => [o.id, o.desired.kind, o.desired.key])).toEqual([
      ['new-1', 'icpc', undefined],
      ['new-2', 'report', 'agency-a'],
      ['new-3', 'report', 'agency-b'],
    ]);
    expect(plan.effects).toEqual([
      { type: ENGINE_EFFECTS.deadlineOpened, deadlineId: 'new-1', kind: 'icpc', dueAt: icpc.dueAt },
      { type: ENGINE_EFFECTS.deadlineOpened, deadlineId: 'new-2', kind: 'report', key: 'agency-a', dueAt: reportA.dueAt },
      { type: ENGINE_EFFECTS.deadlineOpened, deadlineId: 'new-3', kind: 'report', key: 'agency-b', dueAt: reportB.dueAt },
    ]);
  });

  it('changes nothing when the same clocks are declared again', () => {
    const plan = planDeadlineSync([open('d1', icpc), open('d2', reportA)], [reportA, icpc], ids());
    expect(plan).toEqual({ closed: [], moved: [], opened: [], effects: [] });
  });

  it('meets, moves and opens each key on its own', () => {
    const movedB = due('report', 'agency-b', '2026-06-12', '2026-06-03');
    const reportC = due('report', 'agency-c', '2026-06-15');
    const plan = planDeadlineSync([open('d1', reportA), open('d2', reportB), open('d3', icpc)], [movedB, icpc, reportC], ids());
    expect(plan.closed.map((d) => d.id)).toEqual(['d1']);
    expect(plan.moved.map((m) => [m.row.id, m.desired.dueDate, m.desired.anchorDate])).toEqual([
      ['d2', '2026-06-12', '2026-06-03'],
    ]);
    expect(plan.opened.map((o) => o.desired.key)).toEqual(['agency-c']);
    expect(plan.effects.map((e) => [e.type, e.deadlineId, e.key])).toEqual([
      [ENGINE_EFFECTS.deadlineClosed, 'd1', 'agency-a'],
      [ENGINE_EFFECTS.deadlineMoved, 'd2', 'agency-b'],
      [ENGINE_EFFECTS.deadlineOpened, 'new-1', 'agency-c'],
    ]);
  });

  it('tells a clock without a key from one keyed by the empty string no more than the database does', () => {
    const plan = planDeadlineSync([open('d1', icpc)], [{ ...icpc, key: '' }], ids());
    expect(plan.effects).toEqual([]);
  });

  it('takes the first of two declarations of one identity', () => {
    const later = due('report', 'agency-a', '2026-06-30');
    const plan = planDeadlineSync([], [reportA, later], ids());
    expect(plan.opened.map((o) => o.desired.dueDate)).toEqual(['2026-06-10']);
  });

  it('moves a deadline whose anchor changed though its due time did not', () => {
    const plan = planDeadlineSync([open('d1', reportA)], [{ ...reportA, anchorDate: '2026-05-29' }], ids());
    expect(plan.moved.map((m) => m.row.id)).toEqual(['d1']);
  });
});
