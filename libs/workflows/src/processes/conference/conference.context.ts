import type { StatutorySettings } from '../../settings';
import type { ConferenceOutcome } from './conference.outcome.context';
import type {
  AgeBand,
  ChairSelection,
  ContactBy,
  ConferenceKind,
  ICalMethod,
  InterpreterNeed,
  InvitationAnswer,
  InvitationStatus,
  InviteeRole,
  LateReasonApproverRole,
  ProfessionalGroup,
  Relationship,
  WithdrawalReason,
} from './conference.vocabulary';

/**
 * The conference's context. People are held by the service's person id only; their names,
 * dates of birth, addresses, contact points and languages are in the person store.
 *
 * Dates of birth and expected dates of delivery: neither is held, here nor in any payload. The
 * context holds what the clocks need, computed from them: the pre-birth clock's latest and ideal
 * dates (computed by the API with the timescale rule from the person store's expected date) and
 * each child's age band against the invitation age. Why: every payload stays in the append-only
 * journal for ever, and the context is copied into every snapshot. A date held there would
 * survive a correction or an erasure of the person record, and a corrected date would leave the
 * old one behind in every workflow that copied it; a clock anchor instead moves with one event
 * (pregnancy.delivery-date-revised) and reveals no more than the due date itself does.
 */
export interface ChildOnConference {
  personId: string;
  ageBand: AgeBand;
  /** An unborn child's mother, until the birth. */
  motherPersonId: string | null;
  /** After a birth: the person id the unborn child had. */
  unbornPersonId: string | null;
}

export interface FamilyNeeds {
  interpreter: InterpreterNeed;
  accessNeeds: boolean;
  supporterPersonId: string | null;
  advocatePersonId: string | null;
}

export interface ParentOrCarer {
  personId: string;
  relationship: Relationship;
  parentalResponsibility: boolean;
  confidentialAddress: boolean;
  childIds: string[];
}

export interface StrategyDiscussion {
  id: string;
  heldOn: string;
  startedSection47: boolean;
}

/** The figures of the clocks, fixed at the request (see ConferenceFiguresInput). */
export type ConferenceFigures = Pick<
  StatutorySettings,
  | 'icpcWorkingDays'
  | 'icpcRequestWorkingDays'
  | 'transferInWorkingDays'
  | 'invitationsWorkingDaysBefore'
  | 'agencyReportWorkingDaysBeforeIcpc'
  | 'agencyReportWorkingDaysBeforeReview'
  | 'socialWorkerReportToParentsWorkingDays'
  | 'preBirthSetsAsideIcpcWorkingDays'
  | 'conferenceMovesFlaggedAt'
  // Part 2: quoracy, adjournment, and the plans and review the decision starts.
  | 'quorumOtherAgencies'
  | 'inquorateIcpcReconveneWorkingDays'
  | 'inquorateReviewReconveneWorkingDays'
  | 'earlyReviewWorkingDays'
  | 'firstReviewMonths'
  | 'subsequentReviewMonths'
  | 'coreGroupWorkingDays'
  | 'postBirthReviewWorkingDays'
  // The distribution the decision starts: its clocks and personal links.
  | 'decisionsDistributionWorkingDays'
  | 'minutesDistributionWorkingDays'
  | 'minutesCorrectionsWorkingDays'
  | 'correctionAnswerWorkingDays'
  | 'personalLinkExpiryDays'
> & { localClosureDays: string[] };

/**
 * Anchors of the clocks, computed by the machine's actions with the timescale rules. Each is the
 * due date itself (the deadline declarations count 0 working days from it).
 */
export interface ConferenceClocks {
  /** The statutory date the conference is to be held by. */
  dueDate: string;
  /** Invitations sent by: the booked date less invitationsWorkingDaysBefore. */
  invitationsSendBy: string | null;
  /** Agency and social worker reports to the chair by. */
  reportsDueBy: string | null;
  /** The social worker's report shared with parents by. */
  reportToParentsBy: string | null;
}

export interface ConferenceFlags {
  /** Requested more than icpcRequestWorkingDays after the strategy discussion. */
  lateRequest: boolean;
  /** A pre-birth request made after the latest week: due at once. */
  dueAtOnce: boolean;
  /** Booked after the due date (with both agreements). */
  lateConference: boolean;
  /** A pre-birth conference booked after the ideal date. */
  afterIdealDate: boolean;
  /** Moved conferenceMovesFlaggedAt times or more: for managers. */
  movedRepeatedly: boolean;
}

