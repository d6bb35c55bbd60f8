import { WorkingDayCalendar } from '../../calendar';
import { canonicalJson, ENGINE_EFFECTS, replayJournal, WorkflowRegistry } from '../../engine';
import { DomainErrorCode } from '../../errors';
import { childProtectionPlanDefinition } from '../child-protection-plan/child-protection-plan.definition';
import type { PlanContext } from '../child-protection-plan/child-protection-plan.context';
import { Walk } from '../child-protection-plan/child-protection-plan.test-support';
import { conferenceDefinition } from './conference.definition';
import type { DistributionContext } from '../distribution/distribution.context';
import { DistributionWalk } from '../distribution/distribution.test-support';
import type { DistributionStartInput } from './conference.handover';
import { OUTCOME_EVENTS as O } from './conference.outcome.vocabulary';
import { ACTORS, BOOKING, ConferenceWalk, env, icpcRequest } from './conference.test-support';
import { CONFERENCE_EVENTS as E } from './conference.vocabulary';

const calendar = new WorkingDayCalendar();
const MANAGER = { sub: 'mgr-5', role: 'manager' };
const HELD_AT = '2026-11-19T10:00:00Z';
const AFTER = '2026-11-19T12:30:00Z';

const expectReplays = (walk: ConferenceWalk) =>
  expect(
    canonicalJson(
      replayJournal('conference', walk.journal, new WorkflowRegistry([conferenceDefinition]), env),
    ),
  ).toBe(canonicalJson(walk.last.snapshot));

/** Every invitation of the booking out (sequence given), as the dispatcher reports them. */
function sendEverything(walk: ConferenceWalk, sequenceOf: (personId: string) => number, at: string) {
  for (const person of walk.context.invitees) {
    const sequence = sequenceOf(person.personId);
    if (person.contactBy === 'email') {
      walk.send(E.invitationSent, { personId: person.personId, sequence }, at, ACTORS.system);
    } else {
      walk.send(E.letterPosted, { personId: person.personId, sequence, postedOn: at.slice(0, 10) }, at);
    }
  }
  return walk;
}

/** The ICPC of the three children booked for Thursday 19 November 2026, invited, and sitting. */
function sitting(input = icpcRequest()): ConferenceWalk {
  const walk = new ConferenceWalk(input)
    .send(E.chairAssigned, { chairSub: ACTORS.chair.sub, selection: 'area-chair' }, '2026-11-03T14:00:00Z')
    .send(E.scheduled, BOOKING, '2026-11-04T09:00:00Z')
    .send(E.inviteesAgreed, {}, '2026-11-05T09:00:00Z', ACTORS.chair);
  return sendEverything(walk, () => 0, '2026-11-05T09:05:00Z').send(E.convened, {}, HELD_AT, ACTORS.chair);
}

const professional = (personId: string, agencyId: string, professionalGroup: string, children: string[]) => ({
  personId,
  capacity: 'professional',
  agencyId,
  professionalGroup,
  directContactChildIds: children,
});
const SOCIAL_WORKER = professional('sw-person-1', 'csc:north', 'childrens-social-care', [
  'child-a',
  'child-b',
  'child-c',
]);
const GP = professional('gp-1', 'gp:park-road', 'gp', ['child-a', 'child-b', 'child-c']);
const TEACHER = professional('teacher-1', 'school:st-marys', 'education', ['child-a', 'child-b']);
const HEALTH_VISITOR = professional('hv-1', 'health:whittington', 'health-visiting', ['child-c']);
const FAMILY = [
  { personId: 'parent-m', capacity: 'parent-or-carer' },
  { personId: 'parent-f', capacity: 'parent-or-carer' },
];

