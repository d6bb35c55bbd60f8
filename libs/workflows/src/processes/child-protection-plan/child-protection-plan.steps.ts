import type { EventMeta } from '../../engine';
import { censusCategoryCode } from '../conference/rules';
import {
  londonDateOf,
  planCoreGroupDueDate,
  planFirstReviewDueDate,
  planNextReviewDueDate,
} from './child-protection-plan.clocks';
import type { PlanContext } from './child-protection-plan.context';
import type { PlanEffect, PlanEvent } from './child-protection-plan.events';
import type { PlanStartInput } from './child-protection-plan.payloads';
import {
  PLAN_EFFECTS,
  PLAN_EVENTS as E,
  PLAN_NOTIFY_ROLES as ROLES,
  PLAN_TEMPLATES as T,
  PlanTemplate,
} from './child-protection-plan.vocabulary';

/** What each step of the plan changes and declares, as pure functions of the context and the event. */
export interface PlanUpdate {
  changes: Partial<PlanContext>;
  effects: PlanEffect[];
}
const none: PlanUpdate = { changes: {}, effects: [] };
const notify = (template: PlanTemplate, context: Pick<PlanContext, 'reference'>): PlanEffect => ({
  type: PLAN_EFFECTS.notify,
  role: ROLES.coordinator,
  template,
  reference: context.reference,
});

const totalPrevious = (context: Pick<PlanContext, 'earlierPlansHere' | 'recordedPreviousPlans'>) =>
  context.earlierPlansHere + context.recordedPreviousPlans.reduce((sum, r) => sum + r.count, 0);

export function initialPlanContext(input: PlanStartInput & { meta: EventMeta }): PlanContext {
  const categories = [...input.categories];
  const code = censusCategoryCode(categories);
  return {
    reference: input.reference,
    area: input.area,
    householdId: input.householdId,
    conferenceReference: input.conferenceReference,
    conferenceKind: input.conferenceKind,
    child: {
      personId: input.child.personId,
      unborn: input.child.unborn,
      motherPersonId: input.child.motherPersonId ?? null,
      unbornPersonId: null,
    },
    startDate: input.conferenceDate,
    initialCategories: categories,
    initialCategoryCode: code,
    latestCategories: categories,
    latestCategoryCode: code,
    leadSocialWorker: { personId: input.leadSocialWorker.personId, teamId: input.leadSocialWorker.teamId },
    transfer: input.transferringAuthorityId
      ? { transferringAuthorityId: input.transferringAuthorityId }
      : null,
    startedOnExceptionalQuorum: input.exceptionalQuorum,
    earlierPlansHere: input.earlierPlansHere,
    recordedPreviousPlans: [],
    numberOfPreviousPlans: input.earlierPlansHere,
    icpcInviteePersonIds: [...input.icpcInviteePersonIds],
    figures: { ...input.figures, localClosureDays: [...input.figures.localClosureDays] },
    clocks: {
      coreGroupDueDate: planCoreGroupDueDate(input.conferenceDate, input.figures),
      nextReviewDueDate: planFirstReviewDueDate(input.conferenceDate, input.exceptionalQuorum, input.figures),
      postBirthDueDate: null,
    },
    coreGroupMetOn: null,
    reviews: [],
    birth: null,
    postBirthMetOn: null,
    reviewsBroughtForward: [],
    ending: null,
  };
}

export const announce = (context: PlanContext): PlanUpdate => ({
  changes: {},
  effects: [notify(T.started, context)],
});

/** After the birth, a core group or review on or after it meets the post-birth clock. */
const meetsPostBirth = (context: PlanContext, on: string): Partial<PlanContext> =>
  context.birth !== null && context.postBirthMetOn === null && on >= londonDateOf(context.birth.recordedAt)
    ? { postBirthMetOn: on, clocks: { ...context.clocks, postBirthDueDate: null } }
    : {};

export function meetCoreGroup(context: PlanContext, event: PlanEvent): PlanUpdate {
  if (event.type !== E.coreGroupMet) return none;
  const postBirth = meetsPostBirth(context, event.metOn);
  return {
    changes: { coreGroupMetOn: context.coreGroupMetOn ?? event.metOn, ...postBirth },
    effects: [],
  };
}

