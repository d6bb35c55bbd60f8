/**
 * Part 2 of the conference: the words of the meeting itself and what follows it (attendance,
 * quoracy, adjournment, the decision per child). Part 1's words are in conference.vocabulary.ts.
 */
import type { AttendeeCapacity } from './rules/attendance';

export const OUTCOME_EVENTS = {
  /** Who came, who sent apologies, who was excluded from which part: answered with the quoracy per child. */
  attendanceRecorded: 'attendance.recorded',
  /** Not quorate: the chair adjourns (an interim protection plan, a new date), or a manager overrides a second. */
  adjourned: 'conference.adjourned',
  /** Not quorate, but children's social care and one agency attend: the chair proceeds, with reasons. */
  proceededExceptionally: 'conference.proceeded-exceptionally',
  /** One decision per child: a plan (categories) or not (child in need, or no further action). */
  decisionRecorded: 'decision.recorded',
} as const;
export type OutcomeEventType = (typeof OUTCOME_EVENTS)[keyof typeof OUTCOME_EVENTS];

/** States of part 2 (under `held`), and the final one. */
export const OUTCOME_STATES = {
  attendance: 'attendance',
  inquorate: 'inquorate',
  deciding: 'deciding',
  decided: 'decided',
} as const;

export const OUTCOME_TEMPLATES = {
  inquorate: 'conference.inquorate',
  adjourned: 'conference.adjourned',
  proceededExceptionally: 'conference.proceeded-exceptionally',
  decided: 'conference.decided',
  /** The social work team is told a child in need plan was decided (the plan lives in case management). */
  childInNeedPlan: 'conference.child-in-need-plan',
} as const;

/** Who may give the override a second inquorate conference in a row needs to be adjourned again. */
export const ADJOURNMENT_OVERRIDE_ROLE = 'manager';

/** How a child without a plan goes on. */
export const WITHOUT_PLAN_OUTCOMES = ['child-in-need', 'no-further-action'] as const;
export type WithoutPlanOutcome = (typeof WITHOUT_PLAN_OUTCOMES)[number];

/** How someone took part (the quoracy rule's capacities). */
export const ATTENDEE_CAPACITIES = [
  'professional',
  'chair',
  'minute-taker',
  'parent-or-carer',
  'family-member',
  'child',
  'supporter-or-advocate',
  'interpreter',
] as const satisfies readonly AttendeeCapacity[];
export type { AttendeeCapacity };