const quorate = {
  attendees: [
    SOCIAL_WORKER,
    GP,
    TEACHER,
    HEALTH_VISITOR,
    ...FAMILY,
    { personId: 'chair-person', capacity: 'chair' },
  ],
  apologies: [{ personId: 'pc-1', withReport: true }],
  exclusions: [
    {
      partId: 'part-police-information',
      personIds: ['parent-f'],
      reason: 'Police information about an ongoing investigation',
      chairDecision: 'Excluded for the police update only',
    },
  ],
};
/** Children's social care and the GP only: inquorate for every child, an exceptional quorum for each. */
const socialCareAndGp = { attendees: [SOCIAL_WORKER, GP, ...FAMILY], apologies: [], exclusions: [] };

const decisions = {
  children: [
    {
      childId: 'child-a',
      plan: true,
      categories: ['neglect'],
      dissent: [{ personId: 'parent-f', usesChallengeProcedure: true }],
      chairDecisionRecord: 'Plan under neglect; the father disagrees.',
    },
    {
      childId: 'child-b',
      plan: true,
      categories: ['emotional'],
      dissent: [],
      chairDecisionRecord: 'Plan under emotional abuse.',
    },
    {
      childId: 'child-c',
      plan: false,
      withoutPlan: 'child-in-need',
      dissent: [],
      chairDecisionRecord: 'Child in need plan.',
    },
  ],
};

const startsOf = (walk: ConferenceWalk, workflowType: string) =>
  walk.last.effects.filter(
    (e) => e.type === ENGINE_EFFECTS.workflowStart && e.workflowType === workflowType,
  ) as unknown as {
    workflowType: string;
    startKey: string;
    input: Record<string, unknown>;
  }[];

describe('conference part 2: quoracy through the machine', () => {
  it('answers the attendance with the quoracy per child and moves to the decision when quorate', () => {
    const walk = sitting().send(O.attendanceRecorded, quorate, AFTER, ACTORS.chair);
    expect(walk.last.state).toBe('held.deciding');
    const { quoracy, attendees } = walk.context.outcome.sitting!;
    expect(quoracy.quorate).toBe(true);
    expect(quoracy.children.map((c) => [c.childId, c.countedAgencies.length])).toEqual([
      ['child-a', 2],
      ['child-b', 2],
      ['child-c', 2],
    ]);
    // The health visitor is present but has had no direct contact with the older children.
    expect(quoracy.children[0]!.notCountedWithoutDirectContact).toEqual([
      { agency: 'health:whittington', professionalGroup: 'health-visiting' },
    ]);
    expect(attendees.every((a) => a.invited || a.attendee.personId === 'chair-person')).toBe(true);
  });

  it('counts one agency once: two teachers of one school are one', () => {
    const secondTeacher = professional('teacher-2', 'school:st-marys', 'education', [
      'child-a',
      'child-b',
      'child-c',
    ]);
    const walk = sitting().send(
      O.attendanceRecorded,
      { attendees: [SOCIAL_WORKER, TEACHER, secondTeacher], apologies: [], exclusions: [] },
      AFTER,
      ACTORS.chair,
    );
    expect(walk.last.state).toBe('held.inquorate');
    expect(walk.context.outcome.sitting!.quoracy.children[0]!.missing).toEqual([
      { rule: 'too-few-other-agencies', required: 2, counted: 1 },
    ]);
  });

  it('without children’s social care it is never quorate, and cannot proceed exceptionally', () => {
    const walk = sitting().send(
      O.attendanceRecorded,
      { attendees: [GP, TEACHER, HEALTH_VISITOR], apologies: [], exclusions: [] },
      AFTER,
      ACTORS.chair,
    );
    expect(walk.last.state).toBe('held.inquorate');
    expect(walk.context.outcome.sitting!.options.mayProceedExceptionally).toBe(false);
    expect(
      walk.refusal(
        O.proceededExceptionally,
        { delayWouldHarm: 'x', informationSufficient: 'y' },
        AFTER,
        ACTORS.chair,
      ),
    ).toMatchObject({ code: DomainErrorCode.GuardRejected });
    expect(walk.last.effects).toEqual([
      { type: 'notify', role: 'coordinator', template: 'conference.inquorate', reference: 'CPC-2026-000042' },
    ]);
  });

  it('refuses attendance naming a child not of the conference, apologies from someone present, or another chair', () => {
    const walk = sitting();
    const stranger = professional('gp-9', 'gp:elsewhere', 'gp', ['child-z']);
    expect(
      walk.refusal(
        O.attendanceRecorded,
        { attendees: [SOCIAL_WORKER, stranger], apologies: [], exclusions: [] },
        AFTER,
        ACTORS.chair,
      ),
    ).toMatchObject({ code: DomainErrorCode.GuardRejected });
    expect(
      walk.refusal(
        O.attendanceRecorded,
        {
          attendees: [SOCIAL_WORKER, GP],
          apologies: [{ personId: 'gp-1', withReport: false }],
          exclusions: [],
        },
        AFTER,
        ACTORS.chair,
      ),
    ).toMatchObject({ code: DomainErrorCode.GuardRejected });
    expect(walk.refusal(O.attendanceRecorded, quorate, AFTER, ACTORS.otherChair)).toMatchObject({
      code: DomainErrorCode.GuardRejected,
    });
    expect(
      walk.refusal(
        O.attendanceRecorded,
        { ...quorate, attendees: [{ personId: 'gp-1', capacity: 'professional' }] },
        AFTER,
        ACTORS.chair,
      ),
    ).toMatchObject({ code: DomainErrorCode.InvalidInput });
  });
});

