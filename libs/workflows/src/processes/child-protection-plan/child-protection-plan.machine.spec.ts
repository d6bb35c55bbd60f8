import { WorkingDayCalendar } from '../../calendar';
import { canonicalJson, replayJournal, WorkflowRegistry } from '../../engine';
import { DomainErrorCode } from '../../errors';
import { DEFAULT_STATUTORY_SETTINGS } from '../../settings';
import { postBirthReviewDueDate } from '../conference/rules';
import type { PlanContext } from './child-protection-plan.context';
import { childProtectionPlanDefinition } from './child-protection-plan.definition';
import { env, PLAN_ACTORS, planStart, Walk } from './child-protection-plan.test-support';
import { PLAN_DEADLINES as D, PLAN_EFFECTS, PLAN_EVENTS as E } from './child-protection-plan.vocabulary';

const calendar = new WorkingDayCalendar();
const STARTED_AT = '2026-11-19T15:00:00Z';
const start = (overrides: Record<string, unknown> = {}, at = STARTED_AT) =>
  new Walk<PlanContext>(childProtectionPlanDefinition, planStart(overrides), at);
const expectReplays = (walk: Walk<PlanContext>) =>
  expect(
    canonicalJson(
      replayJournal(
        'child-protection-plan',
        walk.journal,
        new WorkflowRegistry([childProtectionPlanDefinition]),
        env,
      ),
    ),
  ).toBe(canonicalJson(walk.last.snapshot));
const reviewed = (reviewDate: string, categories: string[], earlyReview = false) => ({
  reviewDate,
  conferenceReference: 'CPC-2026-000042-R1',
  categories,
  earlyReview,
});

describe('child protection plan: the start', () => {
  it('starts on the conference date with its categories, core group and first review due', () => {
    const walk = start();
    expect(walk.context).toMatchObject({
      startDate: '2026-11-19',
      initialCategoryCode: 'NEG',
      latestCategoryCode: 'NEG',
      numberOfPreviousPlans: 0,
      transfer: null,
      leadSocialWorker: { personId: 'sw-person-1', teamId: 'team-n1' },
    });
    // 10 working days after Thursday 19 November; 3 months after it (a Friday).
    expect(walk.deadline(D.coreGroup)).toBe('2026-12-03');
    expect(walk.deadline(D.review)).toBe('2027-02-19');
    expect(walk.deadline(D.postBirth)).toBeUndefined();
    expect(walk.last.effects).toEqual([
      { type: 'notify', role: 'coordinator', template: 'plan.started', reference: 'CPC-2026-000042-P1' },
    ]);
  });

  it('codes more than one category MUL and refuses a census code or a repeat as a category', () => {
    expect(start({ categories: ['emotional', 'physical'] }).context.initialCategoryCode).toBe('MUL');
    expect(() => start({ categories: ['NEG'] })).toThrow(
      expect.objectContaining({ code: DomainErrorCode.InvalidInput }),
    );
    expect(() => start({ categories: ['neglect', 'neglect'] })).toThrow(
      expect.objectContaining({ code: DomainErrorCode.InvalidInput }),
    );
    expect(() => start({ categories: [] })).toThrow(
      expect.objectContaining({ code: DomainErrorCode.InvalidInput }),
    );
  });

  it('after an exceptional quorum, the first review is an early one (20 working days)', () => {
    expect(start({ exceptionalQuorum: true }).deadline(D.review)).toBe('2026-12-17');
  });

  it('meets the core group clock when the core group meeting is recorded', () => {
    const walk = start().send(E.coreGroupMet, { metOn: '2026-12-01' }, '2026-12-01T16:00:00Z');
    expect(walk.context.coreGroupMetOn).toBe('2026-12-01');
    expect(walk.deadline(D.coreGroup)).toBeUndefined();
    // A later core group meeting is recorded without moving the first one's date.
    walk.send(E.coreGroupMet, { metOn: '2026-12-02' }, '2026-12-02T16:00:00Z');
    expect(walk.context.coreGroupMetOn).toBe('2026-12-01');
    expect(walk.refusal(E.coreGroupMet, { metOn: '2026-12-09' }, '2026-12-02T16:00:00Z')).toBe(
      DomainErrorCode.GuardRejected,
    );
    expect(start().refusal(E.coreGroupMet, { metOn: '2026-12-02' }, '2026-12-01T16:00:00Z')).toBe(
      DomainErrorCode.GuardRejected,
    );
  });
});

