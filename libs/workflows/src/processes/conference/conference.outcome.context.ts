import type {
  AbuseCategory,
  CensusCategoryCode,
  ConferenceAttendee,
  ConferenceQuoracy,
  InquorateOptions,
} from './rules';
import type { WithoutPlanOutcome } from './conference.outcome.vocabulary';

/**
 * Part 2's part of the context: the sittings of the conference (an adjourned one sits again),
 * the attendance and quoracy of the current one, and the decision per child. People by id only;
 * reasons and the chair's record are free text (context and journal only, never an effect).
 */
export interface Apology {
  personId: string;
  withReport: boolean;
}

/** A part of the meeting some people were excluded from: its id keeps it from them in distribution. */
export interface Exclusion {
  partId: string;
  personIds: string[];
  reason: string;
  chairDecision: string;
}

export interface RecordedAttendee {
  attendee: ConferenceAttendee;
  /** On the invitee list, or came uninvited. */
  invited: boolean;
}

export interface Sitting {
  heldOn: string;
  recordedAt: string;
  attendees: RecordedAttendee[];
  apologies: Apology[];
  exclusions: Exclusion[];
  quoracy: ConferenceQuoracy;
  options: InquorateOptions;
  /** What became of an inquorate sitting. */
  adjournment: {
    at: string;
    by: string;
    interimProtectionPlan: string;
    /** A second inquorate conference in a row: the manager's override. */
    managerOverride: { sub: string; reason: string } | null;
    reconveneBy: string;
  } | null;
  exceptional: { at: string; delayWouldHarm: string; informationSufficient: string } | null;
}

export interface ChildDecision {
  childId: string;
  plan: boolean;
  categories: AbuseCategory[];
  censusCategoryCode: CensusCategoryCode | null;
  withoutPlan: WithoutPlanOutcome | null;
  dissent: { personId: string; usesChallengeProcedure: boolean }[];
  chairDecisionRecord: string;
  /** A review: the plan workflow this decision continues or ends (resolved by the API). */
  planWorkflowId: string | null;
  /** A new plan's first review, or a continuing plan's next. */
  reviewDueDate: string | null;
}

export interface ConferenceOutcome {
  /** From the request: the household's previous conference, for "two inquorate in a row". */
  previousConferenceOutcome: { quorate: boolean } | null;
  /** The review cycle this conference is (0 for the conference that made the plans). */
  reviewCycle: number;
  /** A review: the children on plans it reviews. */
  childrenOnPlanIds: string[];
  /** Earlier sittings of this conference, adjourned. */
  adjournedSittings: Sitting[];
  sitting: Sitting | null;
  decisions: { at: string; children: ChildDecision[]; nextReviewDueDate: string | null } | null;
}