describe('an initial conference for a family of three: quorate, two plans and one child in need', () => {
  const decided = () =>
    sitting()
      .send(O.attendanceRecorded, quorate, AFTER, ACTORS.chair)
      .send(O.decisionRecorded, decisions, '2026-11-19T12:45:00Z', ACTORS.chair);

  it('decides and starts exactly two plans, one review conference and one distribution', () => {
    const walk = decided();
    expect(walk.last.state).toBe('decided');
    expect(walk.last.status).toBe('done');
    const plans = startsOf(walk, 'child-protection-plan');
    expect(plans.map((p) => p.startKey)).toEqual(['plan:child-a', 'plan:child-b']);
    expect(plans[0]!.input).toMatchObject({
      reference: 'CPC-2026-000042-P1',
      conferenceDate: '2026-11-19',
      child: { personId: 'child-a', unborn: false },
      categories: ['neglect'],
      leadSocialWorker: { personId: 'sw-person-1', teamId: 'team-n1' },
      exceptionalQuorum: false,
    });
    expect(plans[1]!.input).toMatchObject({ reference: 'CPC-2026-000042-P2', categories: ['emotional'] });

    const reviews = startsOf(walk, 'conference');
    expect(reviews).toHaveLength(1);
    expect(reviews[0]!.startKey).toBe('review:household-12:1');
    expect(reviews[0]!.input).toMatchObject({
      reference: 'CPC-2026-000042-R1',
      kind: 'review',
      reviewDueDate: '2027-02-19',
      review: { cycle: 1, childrenOnPlanIds: ['child-a', 'child-b'] },
      previousConferenceOutcome: { quorate: true },
    });
    expect(calendar.isWorkingDay('2027-02-19')).toBe(true);

    const distributions = startsOf(walk, 'distribution');
    expect(distributions).toHaveLength(1);
    const distribution = distributions[0]!.input as unknown as DistributionStartInput;
    expect(distribution.exclusions).toEqual([
      { partId: 'part-police-information', excludedPersonIds: ['parent-f'] },
    ]);
    expect(distribution.confidentialAddressPersonIds).toEqual(['parent-m']);
    expect(distribution.children.map((c) => c.outcome)).toEqual(['plan', 'plan', 'child-in-need']);
    expect(distribution.invitees.find((p) => p.personId === 'pc-1')).toMatchObject({ attended: false });

    expect(walk.last.effects.filter((e) => e.type === 'notify').map((e) => e.template)).toEqual([
      'conference.decided',
      'conference.child-in-need-plan',
    ]);
    const decision = walk.context.outcome.decisions!.children;
    expect(decision.map((d) => d.censusCategoryCode)).toEqual(['NEG', 'EMO', null]);
    expect(decision[0]!.dissent).toEqual([{ personId: 'parent-f', usesChallengeProcedure: true }]);
    // Ids only: no free text of the meeting leaves in an effect.
    expect(JSON.stringify(walk.last.effects)).not.toMatch(/neglect;|disagrees|Police information/);
    expectReplays(walk);
  });

  it('every input it declares is one the receiving process accepts, with the right clocks', () => {
    const walk = decided();
    const [first, second] = startsOf(walk, 'child-protection-plan').map(
      (p) => new Walk<PlanContext>(childProtectionPlanDefinition, p.input, '2026-11-19T13:00:00Z'),
    );
    expect(first!.deadline('plan-core-group')).toBe('2026-12-03');
    expect(first!.deadline('plan-review')).toBe('2027-02-19');
    expect(second!.context.initialCategoryCode).toBe('EMO');
    const review = new ConferenceWalk(startsOf(walk, 'conference')[0]!.input, '2026-11-19T13:00:00Z');
    expect(review.context.kind).toBe('review');
    expect(review.context.clocks.dueDate).toBe('2027-02-19');
    expect(review.context.children.map((c) => c.personId)).toEqual(['child-a', 'child-b']);
    expect(review.context.invitees.map((p) => p.personId)).toEqual(
      expect.arrayContaining(['parent-m', 'parent-f', 'gp-1', 'teacher-1', 'pc-1', 'sw-person-1']),
    );
    // The distribution takes the handover as it is: invitees with their roles and channels, the
    // exclusions, the confidential address, and its clocks from the figures fixed at the request.
    const handover = startsOf(walk, 'distribution')[0]!.input;
    const distribution: DistributionContext = new DistributionWalk(handover, '2026-11-19T16:00:00Z').context;
    expect(distribution.reference).toBe('CPC-2026-000042');
    expect(distribution.conferenceDate).toBe('2026-11-19');
    expect(distribution.clocks.decisionsDueBy).toBe('2026-11-20');
    expect(distribution.recipients.find((r) => r.personId === 'parent-f')?.role).toBe('parent');
    expect(distribution.recipients.find((r) => r.personId === 'gp-1')?.role).toBe('professional');
    expect(distribution.exclusions).toEqual([
      { sectionId: 'part-police-information', excludedPersonIds: ['parent-f'] },
    ]);
    expect(distribution.confidentialAddressHolders).toEqual(['parent-m']);
    expect(distribution.children.map((c) => c.outcome)).toEqual(['plan', 'plan', 'child-in-need']);
  });

  it('refuses a decision that leaves a child out, decides one twice, or comes from another chair', () => {
    const walk = sitting().send(O.attendanceRecorded, quorate, AFTER, ACTORS.chair);
    const [a, b] = decisions.children;
    expect(walk.refusal(O.decisionRecorded, { children: [a, b] }, AFTER, ACTORS.chair)).toMatchObject({
      code: DomainErrorCode.GuardRejected,
    });
    expect(walk.refusal(O.decisionRecorded, { children: [a, b, a] }, AFTER, ACTORS.chair)).toMatchObject({
      code: DomainErrorCode.GuardRejected,
    });
    expect(walk.refusal(O.decisionRecorded, decisions, AFTER, ACTORS.otherChair)).toMatchObject({
      code: DomainErrorCode.GuardRejected,
    });
    expect(
      walk.refusal(
        O.decisionRecorded,
        { children: [{ ...a, categories: undefined }, b, decisions.children[2]] },
        AFTER,
        ACTORS.chair,
      ),
    ).toMatchObject({ code: DomainErrorCode.InvalidInput });
    expect(
      walk.refusal(
        O.decisionRecorded,
        { children: [{ ...a, categories: ['MUL'] }, b, decisions.children[2]] },
        AFTER,
        ACTORS.chair,
      ),
    ).toMatchObject({ code: DomainErrorCode.InvalidInput });
  });

  it('declares the same starts whatever order the chair lists the children in', () => {
    const quorateSitting = () => sitting().send(O.attendanceRecorded, quorate, AFTER, ACTORS.chair);
    const inOrder = quorateSitting().send(O.decisionRecorded, decisions, AFTER, ACTORS.chair);
    const reversed = quorateSitting().send(
      O.decisionRecorded,
      { children: [...decisions.children].reverse() },
      AFTER,
      ACTORS.chair,
    );
    expect(canonicalJson(reversed.last.effects)).toBe(canonicalJson(inOrder.last.effects));
  });

  it('no plan for anyone: no plan starts, no review conference, still one distribution', () => {
    const none = {
      children: ['child-a', 'child-b', 'child-c'].map((childId) => ({
        childId,
        plan: false,
        withoutPlan: 'no-further-action',
        dissent: [],
        chairDecisionRecord: 'No further action.',
      })),
    };
    const walk = sitting()
      .send(O.attendanceRecorded, quorate, AFTER, ACTORS.chair)
      .send(O.decisionRecorded, none, AFTER, ACTORS.chair);
    expect(startsOf(walk, 'child-protection-plan')).toEqual([]);
    expect(startsOf(walk, 'conference')).toEqual([]);
    expect(startsOf(walk, 'distribution')).toHaveLength(1);
    expect(walk.last.effects.filter((e) => e.type === 'notify').map((e) => e.template)).toEqual([
      'conference.decided',
    ]);
  });
});

