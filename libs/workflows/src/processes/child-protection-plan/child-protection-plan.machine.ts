import { enqueueActions, setup } from 'xstate';
import type { DeadlineDecl, EventMeta } from '../../engine';
import type { PlanContext } from './child-protection-plan.context';
import type { PlanEffect, PlanEvent } from './child-protection-plan.events';
import { planGuards } from './child-protection-plan.guards';
import type { PlanStartInput } from './child-protection-plan.payloads';
import * as step from './child-protection-plan.steps';
import {
  PLAN_DEADLINES,
  PLAN_EVENTS as E,
  PLAN_TYPE,
  PLAN_VERSION,
} from './child-protection-plan.vocabulary';

/**
 * One child's child protection plan, from the conference that made it to its end: the core
 * group, the review cycle (3 months after the first conference, then 6 after the review last
 * held; an early review counts), the categories, the count of previous plans, an unborn child's
 * plan until the birth, and the end (at a review, or without a conference).
 *
 * Pure: actions assign context and declare effects with emit(); time only from event.meta.at;
 * clocks are data in meta.deadlines anchored on the dates the steps compute.
 */
export const PLAN_MACHINE_ID = `${PLAN_TYPE}-v${PLAN_VERSION}`;

type Input = PlanStartInput & { meta: EventMeta };
type StepFn = (context: PlanContext, event: PlanEvent) => step.PlanUpdate;

const act = (fn: StepFn) =>
  enqueueActions<PlanContext, PlanEvent, undefined, PlanEvent, never, never, never, never, PlanEffect>(
    ({ context, event, enqueue }) => {
      const { changes, effects } = fn(context, event);
      if (Object.keys(changes).length > 0) enqueue.assign(changes);
      for (const effect of effects) enqueue.emit(effect);
    },
  );

const clock = (kind: string, anchor: string, description: string): DeadlineDecl => ({
  kind,
  anchor,
  workingDays: 0,
  description,
});
const CORE_GROUP = clock(
  PLAN_DEADLINES.coreGroup,
  'clocks.coreGroupDueDate',
  'The core group first meets within coreGroupWorkingDays (10) of the conference',
);
const REVIEW = clock(
  PLAN_DEADLINES.review,
  'clocks.nextReviewDueDate',
  'Review conference within firstReviewMonths (3) of the first conference, then subsequentReviewMonths (6) of the last review; earlyReviewWorkingDays (20) after an exceptional quorum',
);
const POST_BIRTH = clock(
  PLAN_DEADLINES.postBirth,
  'clocks.postBirthDueDate',
  'A review or core group within postBirthReviewWorkingDays (10) of the birth',
);

export const planMachine = setup({
  types: {
    context: {} as PlanContext,
    events: {} as PlanEvent,
    input: {} as Input,
    emitted: {} as PlanEffect,
  },
  guards: {
    ...planGuards,
    unborn: ({ context }) => context.child.unborn,
    postBirthOutstanding: ({ context }) => context.birth !== null && context.postBirthMetOn === null,
    postBirthMet: ({ context }) => context.postBirthMetOn !== null,
    coreGroupHasMet: ({ context }) => context.coreGroupMetOn !== null,
  },
  actions: {
    announce: act((context) => step.announce(context)),
    meetCoreGroup: act(step.meetCoreGroup),
    review: act(step.review),
    endAtReview: act(step.endAtReview),
    endWithoutConference: act(step.endWithoutConference),
    bringReviewForward: act(step.bringReviewForward),
    recordPreviousPlans: act(step.recordPreviousPlans),
    recordBirth: act(step.recordBirth),
    changeLeadSocialWorker: act(step.changeLeadSocialWorker),
  },
}).createMachine({
  id: PLAN_MACHINE_ID,
  context: ({ input }) => step.initialPlanContext(input),
  entry: 'announce',
  initial: 'active',
  states: {
    active: {
      type: 'parallel',
      meta: { label: 'On a child protection plan' },
      on: {
        [E.reviewed]: { guard: 'reviewDatedAfterTheLast', actions: 'review' },
        [E.ended]: { guard: 'endDatedInThePlansLife', target: 'ended', actions: 'endAtReview' },
        [E.endedWithoutConference]: {
          guard: 'endedWithoutConferenceByAManager',
          target: 'ended',
          actions: 'endWithoutConference',
        },
        [E.reviewBroughtForward]: { guard: 'earlierWorkingDay', actions: 'bringReviewForward' },
        [E.previousPlansRecorded]: { guard: 'previousPlansByCoordinator', actions: 'recordPreviousPlans' },
        [E.leadSocialWorkerChanged]: { guard: 'anotherLeadSocialWorker', actions: 'changeLeadSocialWorker' },
        [E.coreGroupMet]: { guard: 'coreGroupMeetingDated', actions: 'meetCoreGroup' },
      },
      states: {
        coreGroup: {
          initial: 'awaiting',
          states: {
            awaiting: {
              meta: { label: 'Core group to meet', deadlines: [CORE_GROUP] },
              always: { guard: 'coreGroupHasMet', target: 'met' },
            },
            met: { meta: { label: 'Core group met' } },
          },
        },
        review: {
          initial: 'due',
          states: { due: { meta: { label: 'Next review conference due', deadlines: [REVIEW] } } },
        },
        child: {
          initial: 'routing',
          states: {
            routing: { always: [{ guard: 'unborn', target: 'unborn' }, { target: 'born' }] },
            unborn: {
              meta: { label: 'Unborn: the plan is held against the mother' },
              on: {
                [E.birthRecorded]: {
                  guard: 'birthOfTheUnbornChild',
                  target: 'afterBirth',
                  actions: 'recordBirth',
                },
              },
            },
            afterBirth: {
              meta: { label: 'Born: a review or core group due', deadlines: [POST_BIRTH] },
              always: { guard: 'postBirthMet', target: 'born' },
            },
            born: { meta: { label: 'The child’s plan' } },
          },
        },
      },
    },
    ended: { type: 'final', meta: { label: 'Plan ended' } },
  },
});
