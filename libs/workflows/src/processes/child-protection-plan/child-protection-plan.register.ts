import type { ReadModelDeclaration } from '../../engine';
import type { PlanContext } from './child-protection-plan.context';

/**
 * The plan's row in `plan_register`, written by the engine in every transition's statement: the
 * child protection register (children on a plan now) and the census's plan figures are indexed
 * queries on it, never scans of the snapshots. Ids, codes and dates only.
 */
export const PLAN_REGISTER: ReadModelDeclaration = {
  table: 'plan_register',
  columns: {
    area: 'text',
    reference: 'text',
    household_id: 'text',
    child_person_id: 'text',
    unborn: 'boolean',
    conference_reference: 'text',
    conference_kind: 'text',
    start_date: 'date',
    end_date: 'date',
    end_reason: 'text',
    initial_category: 'text',
    latest_category: 'text',
    previous_plans: 'int',
    lead_social_worker_person_id: 'text',
    lead_team_id: 'text',
    core_group_due: 'date',
    core_group_met_on: 'date',
    review_due: 'date',
    reviews_held: 'int',
    transferring_authority_id: 'text',
    on_plan: 'boolean',
  },
  rowOf: (raw, status) => {
    const c = raw as PlanContext;
    const onPlan = status === 'active' && c.ending === null;
    return {
      area: c.area,
      reference: c.reference,
      household_id: c.householdId,
      child_person_id: c.child.personId,
      unborn: c.child.unborn,
      conference_reference: c.conferenceReference,
      conference_kind: c.conferenceKind,
      start_date: c.startDate,
      end_date: c.ending?.endDate ?? null,
      end_reason: c.ending?.reason ?? null,
      initial_category: c.initialCategoryCode,
      latest_category: c.latestCategoryCode,
      previous_plans: c.numberOfPreviousPlans,
      lead_social_worker_person_id: c.leadSocialWorker.personId,
      lead_team_id: c.leadSocialWorker.teamId,
      core_group_due: c.coreGroupMetOn === null ? c.clocks.coreGroupDueDate : null,
      core_group_met_on: c.coreGroupMetOn,
      review_due: onPlan ? c.clocks.nextReviewDueDate : null,
      reviews_held: c.reviews.length,
      transferring_authority_id: c.transfer?.transferringAuthorityId ?? null,
      on_plan: onPlan,
    };
  },
};
