import type { EventMeta } from '../../engine';
import type {
  CoreGroupMetPayload,
  LeadSocialWorkerChangedPayload,
  PlanBirthRecordedPayload,
  PlanEndedPayload,
  PlanEndedWithoutConferencePayload,
  PlanReviewedPayload,
  PreviousPlansRecordedPayload,
  ReviewBroughtForwardPayload,
} from './child-protection-plan.payloads';
import {
  PLAN_EFFECTS,
  PLAN_EVENTS as E,
  PlanNotifyRole,
  PlanTemplate,
} from './child-protection-plan.vocabulary';

type Event<T extends string, P = object> = P & { type: T; meta: EventMeta };

export type PlanEvent =
  | Event<typeof E.coreGroupMet, CoreGroupMetPayload>
  | Event<typeof E.reviewed, PlanReviewedPayload>
  | Event<typeof E.ended, PlanEndedPayload>
  | Event<typeof E.endedWithoutConference, PlanEndedWithoutConferencePayload>
  | Event<typeof E.reviewBroughtForward, ReviewBroughtForwardPayload>
  | Event<typeof E.previousPlansRecorded, PreviousPlansRecordedPayload>
  | Event<typeof E.birthRecorded, PlanBirthRecordedPayload>
  | Event<typeof E.leadSocialWorkerChanged, LeadSocialWorkerChangedPayload>;

export interface PlanNotifyEffect {
  type: typeof PLAN_EFFECTS.notify;
  role: PlanNotifyRole;
  template: PlanTemplate;
  reference: string;
}

export interface PlanEndingNoticeEffect {
  type: typeof PLAN_EFFECTS.endingNotice;
  reference: string;
  /** Everyone invited to the conference that made the plan. */
  personIds: string[];
}

export type PlanEffect = PlanNotifyEffect | PlanEndingNoticeEffect;
