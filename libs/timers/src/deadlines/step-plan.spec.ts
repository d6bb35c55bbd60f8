import { DEFAULT_ESCALATION_LADDERS, EscalationLadder, WorkingDayCalendar } from '@app/workflows';
import { parseStepJobId, stepJobId } from './deadline-step-job';
import {
  judgeStep,
  OpenDeadline,
  planSteps,
  PlannedStep,
  plannedRepeat,
  revisionJobIds,
  stepPayload,
} from './step-plan';

// An ICPC due Monday 22 June 2026 (BST): warnings Mon 15 and Thu 18 at 08:00Z, due 22 Jun 23:00Z,
// repeats every working day at 08:00Z from Tue 23 (worked out by hand, see escalation-ladders.spec.ts).
const calendar = new WorkingDayCalendar();
const icpc = DEFAULT_ESCALATION_LADDERS.icpc!;
const D = '0b7e1c2a-3d4e-4f50-8a6b-7c8d9e0f1a2b';
const deadline: OpenDeadline = {
  id: D,
  workflowId: '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d',
  kind: 'icpc',
  ladder: 'icpc',
  revision: 2,
  dueDate: '2026-06-22',
  dueAt: new Date('2026-06-22T23:00:00Z'),
  openedAt: new Date('2026-06-01T10:00:00Z'),
};
const ids = (steps: PlannedStep[]) => steps.map((s) => s.jobId);

describe('step job ids', () => {
  it('are deadline.revision.step.occurrence, without a colon, and parse back', () => {
    const data = { deadlineId: D, revision: 2, stepId: 'warn-5', occurrence: 0 };
    expect(stepJobId(data)).toBe(`${D}.2.warn-5.0`);
    expect(stepJobId(data)).not.toContain(':');
    expect(parseStepJobId(stepJobId(data))).toEqual(data);
    expect(parseStepJobId('api-123')).toBeUndefined();
    expect(parseStepJobId(`${D}.x.warn-5.0`)).toBeUndefined();
  });
});

describe('planSteps', () => {
  it('before any step: every step upcoming, with the first repeat only', () => {
    const plan = planSteps(icpc, deadline, new Date('2026-06-10T12:00:00Z'), calendar);
    expect(plan.due).toEqual([]);
    expect(ids(plan.upcoming)).toEqual([
      `${D}.2.warn-5.0`,
      `${D}.2.warn-2.0`,
      `${D}.2.due.0`,
      `${D}.2.repeat.1`,
    ]);
    expect(plan.upcoming[0]).toMatchObject({
      fireAt: new Date('2026-06-15T08:00:00Z'),
      data: { deadlineId: D, revision: 2, stepId: 'warn-5', occurrence: 0 },
    });
  });

  it('three days overdue: every passed step due, the current repeat only, and the next one upcoming', () => {
    const plan = planSteps(icpc, deadline, new Date('2026-06-25T10:00:00Z'), calendar);
    expect(ids(plan.due)).toEqual([`${D}.2.warn-5.0`, `${D}.2.warn-2.0`, `${D}.2.due.0`, `${D}.2.repeat.3`]);
    expect(ids(plan.upcoming)).toEqual([`${D}.2.repeat.4`]);
    expect(plan.upcoming[0]!.fireAt).toEqual(new Date('2026-06-26T08:00:00Z'));
  });

  it('counts a step as due at its exact instant', () => {
    const plan = planSteps(icpc, deadline, new Date('2026-06-15T08:00:00Z'), calendar);
    expect(ids(plan.due)).toEqual([`${D}.2.warn-5.0`]);
  });

  describe('a deadline recorded when some of its steps had already passed', () => {
    it('already missed when recorded: the due step at once, not the warnings, and the repeats from the next', () => {
      // Recorded on Wednesday 24 June, two days after the ICPC was due.
      const late = { ...deadline, openedAt: new Date('2026-06-24T10:00:00Z') };
      const plan = planSteps(icpc, late, late.openedAt, calendar);
      expect(ids(plan.due)).toEqual([`${D}.2.due.0`]);
      expect(plan.due[0]!.fireAt).toEqual(new Date('2026-06-22T23:00:00Z'));
      expect(ids(plan.upcoming)).toEqual([`${D}.2.repeat.1`]);
      expect(plan.upcoming[0]!.fireAt).toEqual(new Date('2026-06-25T08:00:00Z'));
    });

    it('recorded between two warnings, still running: the passed warning is skipped, the rest in their time', () => {
      const late = { ...deadline, openedAt: new Date('2026-06-16T10:00:00Z') };
      const plan = planSteps(icpc, late, late.openedAt, calendar);
      expect(plan.due).toEqual([]);
      expect(ids(plan.upcoming)).toEqual([`${D}.2.warn-2.0`, `${D}.2.due.0`, `${D}.2.repeat.1`]);
    });

    it('missed before its due step (a ladder that tells the duty manager the next morning): the warning at once', () => {
      // Screening due Tuesday 24 November 2026 (missed from 00:00 on the 25th); the duty manager at
      // 09:00 on the 25th. Recorded at 08:00 on the 25th: missed, the duty manager's step to come.
      const screening = DEFAULT_ESCALATION_LADDERS['asv-screening']!;
      const late: OpenDeadline = {
        ...deadline,
        kind: 'asv-screening',
        ladder: 'asv-screening',
        dueDate: '2026-11-24',
        dueAt: new Date('2026-11-25T00:00:00Z'),
        openedAt: new Date('2026-11-25T08:00:00Z'),
      };
      const plan = planSteps(screening, late, late.openedAt, calendar);
      expect(ids(plan.due)).toEqual([`${D}.2.warn-noon.0`]);
      expect(ids(plan.upcoming)).toEqual([`${D}.2.due.0`, `${D}.2.repeat.1`]);
    });

    it('still only that one step when planned again later (a reconciler pass)', () => {
      const late = { ...deadline, openedAt: new Date('2026-06-24T10:00:00Z') };
      const plan = planSteps(icpc, late, new Date('2026-06-24T11:00:00Z'), calendar);
      expect(ids(plan.due)).toEqual([`${D}.2.due.0`]);
    });
  });

  it('plans the repeat after a given occurrence', () => {
    expect(plannedRepeat(icpc, deadline, 'repeat', 2, calendar)).toMatchObject({
      jobId: `${D}.2.repeat.2`,
      fireAt: new Date('2026-06-24T08:00:00Z'),
    });
    expect(plannedRepeat(icpc, deadline, 'warn-5', 2, calendar)).toBeUndefined();
  });
});