describe('inquorate: adjourned, reconvened within 10 working days, and the second in a row', () => {
  const adjourned = () =>
    sitting()
      .send(O.attendanceRecorded, socialCareAndGp, AFTER, ACTORS.chair)
      .send(
        O.adjourned,
        { interimProtectionPlan: 'Daily visits by the social worker until the conference.' },
        AFTER,
        ACTORS.chair,
      );

  it('adjourns back to booking, due within 10 working days, and the invitations follow the new date', () => {
    const walk = adjourned();
    expect(walk.last.state).toBe('open.awaitingBooking');
    expect(walk.context.clocks.dueDate).toBe('2026-12-03');
    expect(walk.last.deadlines.map((d) => [d.kind, d.dueDate])).toEqual([['conference-due', '2026-12-03']]);
    expect(walk.context.outcome.adjournedSittings[0]!.adjournment).toMatchObject({
      reconveneBy: '2026-12-03',
      managerOverride: null,
    });

    walk.send(E.scheduled, { ...BOOKING, date: '2026-12-01' }, '2026-11-20T09:00:00Z');
    expect(walk.last.state).toContain('open.booked');
    const emails = walk.last.effects.filter((e) => e.type === 'conference.invitation-email');
    // Everyone asked again, each with a SEQUENCE above the one the first date went out with.
    expect(emails.length).toBeGreaterThan(0);
    expect(emails.every((e) => e.sequence === 1 && e.method === 'REQUEST')).toBe(true);
    expect(emails.every((e) => (e.slot as { date: string }).date === '2026-12-01')).toBe(true);
    expect(walk.context.clocks.invitationsSendBy).toBe('2026-11-24');
    expectReplays(walk);
  });

  it('a second inquorate sitting in a row is refused an adjournment by the chair, and allowed with a manager’s override', () => {
    const walk = adjourned().send(E.scheduled, { ...BOOKING, date: '2026-12-01' }, '2026-11-20T09:00:00Z');
    sendEverything(walk, () => 1, '2026-11-20T09:05:00Z')
      .send(E.convened, {}, '2026-12-01T10:00:00Z', ACTORS.chair)
      .send(O.attendanceRecorded, socialCareAndGp, '2026-12-01T11:00:00Z', ACTORS.chair);
    expect(walk.context.outcome.sitting!.options).toMatchObject({
      secondInquorateInARow: true,
      adjournment: 'manager-override-required',
    });
    const interim = { interimProtectionPlan: 'Daily visits continue.' };
    expect(walk.refusal(O.adjourned, interim, '2026-12-01T11:10:00Z', ACTORS.chair)).toMatchObject({
      code: DomainErrorCode.GuardRejected,
      extensions: { rules: ['chairMayAdjourn', 'managerOverridesSecondInquorate'] },
    });
    // A chair cannot give the override; a manager without a reason neither.
    expect(
      walk.refusal(O.adjourned, { ...interim, overrideReason: 'x' }, '2026-12-01T11:10:00Z', ACTORS.chair),
    ).toMatchObject({ code: DomainErrorCode.GuardRejected });
    expect(walk.refusal(O.adjourned, interim, '2026-12-01T11:10:00Z', MANAGER)).toMatchObject({
      code: DomainErrorCode.GuardRejected,
    });

    walk.send(
      O.adjourned,
      { ...interim, overrideReason: 'The GP and school could not attend for the snow; reconvene next week.' },
      '2026-12-01T11:15:00Z',
      MANAGER,
    );
    expect(walk.last.state).toBe('open.awaitingBooking');
    expect(walk.context.clocks.dueDate).toBe('2026-12-15');
    expect(walk.context.outcome.adjournedSittings[1]!.adjournment!.managerOverride).toMatchObject({
      sub: 'mgr-5',
    });
    expectReplays(walk);
  });

  it('the household’s previous conference inquorate (from the request) makes this one the second in a row', () => {
    const walk = sitting(icpcRequest({ previousConferenceOutcome: { quorate: false } })).send(
      O.attendanceRecorded,
      socialCareAndGp,
      AFTER,
      ACTORS.chair,
    );
    expect(walk.context.outcome.sitting!.options.adjournment).toBe('manager-override-required');
    expect(walk.last.effects.map((e) => e.role)).toEqual(['coordinator', 'manager']);
    // Proceeding exceptionally stays open to the chair.
    walk.send(
      O.proceededExceptionally,
      { delayWouldHarm: 'a', informationSufficient: 'b' },
      AFTER,
      ACTORS.chair,
    );
    expect(walk.last.state).toBe('held.deciding');
  });
});

