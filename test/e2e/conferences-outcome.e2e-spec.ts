import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { ReplayService } from '@app/persistence';
import { PLAN_REGISTER, CONFERENCE_RECORD, WorkingDayCalendar } from '@app/workflows';
import { startTestApp, TestApp } from '../support/app';
import { Role } from '../support/auth';
import { ConferenceJourney } from '../support/conference-journey';
import { query } from '../support/rows';

const PLAN = 'child-protection-plan';
const calendar = new WorkingDayCalendar();

/**
 * Conferences, part 2, through HTTP against the real service and PostgreSQL, on the injected
 * clock: the sitting, attendance answered with the quoracy per child, the decision for each child,
 * the plans and the household's review conference the decision starts through the engine (the
 * outbox drained by the test), a year of reviews, adjournment (and a second inquorate conference
 * in a row), the exceptional quorum, a pre-birth plan through the birth, and a transfer-in.
 */
describe('Conferences, part 2: the meeting, the decision, plans and reviews', () => {
  let t: TestApp;
  let j: ConferenceJourney;

  beforeAll(async () => {
    t = await startTestApp({ PROCESS_ROLE: 'api' });
    t.clock.set('2027-02-02T10:00:00Z'); // Tuesday; the strategy discussions were on Monday 1 February.
    j = new ConferenceJourney(t);
    await j.setUp();
  });
  afterAll(() => t?.close());

  // The family of three, kept for the year of reviews.
  const family: {
    id?: string;
    reference?: string;
    children?: string[];
    plans?: Record<string, string>;
    review?: string;
  } = {};

  it('decides for a family of three: two plans (neglect; emotional), one without; the household’s review due on the earliest review date', async () => {
    const { id, reference } = await j.request(j.icpc('HH-F3', '2027-02-01'), 'icpc-hh-f3');
    const children = await j.childIds(id);
    await j.bookAndSit(id, '2027-02-15', '10:00', 'minute-taker-1');

    const attendance = await j.ok(
      `/conferences/${id}/attendance`,
      {
        ...j.quorateAttendance(children),
        apologies: [],
        exclusions: [
          {
            partId: 'part-police-intelligence',
            personIds: [(await j.conference(id)).conference.parentsAndCarers[0].personId],
            reason: 'Police intelligence not yet disclosed to the family',
            chairDecision: 'The mother leaves for the police update and returns for the decision',
          },
        ],
      },
      await j.chair(),
      'attendance-hh-f3',
    );
    expect(attendance.state).toBe('held.deciding');
    expect(attendance.quoracy).toMatchObject({
      quorate: true,
      children: children.map((childId) => ({ childId, quorate: true, missing: [] })),
    });
    // The GP and the police count once each; the health visitor, uninvited, is recorded as such.
    const sitting = (await j.conference(id)).conference.outcome.sitting;
    expect(sitting.exclusions).toEqual([expect.objectContaining({ partId: 'part-police-intelligence' })]);
    expect(
      sitting.attendees.find(
        (a: { attendee: { personId: string } }) => a.attendee.personId === j.people.healthVisitor,
      ),
    ).toMatchObject({ invited: false });

    const decisionBody = {
      children: [
        // In another order than the household's: the starts do not depend on it.
        {
          childId: children[2],
          plan: false,
          withoutPlan: 'no-further-action',
          dissent: [],
          chairDecisionRecord: 'No continuing risk of significant harm',
        },
        {
          childId: children[0],
          plan: true,
          categories: ['neglect'],
          dissent: [{ personId: j.people.police, usesChallengeProcedure: true }],
          chairDecisionRecord: 'Neglect: likely to suffer significant harm',
        },
        {
          childId: children[1],
          plan: true,
          categories: ['emotional'],
          dissent: [],
          chairDecisionRecord: 'Emotional abuse',
        },
      ],
    };
    const decided = await j.ok(
      `/conferences/${id}/decision`,
      decisionBody,
      await j.chair(),
      'decision-hh-f3',
    );
    expect(decided.state).toBe('decided');
    await j.drain();

    const plans = await j.startedBy(id, PLAN);
    expect(plans.map((p) => p.start_key).sort()).toEqual(
      [`${id}/plan:${children[0]}`, `${id}/plan:${children[1]}`].sort(),
    );
    const coreGroup = await j.dueDate('core-group', '2027-02-15');
    const firstReview = await j.dueDate('first-review', '2027-02-15');
    const byChild = Object.fromEntries(plans.map((p) => [p.context.child.personId, p]));
    expect(byChild[children[0]!]!.context).toMatchObject({
      startDate: '2027-02-15',
      initialCategoryCode: 'NEG',
      latestCategoryCode: 'NEG',
      leadSocialWorker: { personId: j.people.socialWorker, teamId: 'team-n1' },
      numberOfPreviousPlans: 0,
      clocks: { coreGroupDueDate: coreGroup, nextReviewDueDate: firstReview },
    });
    expect(byChild[children[1]!]!.context).toMatchObject({ initialCategoryCode: 'EMO' });

    const reviews = await j.startedBy(id, 'conference');
    expect(reviews).toHaveLength(1);
    expect(reviews[0]!.start_key).toBe(`${id}/review:HH-F3:1`);
    const review = await j.conference(reviews[0]!.id);
    expect(review).toMatchObject({ kind: 'review', dueDate: firstReview, reference: `${reference}-R1` });
    expect(review.conference.outcome.childrenOnPlanIds.sort()).toEqual([children[0], children[1]].sort());
    // The distribution of its decisions and minutes, started once from the conference's handover.
    const distributions = await j.startedBy(id, 'distribution');
    expect(distributions.map((d) => d.start_key)).toEqual([`${id}/distribution`]);
    expect(distributions[0]!.context).toMatchObject({ reference, conferenceDate: '2027-02-15', householdId: 'HH-F3' });
    expect(await j.linkIncidents(id)).toEqual([]);

    // Delivered again (the same key), drained again: nothing more is started.
    const again = await j.ok(`/conferences/${id}/decision`, decisionBody, await j.chair(), 'decision-hh-f3');
    expect(again).toMatchObject({ replayed: true, seq: decided.seq });
    await j.drain();
    expect(await j.startedBy(id, PLAN)).toHaveLength(2);
    expect(await j.startedBy(id, 'conference')).toHaveLength(1);

    // The plans of a child, of the household; a plan read by id.
    const ofChild = await j.get('/plans', { child: children[0]! });
    expect(ofChild.body.items.map((p: { id: string }) => p.id)).toEqual([byChild[children[0]!]!.id]);
    const ofHousehold = await j.get('/plans', { household: 'HH-F3' });
    expect(ofHousehold.body.items).toHaveLength(2);
    const plan = await j.plan(byChild[children[0]!]!.id);
    expect(plan).toMatchObject({ workflowStatus: 'active', plan: { child: { personId: children[0] } } });
    expect(JSON.stringify(plan)).not.toMatch(/Okafor|2013-06-01/);

    Object.assign(family, {
      id,
      reference,
      children,
      plans: { [children[0]!]: byChild[children[0]!]!.id, [children[1]!]: byChild[children[1]!]!.id },
      review: reviews[0]!.id,
    });
  });

  it('keeps the register: the family’s two children on plans, with start, categories, lead social worker and review due', async () => {
    const register = await j.get('/register', { area: 'north' });
    expect(register.status).toBe(200);
    const entries = register.body.items.filter((e: { householdId: string }) => e.householdId === 'HH-F3');
    expect(entries).toHaveLength(2);
    const firstReview = await j.dueDate('first-review', '2027-02-15');
    expect(
      entries.find((e: { childPersonId: string }) => e.childPersonId === family.children![0]),
    ).toMatchObject({
      planId: family.plans![family.children![0]!],
      startDate: '2027-02-15',
      initialCategory: 'NEG',
      latestCategory: 'NEG',
      leadSocialWorkerPersonId: j.people.socialWorker,
      reviewDue: firstReview,
      previousPlans: 0,
    });
    // A page at a time, soonest review first.
    const first = await j.get('/register', { area: 'north', limit: '1' });
    expect(first.body.items).toHaveLength(1);
    const next = await j.get('/register', { area: 'north', limit: '1', cursor: first.body.nextCursor });
    expect(next.body.items).toHaveLength(1);
    expect(next.body.items[0].planId).not.toBe(first.body.items[0].planId);
    expect(next.body.items[0].reviewDue >= first.body.items[0].reviewDue).toBe(true);
    // Another area's coordinator sees none of them.
    const south = await j.get('/register', {}, await j.as(Role.Coordinator, { area: 'south' }));
    expect(south.body.items).toEqual([]);
    const logged = await query(
      t.databaseUrl,
      `SELECT record_type, record_id FROM access_log WHERE record_type = 'child-protection-register'`,
    );
    expect(logged.length).toBeGreaterThanOrEqual(2);
  });

  it('records the core group and a co-ordinator’s previous plans from another authority', async () => {
    const planId = family.plans![family.children![0]!]!;
    t.clock.set('2027-02-22T10:00:00Z');
    await j.ok(`/plans/${planId}/core-group`, { metOn: '2027-02-22' }, await j.socialWorker(), 'cg-1');
    // Only a co-ordinator enters previous plans.
    await j.refused(
      async () =>
        j.post(
          `/plans/${planId}/previous-plans`,
          { source: 'another-authority', count: 1, authorityId: 'la-309' },
          await j.manager(),
        ),
      403,
    );
    await j.ok(
      `/plans/${planId}/previous-plans`,
      { source: 'another-authority', count: 1, authorityId: 'la-309' },
      await j.coordinator(),
    );
    // A new lead social worker: on the register from now; someone not on record is refused.
    await j.refused(
      async () =>
        j.post(
          `/plans/${planId}/lead-social-worker`,
          { personId: 'nobody', teamId: 'team-n2' },
          await j.coordinator(),
        ),
      400,
    );
    await j.ok(
      `/plans/${planId}/lead-social-worker`,
      { personId: j.people.teamManager, teamId: 'team-n2' },
      await j.as(Role.TeamManager, { sub: 'tm-north', area: 'north' }),
    );
    const register = await j.get('/register', { area: 'north' });
    expect(register.body.items.find((e: { planId: string }) => e.planId === planId)).toMatchObject({
      leadSocialWorkerPersonId: j.people.teamManager,
      leadTeamId: 'team-n2',
    });
    const plan = await j.plan(planId);
    expect(plan.state).toMatch(/coreGroup\.met/);
    expect(plan.plan).toMatchObject({ coreGroupMetOn: '2027-02-22', numberOfPreviousPlans: 1 });
  });

  it('runs a year of reviews: at 3 months one plan ends and one continues (a new latest category), the next at 6 months, every due date a working day', async () => {
    const [first, second] = family.children!;
    const r1 = family.review!;
    const due1 = (await j.conference(r1)).dueDate;
    expect(calendar.isWorkingDay(due1)).toBe(true);
    // The review runs through part 1's scheduling: the chair by the rule, the booking within its due date.
    await j.bookAndSit(r1, due1, '10:00', 'minute-taker-1');
    const reviewChildren = await j.childIds(r1);
    await j.ok(`/conferences/${r1}/attendance`, j.quorateAttendance(reviewChildren), await j.chair());
    // A review decision never carries the plan's id: the service finds it.
    await j.refused(
      async () =>
        j.post(
          `/conferences/${r1}/decision`,
          {
            children: reviewChildren.map((childId) => ({
              childId,
              plan: true,
              categories: ['neglect'],
              dissent: [],
              chairDecisionRecord: 'x',
              planWorkflowId: family.plans![childId],
            })),
          },
          await j.chair(),
        ),
      400,
    );
    await j.ok(
      `/conferences/${r1}/decision`,
      {
        children: [
          {
            childId: first,
            plan: false,
            withoutPlan: 'no-further-action',
            dissent: [],
            chairDecisionRecord: 'Risk reduced',
          },
          {
            childId: second,
            plan: true,
            categories: ['emotional', 'physical'],
            dissent: [],
            chairDecisionRecord: 'Continuing risk; physical harm now too',
          },
        ],
      },
      await j.chair(),
      'review-1-decision',
    );
    await j.drain();
    expect(await j.linkIncidents(r1)).toEqual([]);

    const ended = await j.plan(family.plans![first!]!);
    expect(ended).toMatchObject({
      workflowStatus: 'done',
      plan: { ending: { endDate: due1, reason: 'no-continuing-risk' } },
    });
    const continuing = await j.plan(family.plans![second!]!);
    const due2 = await j.dueDate('next-review', due1);
    expect(continuing.plan).toMatchObject({
      initialCategoryCode: 'EMO',
      latestCategoryCode: 'MUL',
      reviews: [{ heldOn: due1, outcome: 'continue' }],
      clocks: { nextReviewDueDate: due2 },
    });
    expect(calendar.isWorkingDay(due2)).toBe(true);
    // No plan is started by a review; the next review is, for the child still on a plan.
    expect(await j.startedBy(r1, PLAN)).toEqual([]);
    const [r2row] = await j.startedBy(r1, 'conference');
    expect(r2row!.start_key).toBe(`${r1}/review:HH-F3:2`);
    const r2 = await j.conference(r2row!.id);
    expect(r2).toMatchObject({ dueDate: due2, reference: `${family.reference}-R2` });
    expect(await j.childIds(r2row!.id)).toEqual([second]);

    // The register: the first child is off it.
    const register = await j.get('/register', { area: 'north' });
    const onPlan = register.body.items.filter((e: { householdId: string }) => e.householdId === 'HH-F3');
    expect(onPlan.map((e: { childPersonId: string }) => e.childPersonId)).toEqual([second]);
    expect(onPlan[0]).toMatchObject({ latestCategory: 'MUL', reviewDue: due2 });

    // The review six months on.
    await j.bookAndSit(r2row!.id, due2, '10:00', 'minute-taker-1');
    await j.ok(`/conferences/${r2row!.id}/attendance`, j.quorateAttendance([second!]), await j.chair());
    await j.ok(
      `/conferences/${r2row!.id}/decision`,
      {
        children: [
          {
            childId: second,
            plan: true,
            categories: ['emotional'],
            dissent: [],
            chairDecisionRecord: 'Continuing',
          },
        ],
      },
      await j.chair(),
    );
    await j.drain();
    const due3 = await j.dueDate('next-review', due2);
    expect(calendar.isWorkingDay(due3)).toBe(true);
    expect((await j.plan(family.plans![second!]!)).plan).toMatchObject({
      latestCategoryCode: 'EMO',
      clocks: { nextReviewDueDate: due3 },
    });
    const [r3row] = await j.startedBy(r2row!.id, 'conference');
    expect((await j.conference(r3row!.id)).dueDate).toBe(due3);

    // The census for the period: two plans started (NEG, EMO), one ended, both reviews and the ICPC within timescale.
    const census = await j.get('/returns/census', { from: '2027-02-01', to: due2, area: 'north' });
    expect(census.status).toBe(200);
    expect(census.body).toEqual({
      from: '2027-02-01',
      to: due2,
      areas: ['north'],
      plansStarted: 2,
      plansStartedByCategory: { NEG: 1, PHY: 0, SAB: 0, EMO: 1, MUL: 0 },
      plansStartedWithPreviousPlans: 1, // the co-ordinator's plan from another authority
      plansEnded: 1,
      onPlanAtEnd: 1,
      initialConferences: 3, // three children at the ICPC, held within 15 working days
      initialConferencesWithinTimescale: 3,
      reviewConferences: 3, // two children at the first review, one at the second
      reviewConferencesWithinTimescale: 3,
    });
    const logged = await query(t.databaseUrl, `SELECT 1 FROM access_log WHERE record_type = 'census-return'`);
    expect(logged).toHaveLength(1);
  });

  it('adjourns an inquorate ICPC (reconvened within 10 working days); the second inquorate sitting needs a manager’s override', async () => {
    t.clock.set('2027-03-01T10:00:00Z');
    const { id } = await j.request(j.icpc('HH-ADJ', '2027-03-01'));
    const children = await j.childIds(id);
    await j.bookAndSit(id, '2027-03-15', '13:00', 'minute-taker-2');
    // Children's social care and the GP only: inquorate for every child, and it says what is missing.
    const onlyTwo = {
      attendees: [
        j.professional(j.people.socialWorker, 'csc:north', 'childrens-social-care', children),
        j.professional(j.people.gp, 'gp:park-road', 'gp', children),
      ],
      apologies: [{ personId: j.people.police, withReport: true }],
      exclusions: [],
    };
    const inquorate = await j.ok(`/conferences/${id}/attendance`, onlyTwo, await j.chair());
    expect(inquorate.state).toBe('held.inquorate');
    expect(inquorate.quoracy).toMatchObject({
      quorate: false,
      children: children.map(() => ({
        quorate: false,
        missing: [{ rule: 'too-few-other-agencies', required: 2, counted: 1 }],
        exceptionalQuorum: true,
      })),
    });
    expect(inquorate.options).toMatchObject({
      adjournment: 'chair-may-adjourn',
      secondInquorateInARow: false,
    });

    const adjourned = await j.ok(
      `/conferences/${id}/adjournment`,
      { interimProtectionPlan: 'Daily visits by the social worker until the conference reconvenes' },
      await j.chair(),
      'adjourn-1',
    );
    const reconveneBy = await j.dueDate('reconvene-initial', '2027-03-15');
    expect(adjourned).toMatchObject({ state: expect.stringMatching(/awaitingBooking/), reconveneBy });
    expect((await j.conference(id)).dueDate).toBe(reconveneBy);
    // The chair's time on the 15th is freed.
    expect(
      await query(
        t.databaseUrl,
        `SELECT 1 FROM chair_booking WHERE workflow_id = $1 AND cancelled_at IS NULL`,
        [id],
      ),
    ).toEqual([]);

    // Reconvened within the new due date, and inquorate again: the second in a row.
    expect('2027-03-22' <= reconveneBy).toBe(true);
    await j.bookAndSit(id, '2027-03-22', '13:00', 'minute-taker-2');
    const second = await j.ok(`/conferences/${id}/attendance`, onlyTwo, await j.chair());
    expect(second.options).toMatchObject({
      adjournment: 'manager-override-required',
      secondInquorateInARow: true,
    });
    const byChair = await j.refused(
      async () =>
        j.post(
          `/conferences/${id}/adjournment`,
          { interimProtectionPlan: 'Visits continue' },
          await j.chair(),
        ),
      422,
    );
    expect(byChair.body.rules).toContain('chairMayAdjourn');
    await j.refused(
      async () =>
        j.post(
          `/conferences/${id}/adjournment`,
          { interimProtectionPlan: 'Visits continue' },
          await j.manager(),
        ),
      422,
    );
    const overridden = await j.ok(
      `/conferences/${id}/adjournment`,
      {
        interimProtectionPlan: 'Visits continue',
        overrideReason: 'The police could not attend either sitting; booked with them',
      },
      await j.manager(),
    );
    expect(overridden.reconveneBy).toBe(await j.dueDate('reconvene-initial', '2027-03-22'));
    const sittings = (await j.conference(id)).conference.outcome.adjournedSittings;
    expect(sittings).toHaveLength(2);
    expect(sittings[1].adjournment.managerOverride).toMatchObject({ sub: 'manager-1' });

    // The third sitting is quorate and decides.
    await j.bookAndSit(id, '2027-03-30', '13:00', 'minute-taker-2'); // after Easter Monday
    await j.ok(`/conferences/${id}/attendance`, j.quorateAttendance(children), await j.chair());
    await j.ok(
      `/conferences/${id}/decision`,
      {
        children: children.map((childId) => ({
          childId,
          plan: false,
          withoutPlan: 'child-in-need',
          dissent: [],
          chairDecisionRecord: 'Child in need plan',
        })),
      },
      await j.chair(),
    );
    await j.drain();
    expect(await j.startedBy(id, PLAN)).toEqual([]);
    expect(await j.startedBy(id, 'conference')).toEqual([]);

    // Held on 30 March, after the ICPC's statutory date (15 working days from 1 March): the
    // adjournments' new dates are not new statutory dates, so the census counts it late.
    expect(await j.dueDate('icpc', '2027-03-01')).toBe('2027-03-22');
    const census = await j.get('/returns/census', { from: '2027-03-01', to: '2027-03-31' });
    expect(census.body).toMatchObject({
      initialConferences: 3,
      initialConferencesWithinTimescale: 0,
      plansStarted: 0,
    });
  });

  it('proceeds on an exceptional quorum with the reasons, and sets an early review', async () => {
    t.clock.set('2027-04-05T10:00:00Z');
    const { id } = await j.request(j.icpc('HH-EXC', '2027-04-05'));
    const children = await j.childIds(id);
    await j.bookAndSit(id, '2027-04-19', '13:00', 'minute-taker-3');
    await j.ok(
      `/conferences/${id}/attendance`,
      {
        attendees: [
          j.professional(j.people.socialWorker, 'csc:north', 'childrens-social-care', children),
          j.professional(j.people.gp, 'gp:park-road', 'gp', children),
        ],
        apologies: [],
        exclusions: [],
      },
      await j.chair(),
    );
    await j.refused(
      async () => j.post(`/conferences/${id}/exceptional-quorum`, { delayWouldHarm: 'x' }, await j.chair()),
      400,
    );
    const proceeded = await j.ok(
      `/conferences/${id}/exceptional-quorum`,
      {
        delayWouldHarm: 'The youngest child is at immediate risk at home',
        informationSufficient: 'The GP and the social worker have seen every child this week',
      },
      await j.chair(),
    );
    expect(proceeded.state).toBe('held.deciding');
    await j.ok(
      `/conferences/${id}/decision`,
      {
        children: children.map((childId, i) =>
          i === 0
            ? {
                childId,
                plan: true,
                categories: ['physical', 'neglect'],
                dissent: [],
                chairDecisionRecord: 'Plan',
              }
            : {
                childId,
                plan: false,
                withoutPlan: 'no-further-action',
                dissent: [],
                chairDecisionRecord: 'NFA',
              },
        ),
      },
      await j.chair(),
    );
    await j.drain();
    const [plan] = await j.startedBy(id, PLAN);
    const early = await j.dueDate('early-review', '2027-04-19');
    expect(plan!.context).toMatchObject({
      startedOnExceptionalQuorum: true,
      initialCategoryCode: 'MUL',
      clocks: { nextReviewDueDate: early },
    });
    const [review] = await j.startedBy(id, 'conference');
    expect((await j.conference(review!.id)).dueDate).toBe(early);
    expect((await j.conference(id)).conference.outcome.sitting.exceptional).toMatchObject({
      delayWouldHarm: 'The youngest child is at immediate risk at home',
    });
  });

  it('holds a pre-birth plan against the mother until the birth, then the review or core group falls due within 10 working days of it', async () => {
    t.clock.set('2027-05-03T10:00:00Z');
    const { id } = await j.request({
      ...j.icpc('HH-PB', '2027-05-03'),
      kind: 'pre-birth',
      children: [
        {
          person: {
            kind: 'unborn-child',
            familyName: 'Okafor',
            expectedDeliveryDate: '2027-07-16',
            externalIds: [{ system: 'case-management', value: 'CM-HH-PB-U1' }],
          },
          motherIndex: 0,
        },
      ],
      parentsAndCarers: [j.parent('HH-PB', 'mother', [0])],
      professionals: [
        {
          personId: j.people.midwife,
          agencyId: 'health:midwifery',
          professionalGroup: 'midwifery',
          directContactWith: [0],
        },
        {
          personId: j.people.healthVisitor,
          agencyId: 'health:hv',
          professionalGroup: 'health-visiting',
          directContactWith: [0],
        },
      ],
    });
    const [unborn] = await j.childIds(id);
    const mother = (await j.conference(id)).conference.parentsAndCarers[0].personId as string;
    await j.bookAndSit(id, '2027-05-17', '13:00', 'minute-taker-4');
    await j.ok(
      `/conferences/${id}/attendance`,
      {
        attendees: [
          j.professional(j.people.socialWorker, 'csc:north', 'childrens-social-care', [unborn!]),
          j.professional(j.people.midwife, 'health:midwifery', 'midwifery', [unborn!]),
          j.professional(j.people.healthVisitor, 'health:hv', 'health-visiting', [unborn!]),
        ],
        apologies: [],
        exclusions: [],
      },
      await j.chair(),
    );
    await j.ok(
      `/conferences/${id}/decision`,
      {
        children: [
          {
            childId: unborn,
            plan: true,
            categories: ['neglect'],
            dissent: [],
            chairDecisionRecord: 'Pre-birth plan',
          },
        ],
      },
      await j.chair(),
    );
    await j.drain();
    const [planRow] = await j.startedBy(id, PLAN);
    const planId = planRow!.id;
    // Held against the mother: found by her id.
    const subjects = await query<{ subject_id: string; kind: string }>(
      t.databaseUrl,
      `SELECT subject_id, kind FROM workflow_subject WHERE workflow_id = $1 ORDER BY kind`,
      [planId],
    );
    expect(subjects).toEqual(
      expect.arrayContaining([
        { subject_id: mother, kind: 'mother-of-unborn-child' },
        { subject_id: unborn, kind: 'unborn-child' },
      ]),
    );
    expect((await j.plan(planId)).state).toMatch(/child\.unborn/);

    // The birth: the child's new record through the person store; bad input creates no one.
    t.clock.set('2027-07-14T10:00:00Z');
    const born = {
      kind: 'child',
      givenName: 'Baby',
      familyName: 'Okafor',
      dateOfBirth: '2027-07-12',
      externalIds: [{ system: 'case-management', value: 'CM-HH-PB-C1' }],
    };
    await j.refused(
      async () =>
        j.post(`/plans/${planId}/birth`, { person: { ...born, kind: 'adult' } }, await j.socialWorker()),
      400,
    );
    await j.refused(
      async () =>
        j.post(
          `/plans/${planId}/birth`,
          { person: { ...born, dateOfBirth: '2027-07-20' } },
          await j.socialWorker(),
        ),
      400,
    );
    await j.ok(`/plans/${planId}/birth`, { person: born }, await j.socialWorker(), 'birth-hh-pb');
    await j.ok(`/plans/${planId}/birth`, { person: born }, await j.socialWorker(), 'birth-hh-pb'); // a retry: the same answer
    const afterBirth = await j.plan(planId);
    const postBirth = await j.dueDate('post-birth-review', '2027-07-12');
    expect(afterBirth.state).toMatch(/child\.afterBirth/);
    expect(afterBirth.plan).toMatchObject({
      child: { unborn: false, unbornPersonId: unborn },
      clocks: { postBirthDueDate: postBirth },
    });
    expect(
      JSON.stringify(
        await query(t.databaseUrl, `SELECT payload FROM workflow_journal WHERE workflow_id = $1`, [planId]),
      ),
    ).not.toContain('2027-07-12');

    // The review after the birth, before the post-birth date: it meets that clock.
    const [reviewRow] = await j.startedBy(id, 'conference');
    await j.bookAndSit(reviewRow!.id, '2027-07-21', '13:00', 'minute-taker-4');
    const reviewChildren = await j.childIds(reviewRow!.id);
    expect(reviewChildren).toEqual([unborn]);
    await j.ok(
      `/conferences/${reviewRow!.id}/attendance`,
      {
        attendees: [
          j.professional(j.people.socialWorker, 'csc:north', 'childrens-social-care', reviewChildren),
          j.professional(j.people.midwife, 'health:midwifery', 'midwifery', reviewChildren),
          j.professional(j.people.healthVisitor, 'health:hv', 'health-visiting', reviewChildren),
        ],
        apologies: [],
        exclusions: [],
      },
      await j.chair(),
    );
    await j.ok(
      `/conferences/${reviewRow!.id}/decision`,
      {
        children: [
          {
            childId: unborn,
            plan: true,
            categories: ['neglect'],
            dissent: [],
            chairDecisionRecord: 'Continue',
          },
        ],
      },
      await j.chair(),
    );
    await j.drain();
    expect(await j.linkIncidents(reviewRow!.id)).toEqual([]);
    const reviewed = await j.plan(planId);
    expect(reviewed.state).toMatch(/child\.born/);
    expect(reviewed.plan).toMatchObject({
      postBirthMetOn: '2027-07-21',
      reviews: [{ heldOn: '2027-07-21' }],
    });
  });

  it('records a transfer-in plan with the transferring authority', async () => {
    t.clock.set('2027-08-02T10:00:00Z');
    const { id } = await j.request({
      ...j.icpc('HH-TI', '2027-08-02'),
      kind: 'transfer-in',
      strategyDiscussions: [],
      section47StartDate: undefined,
      transfer: { transferringAuthorityId: 'la-camden', notifiedOn: '2027-08-02' },
    });
    const children = await j.childIds(id);
    await j.bookAndSit(id, '2027-08-16', '13:00', 'minute-taker-5');
    await j.ok(`/conferences/${id}/attendance`, j.quorateAttendance(children), await j.chair());
    await j.ok(
      `/conferences/${id}/decision`,
      {
        children: children.map((childId) => ({
          childId,
          plan: true,
          categories: ['sexual'],
          dissent: [],
          chairDecisionRecord: 'The plan continues here',
        })),
      },
      await j.chair(),
    );
    await j.drain();
    const plans = await j.startedBy(id, PLAN);
    expect(plans).toHaveLength(3);
    for (const plan of plans) {
      expect(plan.context).toMatchObject({
        conferenceKind: 'transfer-in',
        transfer: { transferringAuthorityId: 'la-camden' },
        initialCategoryCode: 'SAB',
      });
    }
    const register = await j.get('/register', { area: 'north' });
    expect(
      register.body.items
        .filter((e: { householdId: string }) => e.householdId === 'HH-TI')
        .map((e: { transferringAuthorityId: string }) => e.transferringAuthorityId),
    ).toEqual(['la-camden', 'la-camden', 'la-camden']);

    // A plan ended without a conference: the child moved and the new authority took over.
    const planId = plans[0]!.id;
    await j.refused(
      async () =>
        j.post(
          `/plans/${planId}/ending`,
          { endDate: '2027-08-20', reason: 'moved-new-authority-took-over' },
          await j.coordinator(),
        ),
      400,
    );
    t.clock.set('2027-08-23T10:00:00Z');
    await j.ok(
      `/plans/${planId}/ending`,
      { endDate: '2027-08-20', reason: 'moved-new-authority-took-over', newAuthorityId: 'la-leeds' },
      await j.coordinator(),
    );
    expect((await j.plan(planId)).workflowStatus).toBe('done');
  });

  it('refuses bad input at every new route with problem+json, writing nothing', async () => {
    t.clock.set('2027-09-06T10:00:00Z');
    const { id } = await j.request(j.icpc('HH-BAD', '2027-09-06'));
    const children = await j.childIds(id);
    let chair = await j.chair();
    // Not booked yet: the sitting is not accepted in this state.
    await j.refused(async () => j.post(`/conferences/${id}/sitting`, {}, chair), 409);
    await j.refused(async () => j.post(`/conferences/${id}/sitting`, { now: true }, chair), 400);
    await j.bookAndSit(id, '2027-09-20', '13:00', 'minute-taker-6');
    chair = await j.chair(); // a token of the sitting's day
    const base = j.quorateAttendance(children);
    for (const bad of [
      { ...base, attendees: [] },
      { ...base, attendees: [{ ...base.attendees[0], capacity: 'spectator' }] },
      { ...base, attendees: [{ ...base.attendees[0], agencyId: undefined }] },
      { ...base, exclusions: [{ partId: 'p-1', personIds: [], reason: 'x', chairDecision: 'y' }] },
      { ...base, extra: 1 },
    ]) {
      await j.refused(async () => j.post(`/conferences/${id}/attendance`, bad, chair), 400);
    }
    // A child not of this conference, or an apology from someone not invited: the rule refuses it.
    await j.refused(
      async () =>
        j.post(
          `/conferences/${id}/attendance`,
          { ...base, attendees: [j.professional(j.people.gp, 'gp:park-road', 'gp', ['not-a-child'])] },
          chair,
        ),
      422,
    );
    // Another chair may not record it.
    await j.refused(
      async () =>
        j.post(
          `/conferences/${id}/attendance`,
          base,
          await j.as(Role.Chair, { sub: 'chair-spare', area: 'north' }),
        ),
      422,
    );
    await j.refused(async () => j.post(`/conferences/${id}/adjournment`, {}, chair), 400);
    await j.refused(
      async () => j.post(`/conferences/${id}/adjournment`, { interimProtectionPlan: 'Visits' }, chair),
      409,
    );
    await j.refused(async () => j.post(`/conferences/${id}/exceptional-quorum`, {}, chair), 400);
    await j.refused(async () => j.post(`/conferences/${id}/decision`, { children: [] }, chair), 400);
    await j.ok(`/conferences/${id}/attendance`, base, chair);
    const decision = (over: Record<string, unknown>) => ({
      children: children.map((childId) => ({
        childId,
        plan: true,
        categories: ['neglect'],
        dissent: [],
        chairDecisionRecord: 'x',
        ...over,
      })),
    });
    for (const bad of [
      decision({ categories: [] }),
      decision({ categories: ['financial'] }),
      decision({ plan: false }),
      decision({ earlierPlansHere: 3 }),
      decision({ planWorkflowId: '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b' }),
      decision({ chairDecisionRecord: '' }),
    ]) {
      await j.refused(async () => j.post(`/conferences/${id}/decision`, bad, chair), 400);
    }
    // One decision for each child: a child left out is refused by the rule.
    await j.refused(
      async () => j.post(`/conferences/${id}/decision`, { children: decision({}).children.slice(1) }, chair),
      422,
    );
    await j.refused(
      async () =>
        j.post(
          `/conferences/${id}/decision`,
          decision({ dissent: [{ personId: 'stranger', usesChallengeProcedure: false }] }),
          chair,
        ),
      422,
    );

    // The plan routes.
    const planId = family.plans![family.children![1]!]!; // still on its plan
    for (const [path, body] of [
      ['core-group', { metOn: 'yesterday' }],
      // In the future: the plan's rule refuses it.
      ['core-group', { metOn: '2027-12-01' }],
      ['previous-plans', { source: 'another-authority', count: 1 }],
      ['previous-plans', { source: 'before-the-service', count: 0 }],
      ['birth', { person: { kind: 'child' } }],
      ['ending', { endDate: '2027-09-01', reason: 'bored' }],
      ['lead-social-worker', { personId: j.people.socialWorker }],
    ] as const) {
      const who =
        path === 'previous-plans' || path === 'ending' || path === 'lead-social-worker'
          ? await j.coordinator()
          : await j.socialWorker();
      await j.refused(
        async () => j.post(`/plans/${planId}/${path}`, body, who),
        path === 'core-group' && body.metOn === '2027-12-01' ? 422 : 400,
      );
    }
    await j.refused(async () => j.get('/plans', { child: 'a', household: 'b' }), 400);
    await j.refused(async () => j.get('/register', { area: 'no/such' }), 400);
    await j.refused(async () => j.get('/register', { area: 'south' }), 403);
    await j.refused(async () => j.get('/returns/census', { from: '2027-04-01' }), 400);
    await j.refused(async () => j.get('/returns/census', { from: '2027-04-01', to: '2027-03-31' }), 400);
    await j.refused(async () => j.get('/plans/6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b'), 404);
  });

  it('replays every journal it left (npm run replay), and every read-model row is its snapshot’s', async () => {
    expect(await t.app.get(ReplayService).check()).toEqual({ checked: expect.any(Number), mismatched: [] });
    // The replay script itself, as `npm run replay` runs it (without the build), on this database.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-r', '@swc-node/register', resolve(__dirname, '../../scripts/replay.ts')],
      {
        cwd: resolve(__dirname, '../..'),
        env: { ...process.env, DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'silent' },
      },
    );
    expect(stdout).toMatch(/replayed [1-9]\d* workflow\(s\): 0 mismatch\(es\)/);

    // The read models say what the snapshots say, for every plan and conference.
    for (const [type, model] of [
      ['child-protection-plan', PLAN_REGISTER],
      ['conference', CONFERENCE_RECORD],
    ] as const) {
      const columns = Object.keys(model.columns);
      const rows = await query<Record<string, unknown>>(
        t.databaseUrl,
        `SELECT w.status, w.snapshot -> 'context' AS context, ${columns
          .map((c) => (model.columns[c] === 'date' ? `r.${c}::text AS ${c}` : `r.${c}`))
          .join(', ')}
           FROM workflow_instance w JOIN ${model.table} r ON r.workflow_id = w.id WHERE w.type = $1`,
        [type],
      );
      const [{ n }] = await query<{ n: number }>(
        t.databaseUrl,
        `SELECT count(*)::int AS n FROM workflow_instance WHERE type = $1`,
        [type],
      );
      expect(rows).toHaveLength(n);
      for (const row of rows) {
        const expected = model.rowOf(row.context, row.status as 'active' | 'done');
        expect(Object.fromEntries(columns.map((c) => [c, row[c]]))).toEqual(expected);
      }
    }
  });
});
