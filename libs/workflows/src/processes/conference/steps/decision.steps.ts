import {
  planFirstReviewDueDate,
  planNextReviewDueDate,
} from '../../child-protection-plan/child-protection-plan.clocks';
import type { ConferenceContext } from '../conference.context';
import type { ConferenceEffect } from '../conference.effects';
import type { ConferenceEvent } from '../conference.events';
import type { ChildDecision } from '../conference.outcome.context';
import { OUTCOME_EVENTS as O, OUTCOME_TEMPLATES as OT } from '../conference.outcome.vocabulary';
import { CONFERENCE_NOTIFY_ROLES as ROLES } from '../conference.vocabulary';
import { censusCategoryCode, householdReviewDueDate } from '../rules';
import { distributionStart, planSignal, planStart, reviewConferenceStart } from './handover.steps';
import { none, notify, Update } from './step';

/**
 * The decision for each child, and what it starts: a plan per child with a new plan, a signal to
 * each plan a review continues or ends, the household's next review conference when any child is
 * on a plan (due on the earliest of their review dates), and the distribution. Without a plan, a
 * child in need plan tells the social work team; no further action tells no one more.
 */
export function decide(context: ConferenceContext, event: ConferenceEvent): Update {
  const sitting = context.outcome.sitting;
  if (event.type !== O.decisionRecorded || sitting === null) return none;
  const early = sitting.exceptional !== null;
  const onPlans = new Set(context.outcome.childrenOnPlanIds);
  const figures = { ...context.figures };
  const children: ChildDecision[] = event.children.map((d) => {
    const categories = d.plan ? [...d.categories!] : [];
    const continuing = onPlans.has(d.childId);
    return {
      childId: d.childId,
      plan: d.plan,
      categories,
      censusCategoryCode: d.plan ? censusCategoryCode(categories) : null,
      withoutPlan: d.plan ? null : d.withoutPlan!,
      dissent: d.dissent.map((x) => ({
        personId: x.personId,
        usesChallengeProcedure: x.usesChallengeProcedure,
      })),
      chairDecisionRecord: d.chairDecisionRecord,
      planWorkflowId: d.planWorkflowId ?? null,
      reviewDueDate: !d.plan
        ? null
        : continuing
          ? planNextReviewDueDate(sitting.heldOn, early, figures)
          : planFirstReviewDueDate(sitting.heldOn, early, figures),
    };
  });
  // In the household's children's order, so the effects are the same whatever order the chair sent.
  const ordered = context.children.map((c) => children.find((d) => d.childId === c.personId)!);
  const earlier = new Map(event.children.map((d) => [d.childId, d.earlierPlansHere ?? 0]));
  const withPlans = ordered.filter((d) => d.plan);
  const nextReviewDueDate =
    withPlans.length > 0 ? householdReviewDueDate(withPlans.map((d) => d.reviewDueDate!)) : null;

  const effects: ConferenceEffect[] = [];
  for (const decision of ordered) {
    if (onPlans.has(decision.childId)) effects.push(planSignal(context, sitting, decision));
    else if (decision.plan)
      effects.push(planStart(context, sitting, decision, earlier.get(decision.childId) ?? 0));
  }
  if (nextReviewDueDate !== null) {
    effects.push(
      reviewConferenceStart(
        context,
        sitting,
        withPlans.map((d) => d.childId),
        nextReviewDueDate,
      ),
    );
  }
  effects.push(distributionStart(context, sitting, ordered));
  effects.push(notify(ROLES.coordinator, OT.decided, context.reference));
  if (ordered.some((d) => d.withoutPlan === 'child-in-need')) {
    effects.push(notify(ROLES.teamManager, OT.childInNeedPlan, context.reference));
  }
  return {
    changes: {
      outcome: { ...context.outcome, decisions: { at: event.meta.at, children: ordered, nextReviewDueDate } },
    },
    effects,
  };
}
