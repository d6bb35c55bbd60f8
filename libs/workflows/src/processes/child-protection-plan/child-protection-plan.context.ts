import type { StatutorySettings } from '../../settings';
import type { AbuseCategory, CensusCategoryCode } from '../conference/rules';
import type { ConferenceKind } from '../conference/rules';
import type { PlanEndReason, PreviousPlanSource } from './child-protection-plan.vocabulary';

/** The figures of the plan's clocks, fixed when the conference starts it (a replay computes the same dates). */
export type PlanFigures = Pick<
  StatutorySettings,
  | 'firstReviewMonths'
  | 'subsequentReviewMonths'
  | 'coreGroupWorkingDays'
  | 'postBirthReviewWorkingDays'
  | 'earlyReviewWorkingDays'
> & { localClosureDays: string[] };

export interface PlanChild {
  /** The child's person id; an unborn child's until the birth gives the child a new one. */
  personId: string;
  unborn: boolean;
  /** An unborn child's plan is held against the mother until the birth. */
  motherPersonId: string | null;
  /** After the birth: the person id the unborn child had. */
  unbornPersonId: string | null;
}

export interface PlanReview {
  heldOn: string;
  conferenceReference: string;
  /** The review itself proceeded on an exceptional quorum: the next one is an early review. */
  early: boolean;
  outcome: 'continue' | 'end';
  categories: AbuseCategory[];
}

export interface RecordedPreviousPlans {
  source: PreviousPlanSource;
  count: number;
  /** The other authority's code, for plans there. */
  authorityId: string | null;
  recordedAt: string;
  by: string;
}

export interface PlanClocks {
  coreGroupDueDate: string;
  /** The next review conference's due date: the review clock's anchor. */
  nextReviewDueDate: string;
  /** After a birth: the review or core group due (null before the birth, and once met). */
  postBirthDueDate: string | null;
}

/**
 * One child's child protection plan. People by person id only. Every Children in Need census
 * field of the plan is here: CPPstartDate (`startDate`), CPPendDate (`ending.endDate`),
 * InitialCategoryOfAbuse and LatestCategoryOfAbuse (`initialCategoryCode`,
 * `latestCategoryCode`), NumberOfPreviousCPP (`numberOfPreviousPlans`) and the review dates
 * (`reviews[].heldOn`).
 */
export interface PlanContext {
  reference: string;
  area: string;
  householdId: string;
  conferenceReference: string;
  conferenceKind: ConferenceKind;
  child: PlanChild;
  /** CPPstartDate: the date of the conference that made the plan. */
  startDate: string;
  initialCategories: AbuseCategory[];
  initialCategoryCode: CensusCategoryCode;
  latestCategories: AbuseCategory[];
  latestCategoryCode: CensusCategoryCode;
  leadSocialWorker: { personId: string; teamId: string };
  /** A transfer-in: the authority whose plan this one follows. */
  transfer: { transferringAuthorityId: string } | null;
  /** The conference that made the plan proceeded on an exceptional quorum. */
  startedOnExceptionalQuorum: boolean;
  /** Earlier plans of the child in this service, counted when the plan started. */
  earlierPlansHere: number;
  recordedPreviousPlans: RecordedPreviousPlans[];
  /** NumberOfPreviousCPP: earlier plans here plus those recorded from before the service or elsewhere. */
  numberOfPreviousPlans: number;
  /** Everyone invited to the conference that made the plan: told if it ends without a conference. */
  icpcInviteePersonIds: string[];
  figures: PlanFigures;
  clocks: PlanClocks;
  coreGroupMetOn: string | null;
  reviews: PlanReview[];
  birth: { recordedAt: string; childPersonId: string; unbornPersonId: string } | null;
  /** After the birth, when a core group or review met the post-birth clock. */
  postBirthMetOn: string | null;
  reviewsBroughtForward: { at: string; from: string; to: string; reason: string }[];
  ending: {
    /** CPPendDate. */
    endDate: string;
    reason: PlanEndReason;
    conferenceReference: string | null;
    newAuthorityId: string | null;
    at: string;
  } | null;
}
