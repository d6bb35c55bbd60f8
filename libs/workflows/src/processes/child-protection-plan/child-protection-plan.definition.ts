import type { WorkflowDefinition, WorkflowSubject } from '../../engine';
import type { PlanContext } from './child-protection-plan.context';
import { planMachine } from './child-protection-plan.machine';
import { PLAN_REGISTER } from './child-protection-plan.register';
import {
  CoreGroupMetPayload,
  LeadSocialWorkerChangedPayload,
  PlanBirthRecordedPayload,
  PlanEndedPayload,
  PlanEndedWithoutConferencePayload,
  PlanReviewedPayload,
  PlanStartInput,
  PreviousPlansRecordedPayload,
  ReviewBroughtForwardPayload,
} from './child-protection-plan.payloads';
import { PLAN_EVENTS as E, PLAN_TYPE, PLAN_VERSION, PlanEventType } from './child-protection-plan.vocabulary';

/**
 * The plan is about the child (an unborn child as such, and the mother it is held against until
 * the birth; after it, found by the unborn id too) and the household.
 */
export function planSubjects(context: PlanContext): WorkflowSubject[] {
  const { child } = context;
  return [
    { id: context.householdId, kind: 'household' },
    { id: child.personId, kind: child.unborn ? 'unborn-child' : 'child' },
    ...(child.unborn && child.motherPersonId
      ? [{ id: child.motherPersonId, kind: 'mother-of-unborn-child' }]
      : []),
    ...(child.unbornPersonId ? [{ id: child.unbornPersonId, kind: 'unborn-child' }] : []),
  ];
}

export const childProtectionPlanDefinition: WorkflowDefinition = {
  type: PLAN_TYPE,
  version: PLAN_VERSION,
  machine: planMachine,
  input: PlanStartInput,
  events: {
    [E.coreGroupMet]: CoreGroupMetPayload,
    [E.reviewed]: PlanReviewedPayload,
    [E.ended]: PlanEndedPayload,
    [E.endedWithoutConference]: PlanEndedWithoutConferencePayload,
    [E.reviewBroughtForward]: ReviewBroughtForwardPayload,
    [E.previousPlansRecorded]: PreviousPlansRecordedPayload,
    [E.birthRecorded]: PlanBirthRecordedPayload,
    [E.leadSocialWorkerChanged]: LeadSocialWorkerChangedPayload,
  } satisfies Record<PlanEventType, unknown>,
  areaOf: (context) => (context as PlanContext).area,
  referenceOf: (context) => (context as PlanContext).reference,
  subjectsOf: (context) => planSubjects(context as PlanContext),
  readModel: PLAN_REGISTER,
  description:
    'Child protection plan, one per child per plan: core group, review cycle, categories, previous plans, pre-birth until the birth, and its end.',
};