export interface ChairRecord {
  sub: string;
  selection: ChairSelection;
  reason: string | null;
  assignedAt: string;
}

export interface Booking {
  date: string;
  startTime: string;
  durationMinutes: number;
  venueId: string | null;
  onlineLink: string | null;
  minuteTakerSub: string;
  bookedAt: string;
  /** iCalendar SEQUENCE: 0 at the first booking, raised on every move. */
  sequence: number;
  /** When the date is after the due date: the reason, agreed by the team manager and the chair. */
  lateAgreement: { reason: string; agreedBy: Record<LateReasonApproverRole, Agreement> } | null;
}

export interface Agreement {
  sub: string;
  at: string;
}

/** A date proposed after the due date, waiting for both agreements before it stands. */
export interface ProposedBooking {
  date: string;
  startTime: string;
  durationMinutes: number;
  venueId: string | null;
  onlineLink: string | null;
  minuteTakerSub: string;
  lateReason: string;
  /** Set for a move of an existing booking. */
  moveReason: string | null;
  proposedAt: string;
  agreedBy: Record<LateReasonApproverRole, Agreement | null>;
}

export interface Move {
  at: string;
  fromDate: string;
  toDate: string;
  reason: string;
}

export interface Invitee {
  personId: string;
  invitedAs: InviteeRole;
  agencyId: string | null;
  professionalGroup: ProfessionalGroup | null;
  /** Per child (person ids): part 2's quoracy judges direct contact per child. */
  directContactWith: string[];
  contactBy: ContactBy;
  needs: FamilyNeeds | null;
  /** A child below the invitation age is invited only by the chair's agreement. */
  invitedBecause: 'age' | 'chair-agreement' | null;
  status: InvitationStatus;
  /** The SEQUENCE of the latest sending declared; null before the first. */
  sequence: number | null;
  method: ICalMethod | null;
  sentAt: string | null;
  letterPostedOn: string | null;
  answer: { answer: InvitationAnswer; withReport: boolean; at: string } | null;
}

export interface ExpectedReport {
  /** The agency's id, or SOCIAL_WORKER_REPORT. */
  key: string;
  author: 'agency' | 'social-worker';
  received: { at: string; documentId: string | null; caseManagementReference: string | null } | null;
  /**
   * The date this report is awaited by while it is not received (the conference's reports date,
   * `clocks.reportsDueBy`); null once received, or with no conference booked. The anchor of the
   * report's own clock, kept by the machine after every step (`withReportDueDates`).
   */
  dueBy: string | null;
  withholding: {
    requestedAt: string;
    reason: string;
    decision: { withhold: boolean; reason: string; by: string; at: string } | null;
  } | null;
  /** The social worker's report only. */
  sharedWithParentsOn: string | null;
}

export interface Withdrawal {
  at: string;
  reason: WithdrawalReason;
  note: string | null;
}

export interface ConferenceContext {
  reference: string;
  area: string;
  kind: ConferenceKind;
  /** The kind requested: a pre-birth conference converted after a birth keeps 'pre-birth' here. */
  requestedKind: ConferenceKind;
  householdId: string;
  requestedAt: string;
  children: ChildOnConference[];
  parentsAndCarers: ParentOrCarer[];
  strategyDiscussions: StrategyDiscussion[];
  section47StartDate: string | null;
  socialWorker: { personId: string; teamId: string; teamManagerPersonId: string; agencyId: string };
  transfer: { transferringAuthorityId: string; notifiedOn: string } | null;
  preBirthClock: { latestDate: string; idealDate: string } | null;
  reviewDueDate: string | null;
  figures: ConferenceFigures;
  clocks: ConferenceClocks;
  flags: ConferenceFlags;
  chair: ChairRecord | null;
  booking: Booking | null;
  proposedBooking: ProposedBooking | null;
  moves: Move[];
  invitees: Invitee[];
  /**
   * The SEQUENCE last sent to each person, kept after they leave the list, so that every file
   * sent under one UID (conference and invitee) has a higher SEQUENCE than the one before.
   */
  lastSequenceSent: Record<string, number>;
  /** The chair's latest agreement of the list (every invitee added since waits for the next). */
  inviteesAgreed: Agreement | null;
  reports: ExpectedReport[];
  withdrawal: Withdrawal | null;
  cancellation: { at: string; reason: string } | null;
  /** Each birth recorded before the conference (twins are two). */
  births: { recordedAt: string; unbornPersonId: string; childPersonId: string }[];
  convenedAt: string | null;
  /** Part 2: the sittings, attendance, quoracy and the decision per child. */
  outcome: ConferenceOutcome;
}