describe('a year of reviews: two children of one household', () => {
  it('first review at 3 months (one ends, one continues with a new latest category), the next at 6', () => {
    const first = start();
    const second = start({
      reference: 'CPC-2026-000042-P2',
      child: { personId: 'child-b', unborn: false },
      categories: ['emotional'],
    });
    for (const walk of [first, second])
      walk.send(E.coreGroupMet, { metOn: '2026-12-02' }, '2026-12-02T16:00:00Z');

    // The review conference on Wednesday 17 February 2027 (before the 19th it was due).
    first.send(E.reviewed, reviewed('2027-02-17', ['neglect', 'physical']), '2027-02-17T16:00:00Z');
    second.send(
      E.ended,
      { endDate: '2027-02-17', reason: 'no-continuing-risk', conferenceReference: 'CPC-2026-000042-R1' },
      '2027-02-17T16:00:00Z',
    );

    expect(first.context).toMatchObject({ initialCategoryCode: 'NEG', latestCategoryCode: 'MUL' });
    expect(first.deadline(D.review)).toBe('2027-08-17');
    expect(second.last.status).toBe('done');
    expect(second.context.ending).toMatchObject({ endDate: '2027-02-17', reason: 'no-continuing-risk' });
    expect(second.last.deadlines).toEqual([]);

    first.send(E.reviewed, reviewed('2027-08-16', ['physical']), '2027-08-16T16:00:00Z');
    expect(first.context.latestCategoryCode).toBe('PHY');
    expect(first.deadline(D.review)).toBe('2028-02-16');
    expect(first.context.reviews.map((r) => r.heldOn)).toEqual(['2027-02-17', '2027-08-16']);

    const dueDates = ['2026-12-03', '2027-02-19', '2027-08-17', first.deadline(D.review)!];
    for (const date of dueDates) expect(calendar.isWorkingDay(date)).toBe(true);
    expectReplays(first);
    expectReplays(second);
  });

  it('an early review counts as a review: the next is 6 months after it', () => {
    const walk = start({ exceptionalQuorum: true }).send(
      E.reviewed,
      reviewed('2026-12-16', ['neglect']),
      '2026-12-16T16:00:00Z',
    );
    expect(walk.deadline(D.review)).toBe('2027-06-16');
  });

  it('a review that itself proceeded exceptionally sets an early review again', () => {
    const walk = start().send(E.reviewed, reviewed('2027-02-17', ['neglect'], true), '2027-02-17T16:00:00Z');
    expect(walk.deadline(D.review)).toBe('2027-03-17');
  });

  it('refuses a review dated before the last one, or in the future', () => {
    const walk = start().send(E.reviewed, reviewed('2027-02-17', ['neglect']), '2027-02-17T16:00:00Z');
    expect(walk.refusal(E.reviewed, reviewed('2027-02-16', ['neglect']), '2027-03-01T16:00:00Z')).toBe(
      DomainErrorCode.GuardRejected,
    );
    expect(walk.refusal(E.reviewed, reviewed('2027-03-02', ['neglect']), '2027-03-01T16:00:00Z')).toBe(
      DomainErrorCode.GuardRejected,
    );
  });

  it('brings the review forward to an earlier working day, never later', () => {
    const walk = start().send(
      E.reviewBroughtForward,
      { dueDate: '2027-01-14', reason: 'Escalating concerns' },
      '2026-12-01T10:00:00Z',
      PLAN_ACTORS.coordinator,
    );
    expect(walk.deadline(D.review)).toBe('2027-01-14');
    expect(
      walk.refusal(E.reviewBroughtForward, { dueDate: '2027-01-20', reason: 'x' }, '2026-12-01T10:00:00Z'),
    ).toBe(DomainErrorCode.GuardRejected);
    expect(
      walk.refusal(
        E.reviewBroughtForward,
        { dueDate: '2027-01-09', reason: 'a Saturday' },
        '2026-12-01T10:00:00Z',
      ),
    ).toBe(DomainErrorCode.GuardRejected);
  });
});