describe('an exceptional quorum with an early review', () => {
  it('proceeds with its reasons; the plans’ first review and the review conference come within 20 working days', () => {
    const walk = sitting().send(O.attendanceRecorded, socialCareAndGp, AFTER, ACTORS.chair).send(
      O.proceededExceptionally,
      {
        delayWouldHarm: 'The youngest child is at immediate risk.',
        informationSufficient: 'The GP and social worker reports cover every child.',
      },
      AFTER,
      ACTORS.chair,
    );
    expect(walk.context.outcome.sitting!.exceptional).toMatchObject({
      delayWouldHarm: 'The youngest child is at immediate risk.',
    });
    walk.send(O.decisionRecorded, decisions, '2026-11-19T13:00:00Z', ACTORS.chair);
    const plans = startsOf(walk, 'child-protection-plan');
    expect(plans.every((p) => p.input.exceptionalQuorum === true)).toBe(true);
    expect(startsOf(walk, 'conference')[0]!.input).toMatchObject({
      reviewDueDate: '2026-12-17',
      previousConferenceOutcome: { quorate: false },
    });
    const plan = new Walk<PlanContext>(
      childProtectionPlanDefinition,
      plans[0]!.input,
      '2026-11-19T13:00:00Z',
    );
    expect(plan.deadline('plan-review')).toBe('2026-12-17');
    expectReplays(walk);
  });
});

