import type { PlanContext } from './child-protection-plan.context';
import { childProtectionPlanDefinition } from './child-protection-plan.definition';
import { PLAN_REGISTER } from './child-protection-plan.register';
import { PLAN_ACTORS, planStart, Walk } from './child-protection-plan.test-support';
import { PLAN_EVENTS as E } from './child-protection-plan.vocabulary';

const rowOf = (walk: Walk<PlanContext>) => PLAN_REGISTER.rowOf(walk.context, walk.last.status);

describe('the plan’s row in the register', () => {
  it('is the child on a plan from the start: categories, lead social worker, core group and review due', () => {
    const walk = new Walk<PlanContext>(childProtectionPlanDefinition, planStart(), '2026-11-19T16:00:00Z');
    expect(rowOf(walk)).toMatchObject({
      child_person_id: 'child-a',
      start_date: '2026-11-19',
      initial_category: 'NEG',
      latest_category: 'NEG',
      lead_social_worker_person_id: 'sw-person-1',
      core_group_due: walk.context.clocks.coreGroupDueDate,
      review_due: walk.context.clocks.nextReviewDueDate,
      previous_plans: 0,
      on_plan: true,
      end_date: null,
    });
    // Every declared column has a value (null where there is none): the writer refuses a row that lacks one.
    expect(Object.keys(rowOf(walk)).sort()).toEqual(Object.keys(PLAN_REGISTER.columns).sort());
  });

  it('follows the plan: the core group met, a new latest category, previous plans, the end', () => {
    const walk = new Walk<PlanContext>(childProtectionPlanDefinition, planStart(), '2026-11-19T16:00:00Z')
      .send(E.coreGroupMet, { metOn: '2026-11-26' }, '2026-11-26T16:00:00Z')
      .send(
        E.previousPlansRecorded,
        { source: 'before-the-service', count: 2 },
        '2026-11-27T10:00:00Z',
        PLAN_ACTORS.coordinator,
      )
      .send(
        E.reviewed,
        {
          reviewDate: '2027-02-17',
          conferenceReference: 'CPC-2026-000042-R1',
          categories: ['neglect', 'emotional'],
          earlyReview: false,
        },
        '2027-02-17T16:00:00Z',
      );
    expect(rowOf(walk)).toMatchObject({
      core_group_due: null,
      core_group_met_on: '2026-11-26',
      latest_category: 'MUL',
      previous_plans: 2,
      reviews_held: 1,
      review_due: walk.context.clocks.nextReviewDueDate,
    });
    walk.send(
      E.ended,
      { endDate: '2027-08-16', reason: 'no-continuing-risk', conferenceReference: 'CPC-2026-000042-R2' },
      '2027-08-16T16:00:00Z',
    );
    expect(rowOf(walk)).toMatchObject({
      on_plan: false,
      review_due: null,
      end_date: '2027-08-16',
      end_reason: 'no-continuing-risk',
    });
  });
});