export function review(context: PlanContext, event: PlanEvent): PlanUpdate {
  if (event.type !== E.reviewed) return none;
  const categories = [...event.categories];
  const postBirth = meetsPostBirth(context, event.reviewDate);
  return {
    changes: {
      ...postBirth,
      latestCategories: categories,
      latestCategoryCode: censusCategoryCode(categories),
      reviews: [
        ...context.reviews,
        {
          heldOn: event.reviewDate,
          conferenceReference: event.conferenceReference,
          early: event.earlyReview,
          outcome: 'continue',
          categories,
        },
      ],
      clocks: {
        ...context.clocks,
        ...(postBirth.clocks ?? {}),
        nextReviewDueDate: planNextReviewDueDate(event.reviewDate, event.earlyReview, context.figures),
      },
    },
    effects: [],
  };
}

export function endAtReview(context: PlanContext, event: PlanEvent): PlanUpdate {
  if (event.type !== E.ended) return none;
  return {
    changes: {
      reviews: [
        ...context.reviews,
        {
          heldOn: event.endDate,
          conferenceReference: event.conferenceReference,
          early: false,
          outcome: 'end',
          categories: context.latestCategories,
        },
      ],
      ending: {
        endDate: event.endDate,
        reason: event.reason,
        conferenceReference: event.conferenceReference,
        newAuthorityId: null,
        at: event.meta.at,
      },
    },
    effects: [],
  };
}

/** Ended without a conference: everyone invited to the conference that made the plan is told. */
export function endWithoutConference(context: PlanContext, event: PlanEvent): PlanUpdate {
  if (event.type !== E.endedWithoutConference) return none;
  return {
    changes: {
      ending: {
        endDate: event.endDate,
        reason: event.reason,
        conferenceReference: null,
        newAuthorityId: event.newAuthorityId ?? null,
        at: event.meta.at,
      },
    },
    effects: [
      notify(T.endedWithoutConference, context),
      {
        type: PLAN_EFFECTS.endingNotice,
        reference: context.reference,
        personIds: context.icpcInviteePersonIds,
      },
    ],
  };
}

export function bringReviewForward(context: PlanContext, event: PlanEvent): PlanUpdate {
  if (event.type !== E.reviewBroughtForward) return none;
  return {
    changes: {
      clocks: { ...context.clocks, nextReviewDueDate: event.dueDate },
      reviewsBroughtForward: [
        ...context.reviewsBroughtForward,
        {
          at: event.meta.at,
          from: context.clocks.nextReviewDueDate,
          to: event.dueDate,
          reason: event.reason,
        },
      ],
    },
    effects: [notify(T.reviewBroughtForward, context)],
  };
}

export function recordPreviousPlans(context: PlanContext, event: PlanEvent): PlanUpdate {
  if (event.type !== E.previousPlansRecorded) return none;
  const recordedPreviousPlans = [
    ...context.recordedPreviousPlans,
    {
      source: event.source,
      count: event.count,
      authorityId: event.authorityId ?? null,
      recordedAt: event.meta.at,
      by: event.meta.actor.sub,
    },
  ];
  return {
    changes: {
      recordedPreviousPlans,
      numberOfPreviousPlans: totalPrevious({ ...context, recordedPreviousPlans }),
    },
    effects: [],
  };
}

/** The birth: the plan is the child's now, under the new person id, and a review or core group is due. */
export function recordBirth(context: PlanContext, event: PlanEvent): PlanUpdate {
  if (event.type !== E.birthRecorded) return none;
  return {
    changes: {
      child: {
        personId: event.childPersonId,
        unborn: false,
        motherPersonId: context.child.motherPersonId,
        unbornPersonId: context.child.personId,
      },
      birth: {
        recordedAt: event.meta.at,
        childPersonId: event.childPersonId,
        unbornPersonId: context.child.personId,
      },
      clocks: { ...context.clocks, postBirthDueDate: event.postBirthDueDate },
    },
    effects: [notify(T.born, context)],
  };
}

export function changeLeadSocialWorker(_context: PlanContext, event: PlanEvent): PlanUpdate {
  if (event.type !== E.leadSocialWorkerChanged) return none;
  return { changes: { leadSocialWorker: { personId: event.personId, teamId: event.teamId } }, effects: [] };
}
