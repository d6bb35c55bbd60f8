/**
 * The child protection plan's words: its type and version, events, clocks, templates and
 * effects. One workflow per child per plan, started by the conference that made the plan.
 */
export const PLAN_TYPE = 'child-protection-plan';
/** Nothing deployed yet. */
export const PLAN_VERSION = 1;

export const PLAN_EVENTS = {
  coreGroupMet: 'core-group.met',
  /** From a review conference: the plan continues, with its latest categories. */
  reviewed: 'plan.reviewed',
  /** From a review conference: no longer at continuing risk. */
  ended: 'plan.ended',
  /** Ended without a conference: moved away, turned 18, left the UK, looked after, died. */
  endedWithoutConference: 'plan.ended-without-conference',
  reviewBroughtForward: 'review.brought-forward',
  previousPlansRecorded: 'previous-plans.recorded',
  birthRecorded: 'birth.recorded',
  leadSocialWorkerChanged: 'lead-social-worker.changed',
} as const;
export type PlanEventType = (typeof PLAN_EVENTS)[keyof typeof PLAN_EVENTS];

export const PLAN_DEADLINES = {
  /** The core group first meets within coreGroupWorkingDays (10) of the conference. */
  coreGroup: 'plan-core-group',
  /** The next review conference: 3 months after the initial conference, then 6 after the last review. */
  review: 'plan-review',
  /** After the birth: a review or core group within postBirthReviewWorkingDays (10). */
  postBirth: 'plan-post-birth',
} as const;

/** Reasons a plan ends without a review conference (the census's reasons are coded from these). */
export const ENDED_WITHOUT_CONFERENCE_REASONS = [
  'moved-new-authority-took-over',
  'turned-18',
  'left-the-uk',
  'became-looked-after',
  'died',
] as const;
export type EndedWithoutConferenceReason = (typeof ENDED_WITHOUT_CONFERENCE_REASONS)[number];
export const CONFERENCE_END_REASON = 'no-continuing-risk' as const;
export type PlanEndReason = EndedWithoutConferenceReason | typeof CONFERENCE_END_REASON;

/** Where an earlier plan not held in this service was recorded. */
export const PREVIOUS_PLAN_SOURCES = ['before-the-service', 'another-authority'] as const;
export type PreviousPlanSource = (typeof PREVIOUS_PLAN_SOURCES)[number];

export const PLAN_NOTIFY_ROLES = { coordinator: 'coordinator', chair: 'chair' } as const;
export type PlanNotifyRole = (typeof PLAN_NOTIFY_ROLES)[keyof typeof PLAN_NOTIFY_ROLES];

export const PLAN_TEMPLATES = {
  started: 'plan.started',
  born: 'plan.child-born',
  endedWithoutConference: 'plan.ended-without-conference',
  reviewBroughtForward: 'plan.review-brought-forward',
} as const;
export type PlanTemplate = (typeof PLAN_TEMPLATES)[keyof typeof PLAN_TEMPLATES];

export const PLAN_EFFECTS = {
  notify: 'notify',
  /**
   * Everyone invited to the initial conference is told the plan has ended (person ids; the
   * performer finds how to reach each in the person store).
   */
  endingNotice: 'child-protection-plan.ending-notice',
} as const;

/** Roles that may end a plan without a conference (by the acting role in the event's meta). */
export const PLAN_ENDING_ROLES = ['coordinator', 'manager', 'team_manager'] as const;