describe('the review conference it starts', () => {
  it('signals each plan: one continues with a new latest category, one ends', () => {
    const initial = sitting()
      .send(O.attendanceRecorded, quorate, AFTER, ACTORS.chair)
      .send(O.decisionRecorded, decisions, AFTER, ACTORS.chair);
    const review = new ConferenceWalk(startsOf(initial, 'conference')[0]!.input, '2026-11-19T13:00:00Z')
      .send(E.chairAssigned, { chairSub: ACTORS.chair.sub, selection: 'area-chair' }, '2026-11-20T09:00:00Z')
      .send(E.scheduled, { ...BOOKING, date: '2027-02-17' }, '2026-11-20T10:00:00Z')
      .send(E.inviteesAgreed, {}, '2026-11-20T11:00:00Z', ACTORS.chair);
    sendEverything(review, () => 0, '2026-11-20T11:05:00Z').send(
      E.convened,
      {},
      '2027-02-17T10:00:00Z',
      ACTORS.chair,
    );
    const twoChildren = (p: { directContactChildIds: string[] }) => ({
      ...p,
      directContactChildIds: p.directContactChildIds.filter((id) => id !== 'child-c'),
    });
    review.send(
      O.attendanceRecorded,
      { attendees: [SOCIAL_WORKER, GP, TEACHER].map(twoChildren), apologies: [], exclusions: [] },
      '2027-02-17T11:00:00Z',
      ACTORS.chair,
    );
    const planA = '7a3c1f0e-0000-4000-8000-00000000000a';
    const planB = '7a3c1f0e-0000-4000-8000-00000000000b';
    const outcome = {
      children: [
        {
          childId: 'child-a',
          plan: true,
          categories: ['neglect', 'physical'],
          dissent: [],
          chairDecisionRecord: 'Continues.',
          planWorkflowId: planA,
        },
        {
          childId: 'child-b',
          plan: false,
          withoutPlan: 'child-in-need',
          dissent: [],
          chairDecisionRecord: 'Ends.',
          planWorkflowId: planB,
        },
      ],
    };
    expect(
      review.refusal(
        O.decisionRecorded,
        { children: outcome.children.map(({ planWorkflowId: _, ...d }) => d) },
        '2027-02-17T12:00:00Z',
        ACTORS.chair,
      ),
    ).toMatchObject({ code: DomainErrorCode.GuardRejected });
    review.send(O.decisionRecorded, outcome, '2027-02-17T12:00:00Z', ACTORS.chair);

    const signals = review.last.effects.filter((e) => e.type === ENGINE_EFFECTS.workflowSignal);
    expect(signals).toEqual([
      {
        type: 'workflow.signal',
        target: { id: planA },
        event: {
          type: 'plan.reviewed',
          reviewDate: '2027-02-17',
          conferenceReference: 'CPC-2026-000042-R1',
          categories: ['neglect', 'physical'],
          earlyReview: false,
        },
      },
      {
        type: 'workflow.signal',
        target: { id: planB },
        event: {
          type: 'plan.ended',
          endDate: '2027-02-17',
          reason: 'no-continuing-risk',
          conferenceReference: 'CPC-2026-000042-R1',
        },
      },
    ]);
    expect(startsOf(review, 'child-protection-plan')).toEqual([]);
    const next = startsOf(review, 'conference');
    expect(next.map((s) => s.startKey)).toEqual(['review:household-12:2']);
    expect(next[0]!.input).toMatchObject({
      reference: 'CPC-2026-000042-R2',
      reviewDueDate: '2027-08-17',
      review: { cycle: 2, childrenOnPlanIds: ['child-a'] },
    });

    // The plan machine takes the signals as sent.
    const plans = startsOf(initial, 'child-protection-plan').map(
      (p) => new Walk<PlanContext>(childProtectionPlanDefinition, p.input, '2026-11-19T13:00:00Z'),
    );
    for (const [i, signal] of signals.entries()) {
      const { type, ...payload } = signal.event as { type: string };
      plans[i]!.send(type, payload, '2027-02-17T12:05:00Z');
    }
    expect(plans[0]!.context.latestCategoryCode).toBe('MUL');
    expect(plans[0]!.deadline('plan-review')).toBe('2027-08-17');
    expect(plans[1]!.last.status).toBe('done');
    expectReplays(review);
  });
});