describe('judgeStep', () => {
  const at = (iso: string) => new Date(iso);

  it('fires a step whose time has come', () => {
    expect(
      judgeStep(icpc, deadline, { stepId: 'warn-2', occurrence: 0 }, at('2026-06-18T08:00:00Z'), calendar),
    ).toMatchObject({
      verdict: 'fire',
      fireAt: at('2026-06-18T08:00:00Z'),
    });
  });

  it('puts back a step that is early on the injected clock', () => {
    expect(
      judgeStep(icpc, deadline, { stepId: 'due', occurrence: 0 }, at('2026-06-22T22:59:59Z'), calendar),
    ).toEqual({
      verdict: 'early',
      fireAt: at('2026-06-22T23:00:00Z'),
    });
  });

  it('replaces a stale repeat occurrence with the one due now', () => {
    const verdict = judgeStep(
      icpc,
      deadline,
      { stepId: 'repeat', occurrence: 1 },
      at('2026-06-25T10:00:00Z'),
      calendar,
    );
    expect(verdict).toMatchObject({ verdict: 'superseded', latest: { jobId: `${D}.2.repeat.3` } });
    expect(
      judgeStep(icpc, deadline, { stepId: 'repeat', occurrence: 3 }, at('2026-06-25T10:00:00Z'), calendar)
        .verdict,
    ).toBe('fire');
  });

  it('refuses steps the ladder does not have, wrong occurrences, and steps before the opening', () => {
    const now = at('2026-06-30T10:00:00Z');
    expect(judgeStep(icpc, deadline, { stepId: 'warn-9', occurrence: 0 }, now, calendar).verdict).toBe(
      'not-in-ladder',
    );
    expect(judgeStep(icpc, deadline, { stepId: 'warn-5', occurrence: 1 }, now, calendar).verdict).toBe(
      'not-in-ladder',
    );
    expect(judgeStep(icpc, deadline, { stepId: 'repeat', occurrence: 0 }, now, calendar).verdict).toBe(
      'not-in-ladder',
    );
    const openedLate = { ...deadline, openedAt: at('2026-06-16T10:00:00Z') };
    expect(judgeStep(icpc, openedLate, { stepId: 'warn-5', occurrence: 0 }, now, calendar).verdict).toBe(
      'not-in-ladder',
    );
  });

  it('fires the step that was already missed when the deadline opened', () => {
    const openedLate = { ...deadline, openedAt: at('2026-06-24T10:00:00Z') };
    const now = at('2026-06-24T10:00:01Z');
    expect(judgeStep(icpc, openedLate, { stepId: 'due', occurrence: 0 }, now, calendar)).toMatchObject({
      verdict: 'fire',
      fireAt: at('2026-06-22T23:00:00Z'),
    });
    expect(judgeStep(icpc, openedLate, { stepId: 'warn-2', occurrence: 0 }, now, calendar).verdict).toBe(
      'not-in-ladder',
    );
  });
});

