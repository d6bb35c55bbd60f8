import { timelineEntry } from './timeline';

const label = (path: string | null) => (path === 'screening' ? 'Screening against the threshold' : String(path));
const entry = (type: string, payload: Record<string, unknown>, fromState: string | null, toState: string) => ({
  seq: 2,
  type,
  payload,
  actor: { sub: 'mgr-7', role: 'manager' },
  fromState,
  toState,
  occurredAt: '2026-11-25T09:00:00.000Z',
});

describe('a journal entry in words', () => {
  it('says who moved a workflow by force, from where to where, and why', () => {
    expect(timelineEntry(entry('engine.forced', { toState: 'decided', reason: 'Screened by phone' }, 'screening', 'decided'), label)).toEqual({
      seq: 2,
      at: '2026-11-25T09:00:00.000Z',
      who: 'manager mgr-7',
      what: 'Moved by force from Screening against the threshold to decided',
      reason: 'Screened by phone',
    });
  });

  it('names a fired ladder step by what it means, and the service as the actor', () => {
    const step = { ...entry('deadline.step', { step: 'due', kind: 'asv-screening', dueDate: '2026-11-23' }, 'screening', 'screening') };
    step.actor = { sub: 'system', role: 'system' };
    expect(timelineEntry(step, label)).toMatchObject({ who: 'The service', what: 'Deadline missed: asv screening deadline (due by the end of 23 November 2026)', reason: null });
  });

  it("puts a process's own event in words, with the move it made", () => {
    expect(timelineEntry(entry('case.decided', { decision: 'accept' }, 'screening', 'decided'), label).what).toBe(
      'Case decided: moved from Screening against the threshold to decided',
    );
  });
});