describe('pre-birth and transfer-in conferences hand their facts to the plan', () => {
  it('a pre-birth plan is held against the mother', () => {
    const walk = sitting(
      icpcRequest({
        kind: 'pre-birth',
        children: [{ personId: 'unborn-1', ageBand: 'unborn', motherPersonId: 'parent-m' }],
        parentsAndCarers: [
          {
            personId: 'parent-m',
            relationship: 'mother',
            parentalResponsibility: true,
            confidentialAddress: false,
            childIds: ['unborn-1'],
            contactBy: 'email',
            needs: { interpreter: 'none', accessNeeds: false },
          },
        ],
        professionals: [
          {
            personId: 'mw-1',
            agencyId: 'health:whittington',
            professionalGroup: 'midwifery',
            directContactWith: ['unborn-1'],
            contactBy: 'email',
          },
          {
            personId: 'hv-1',
            agencyId: 'health:whittington',
            professionalGroup: 'health-visiting',
            directContactWith: ['unborn-1'],
            contactBy: 'email',
          },
        ],
        preBirthClock: { latestDate: '2026-12-10', idealDate: '2026-11-20' },
      }),
    );
    const unborn = (p: { personId: string }) => ({ ...p, directContactChildIds: ['unborn-1'] });
    walk.send(
      O.attendanceRecorded,
      {
        attendees: [
          unborn(SOCIAL_WORKER),
          unborn(professional('mw-1', 'health:whittington', 'midwifery', [])),
          unborn(professional('hv-1', 'health:whittington', 'health-visiting', [])),
        ],
        apologies: [],
        exclusions: [],
      },
      AFTER,
      ACTORS.chair,
    );
    walk.send(
      O.decisionRecorded,
      {
        children: [
          {
            childId: 'unborn-1',
            plan: true,
            categories: ['neglect'],
            dissent: [],
            chairDecisionRecord: 'Pre-birth plan.',
          },
        ],
      },
      AFTER,
      ACTORS.chair,
    );
    const [plan] = startsOf(walk, 'child-protection-plan');
    expect(plan!.input).toMatchObject({
      conferenceKind: 'pre-birth',
      child: { personId: 'unborn-1', unborn: true, motherPersonId: 'parent-m' },
    });
    const planWalk = new Walk<PlanContext>(
      childProtectionPlanDefinition,
      plan!.input,
      '2026-11-19T13:00:00Z',
    );
    expect(planWalk.last.state).toContain('unborn');
    // The review it starts takes the unborn child as a child under the invitation age.
    expect(
      new ConferenceWalk(startsOf(walk, 'conference')[0]!.input, '2026-11-19T13:00:00Z').context.kind,
    ).toBe('review');
  });

  it('a transfer-in plan records the transferring authority', () => {
    const walk = sitting(
      icpcRequest({
        kind: 'transfer-in',
        strategyDiscussions: [],
        section47StartDate: undefined,
        transfer: { transferringAuthorityId: 'la-309', notifiedOn: '2026-11-02' },
      }),
    )
      .send(O.attendanceRecorded, quorate, AFTER, ACTORS.chair)
      .send(O.decisionRecorded, decisions, AFTER, ACTORS.chair);
    const plans = startsOf(walk, 'child-protection-plan');
    expect(plans.map((p) => p.input.transferringAuthorityId)).toEqual(['la-309', 'la-309']);
    const plan = new Walk<PlanContext>(
      childProtectionPlanDefinition,
      plans[0]!.input,
      '2026-11-19T13:00:00Z',
    );
    expect(plan.context.transfer).toEqual({ transferringAuthorityId: 'la-309' });
    expect(plan.deadline('plan-review')).toBe('2027-02-19');
  });
});

describe('the request’s part-2 fields', () => {
  it('takes a review cycle only for a review, and needs the part-2 figures', () => {
    expect(
      () => new ConferenceWalk(icpcRequest({ review: { cycle: 1, childrenOnPlanIds: ['child-a'] } })),
    ).toThrow(expect.objectContaining({ code: DomainErrorCode.InvalidInput }));
    const { quorumOtherAgencies: _, ...withoutQuorum } = icpcRequest().figures as Record<string, unknown>;
    expect(() => new ConferenceWalk(icpcRequest({ figures: withoutQuorum }))).toThrow(
      expect.objectContaining({ code: DomainErrorCode.InvalidInput }),
    );
  });
});