describe('stepPayload', () => {
  it('carries exactly the DeadlineStepPayload fields: ids, dates and recipients', () => {
    const warn5 = icpc.steps[0]!;
    expect(stepPayload(deadline, warn5, 0)).toEqual({
      deadlineId: D,
      kind: 'icpc',
      ladder: 'icpc',
      stepId: 'warn-5',
      step: 'warning',
      occurrence: 0,
      dueDate: '2026-06-22',
      dueAt: '2026-06-22T23:00:00.000Z',
      notify: ['coordinator', 'chair'],
    });
  });
});

describe('revisionJobIds', () => {
  it('names every job a revision may have without its due date: each step, and the repeats around the last one fired', () => {
    expect(revisionJobIds(icpc, D, 1, [])).toEqual([
      `${D}.1.warn-5.0`,
      `${D}.1.warn-2.0`,
      `${D}.1.due.0`,
      `${D}.1.repeat.1`,
    ]);
    expect(revisionJobIds(icpc, D, 1, [1, 2])).toEqual([
      `${D}.1.warn-5.0`,
      `${D}.1.warn-2.0`,
      `${D}.1.due.0`,
      `${D}.1.repeat.1`,
      `${D}.1.repeat.2`,
      `${D}.1.repeat.3`,
    ]);
  });
});

describe('an hour clock and a clock keyed by an item', () => {
  // A 24-working-hour enquiry target set Friday 20 Nov 2026 at 15:00 (GMT): due Monday 23 Nov 15:00.
  const enquiryLadder: EscalationLadder = {
    steps: [
      { id: 'warn-2h', kind: 'warning', offsetHours: -2, notify: ['coordinator'] },
      { id: 'due', kind: 'due', offsetHours: 0, notify: ['duty_manager'] },
      {
        id: 'repeat',
        kind: 'repeat',
        offsetWorkingDays: 1,
        at: '09:00',
        everyWorkingDays: 1,
        notify: ['duty_manager'],
      },
    ],
  };
  const enquiry: OpenDeadline = {
    ...deadline,
    kind: 'enquiry-response',
    ladder: 'enquiry-response',
    revision: 1,
    dueDate: '2026-11-23',
    dueAt: new Date('2026-11-23T15:00:00Z'),
    openedAt: new Date('2026-11-20T15:00:00Z'),
  };

  it('plans hour steps at their exact instants, and the working-day repeat after them', () => {
    const plan = planSteps(enquiryLadder, enquiry, new Date('2026-11-23T13:30:00Z'), calendar);
    expect(plan.due.map((s) => [s.jobId, s.fireAt.toISOString()])).toEqual([
      [`${D}.1.warn-2h.0`, '2026-11-23T13:00:00.000Z'],
    ]);
    expect(plan.upcoming.map((s) => [s.jobId, s.fireAt.toISOString()])).toEqual([
      [`${D}.1.due.0`, '2026-11-23T15:00:00.000Z'],
      [`${D}.1.repeat.1`, '2026-11-24T09:00:00.000Z'],
    ]);
  });

  it('judges an hour step early until its instant, then fires it', () => {
    const job = { stepId: 'due', occurrence: 0 };
    expect(judgeStep(enquiryLadder, enquiry, job, new Date('2026-11-23T14:59:59Z'), calendar)).toEqual({
      verdict: 'early',
      fireAt: new Date('2026-11-23T15:00:00Z'),
    });
    expect(judgeStep(enquiryLadder, enquiry, job, new Date('2026-11-23T15:00:00Z'), calendar).verdict).toBe(
      'fire',
    );
  });

  it("carries a keyed clock's key in the step payload, so the machine knows which item", () => {
    const report: OpenDeadline = {
      ...deadline,
      kind: 'agency-report',
      ladder: 'agency-report',
      key: 'police',
    };
    expect(stepPayload(report, icpc.steps[2]!, 0)).toMatchObject({
      kind: 'agency-report',
      key: 'police',
      step: 'due',
    });
    expect(stepPayload(deadline, icpc.steps[2]!, 0)).not.toHaveProperty('key');
  });
});