describe('ending without a conference', () => {
  it('ends when a new authority took over, and tells everyone invited to the ICPC', () => {
    const walk = start().send(
      E.endedWithoutConference,
      { endDate: '2027-01-11', reason: 'moved-new-authority-took-over', newAuthorityId: 'la-880' },
      '2027-01-11T12:00:00Z',
      PLAN_ACTORS.coordinator,
    );
    expect(walk.last.status).toBe('done');
    expect(walk.context.ending).toMatchObject({ endDate: '2027-01-11', newAuthorityId: 'la-880' });
    expect(walk.last.effects).toEqual([
      {
        type: 'notify',
        role: 'coordinator',
        template: 'plan.ended-without-conference',
        reference: 'CPC-2026-000042-P1',
      },
      { type: PLAN_EFFECTS.endingNotice, reference: 'CPC-2026-000042-P1', personIds: ['parent-m', 'gp-1'] },
    ]);
    expect(JSON.stringify(walk.last.effects)).not.toMatch(/child-a/);
    expectReplays(walk);
  });

  it.each(['turned-18', 'left-the-uk', 'became-looked-after', 'died'])(
    'ends because the child %s',
    (reason) => {
      const walk = start().send(
        E.endedWithoutConference,
        { endDate: '2027-01-11', reason },
        '2027-01-11T12:00:00Z',
        PLAN_ACTORS.manager,
      );
      expect(walk.context.ending?.reason).toBe(reason);
    },
  );

  it('refuses a social worker, a missing new authority, and an end before the start', () => {
    const walk = start();
    const at = '2027-01-11T12:00:00Z';
    expect(
      walk.refusal(
        E.endedWithoutConference,
        { endDate: '2027-01-11', reason: 'died' },
        at,
        PLAN_ACTORS.socialWorker,
      ),
    ).toBe(DomainErrorCode.GuardRejected);
    expect(
      walk.refusal(
        E.endedWithoutConference,
        { endDate: '2027-01-11', reason: 'moved-new-authority-took-over' },
        at,
        PLAN_ACTORS.coordinator,
      ),
    ).toBe(DomainErrorCode.InvalidInput);
    expect(
      walk.refusal(
        E.endedWithoutConference,
        { endDate: '2026-11-18', reason: 'died' },
        at,
        PLAN_ACTORS.coordinator,
      ),
    ).toBe(DomainErrorCode.GuardRejected);
  });
});

describe('previous plans (NumberOfPreviousCPP)', () => {
  it('counts earlier plans here and those a co-ordinator records from before the service or elsewhere', () => {
    const walk = start({ earlierPlansHere: 1 })
      .send(
        E.previousPlansRecorded,
        { source: 'before-the-service', count: 2 },
        '2026-11-20T10:00:00Z',
        PLAN_ACTORS.coordinator,
      )
      .send(
        E.previousPlansRecorded,
        { source: 'another-authority', count: 1, authorityId: 'la-309' },
        '2026-11-20T10:05:00Z',
        PLAN_ACTORS.coordinator,
      );
    expect(walk.context.numberOfPreviousPlans).toBe(4);
    expect(
      walk.refusal(
        E.previousPlansRecorded,
        { source: 'before-the-service', count: 1 },
        '2026-11-20T10:00:00Z',
        PLAN_ACTORS.socialWorker,
      ),
    ).toBe(DomainErrorCode.GuardRejected);
    expect(
      walk.refusal(
        E.previousPlansRecorded,
        { source: 'another-authority', count: 1 },
        '2026-11-20T10:00:00Z',
        PLAN_ACTORS.coordinator,
      ),
    ).toBe(DomainErrorCode.InvalidInput);
    expectReplays(walk);
  });
});

