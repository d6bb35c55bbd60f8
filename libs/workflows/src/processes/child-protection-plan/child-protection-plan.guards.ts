import { isPlanWorkingDay, londonDateOf } from './child-protection-plan.clocks';
import type { PlanContext } from './child-protection-plan.context';
import type { PlanEvent } from './child-protection-plan.events';
import { PLAN_ENDING_ROLES, PLAN_EVENTS as E } from './child-protection-plan.vocabulary';

/** The plan's rules as named predicates: the engine names a refused event's guards in its 422. */
type Args = { context: PlanContext; event: PlanEvent };

const today = (event: PlanEvent) => londonDateOf(event.meta.at);
const lastHeld = (context: PlanContext) => context.reviews.at(-1)?.heldOn ?? context.startDate;
/** A date in the plan's life: not before it started (or its last review), not in the future. */
const inThePlansLife = (context: PlanContext, event: PlanEvent, date: string, from = context.startDate) =>
  date >= from && date <= today(event);

export const planGuards = {
  coreGroupMeetingDated: ({ context, event }: Args) =>
    event.type === E.coreGroupMet && inThePlansLife(context, event, event.metOn),
  /** A review is held after the one before it (or the start), and not in the future. */
  reviewDatedAfterTheLast: ({ context, event }: Args) =>
    event.type === E.reviewed && event.reviewDate > lastHeld(context) && event.reviewDate <= today(event),
  endDatedInThePlansLife: ({ context, event }: Args) =>
    event.type === E.ended && inThePlansLife(context, event, event.endDate, lastHeld(context)),
  /** Only a co-ordinator or a manager ends a plan without a conference, on a date in its life. */
  endedWithoutConferenceByAManager: ({ context, event }: Args) =>
    event.type === E.endedWithoutConference &&
    (PLAN_ENDING_ROLES as readonly string[]).includes(event.meta.actor.role) &&
    inThePlansLife(context, event, event.endDate),
  /** An early review brings the date forward to a working day, never back and never into the past. */
  earlierWorkingDay: ({ context, event }: Args) =>
    event.type === E.reviewBroughtForward &&
    event.dueDate < context.clocks.nextReviewDueDate &&
    event.dueDate >= today(event) &&
    isPlanWorkingDay(event.dueDate, context.figures),
  previousPlansByCoordinator: ({ event }: Args) => event.meta.actor.role === 'coordinator',
  /** The birth of the unborn child this plan is held for; its due date a working day after the start. */
  birthOfTheUnbornChild: ({ context, event }: Args) =>
    event.type === E.birthRecorded &&
    context.child.unborn &&
    event.childPersonId !== context.child.personId &&
    event.postBirthDueDate >= context.startDate &&
    isPlanWorkingDay(event.postBirthDueDate, context.figures),
  anotherLeadSocialWorker: ({ context, event }: Args) =>
    event.type === E.leadSocialWorkerChanged && event.personId !== context.leadSocialWorker.personId,
};