describe('a pre-birth plan and the birth', () => {
  const preBirth = () =>
    start({
      conferenceKind: 'pre-birth',
      child: { personId: 'unborn-1', unborn: true, motherPersonId: 'parent-m' },
    });

  it('is held against the mother until the birth', () => {
    const walk = preBirth();
    expect(walk.last.state).toContain('unborn');
    expect(childProtectionPlanDefinition.subjectsOf!(walk.context)).toEqual([
      { id: 'household-12', kind: 'household' },
      { id: 'unborn-1', kind: 'unborn-child' },
      { id: 'parent-m', kind: 'mother-of-unborn-child' },
    ]);
  });

  it('the birth gives the child a new person id and a review or core group within 10 working days', () => {
    const postBirthDueDate = postBirthReviewDueDate('2026-12-10', DEFAULT_STATUTORY_SETTINGS, calendar);
    expect(postBirthDueDate).toBe('2026-12-24');
    const walk = preBirth().send(
      E.birthRecorded,
      { childPersonId: 'child-new-1', postBirthDueDate },
      '2026-12-11T09:00:00Z',
      PLAN_ACTORS.coordinator,
    );
    expect(walk.context.child).toEqual({
      personId: 'child-new-1',
      unborn: false,
      motherPersonId: 'parent-m',
      unbornPersonId: 'unborn-1',
    });
    expect(walk.deadline(D.postBirth)).toBe('2026-12-24');
    expect(childProtectionPlanDefinition.subjectsOf!(walk.context)).toEqual([
      { id: 'household-12', kind: 'household' },
      { id: 'child-new-1', kind: 'child' },
      { id: 'unborn-1', kind: 'unborn-child' },
    ]);
    // Born once: a second birth on this plan is not accepted in its state.
    expect(
      walk.refusal(
        E.birthRecorded,
        { childPersonId: 'child-new-2', postBirthDueDate },
        '2026-12-11T10:00:00Z',
      ),
    ).toBe(DomainErrorCode.EventNotAccepted);

    walk.send(E.coreGroupMet, { metOn: '2026-12-16' }, '2026-12-16T16:00:00Z');
    expect(walk.deadline(D.postBirth)).toBeUndefined();
    expect(walk.context.postBirthMetOn).toBe('2026-12-16');
    expectReplays(walk);
  });

  it('a review after the birth meets the post-birth clock too', () => {
    const walk = preBirth()
      .send(E.coreGroupMet, { metOn: '2026-12-01' }, '2026-12-01T16:00:00Z')
      .send(
        E.birthRecorded,
        { childPersonId: 'child-new-1', postBirthDueDate: '2026-12-24' },
        '2026-12-11T09:00:00Z',
      )
      .send(E.reviewed, reviewed('2026-12-22', ['neglect']), '2026-12-22T16:00:00Z');
    expect(walk.deadline(D.postBirth)).toBeUndefined();
    expect(walk.deadline(D.review)).toBe('2027-06-22');
  });

  it('refuses a birth on a plan that is not pre-birth', () => {
    expect(
      start().refusal(
        E.birthRecorded,
        { childPersonId: 'child-new-1', postBirthDueDate: '2026-12-24' },
        '2026-12-11T09:00:00Z',
      ),
    ).toBe(DomainErrorCode.EventNotAccepted);
  });
});

describe('a transfer-in plan', () => {
  it('records the transferring authority, and its first review is 3 months after the transfer-in conference', () => {
    const walk = start({
      conferenceKind: 'transfer-in',
      transferringAuthorityId: 'la-309',
      earlierPlansHere: 0,
    });
    expect(walk.context.transfer).toEqual({ transferringAuthorityId: 'la-309' });
    expect(walk.deadline(D.review)).toBe('2027-02-19');
    expect(() => start({ conferenceKind: 'transfer-in' })).toThrow(
      expect.objectContaining({ code: DomainErrorCode.InvalidInput }),
    );
    expect(() => start({ transferringAuthorityId: 'la-309' })).toThrow(
      expect.objectContaining({ code: DomainErrorCode.InvalidInput }),
    );
  });
});

describe('the start input', () => {
  it('refuses a date of birth or any field it does not know, and an unborn child without a mother', () => {
    expect(() => start({ child: { personId: 'child-a', unborn: false, dateOfBirth: '2020-01-01' } })).toThrow(
      expect.objectContaining({ code: DomainErrorCode.InvalidInput }),
    );
    expect(() => start({ child: { personId: 'unborn-1', unborn: true } })).toThrow(
      expect.objectContaining({ code: DomainErrorCode.InvalidInput }),
    );
    expect(() => start({ reference: 'CPC-2026-000042' })).toThrow(
      expect.objectContaining({ code: DomainErrorCode.InvalidInput }),
    );
  });
});
