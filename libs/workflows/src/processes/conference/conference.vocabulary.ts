/**
 * The conference process's words: its type and version, the kinds of conference, every event a
 * client (or the outbox dispatcher) may send, the states, the clocks, the roles told and the
 * effects declared. Every other file of the process names these constants, never the strings.
 */
export const CONFERENCE_TYPE = 'conference';
/** Nothing deployed yet: no instance or journal holds an older shape. */
export const CONFERENCE_VERSION = 1;

// The kinds and the professional groups are the rules' (quoracy counts the groups).
export { CONFERENCE_KINDS } from './rules/conference-kind';
export type { ConferenceKind } from './rules/conference-kind';
export { PROFESSIONAL_GROUPS, AGENCY_KEY_PATTERN } from './rules/attendance';
export type { ProfessionalGroup } from './rules/attendance';
import type { ProfessionalGroup } from './rules/attendance';
import { OUTCOME_TEMPLATES } from './conference.outcome.vocabulary';

export const CONFERENCE_EVENTS = {
  withdrawn: 'request.withdrawn',
  chairAssigned: 'chair.assigned',
  scheduled: 'conference.scheduled',
  rescheduled: 'conference.rescheduled',
  /** The team manager's or the chair's agreement to the late reason of the date proposed. */
  lateReasonAgreed: 'schedule.late-reason-agreed',
  cancelled: 'conference.cancelled',
  deliveryDateRevised: 'pregnancy.delivery-date-revised',
  birthRecorded: 'pregnancy.birth-recorded',
  inviteeAdded: 'invitee.added',
  inviteeRemoved: 'invitee.removed',
  inviteesAgreed: 'invitees.agreed',
  invitationSent: 'invitation.sent',
  invitationRejected: 'invitation.rejected',
  invitationResent: 'invitation.resent',
  letterPosted: 'invitation.letter-posted',
  invitationAnswered: 'invitation.answered',
  reportReceived: 'report.received',
  reportWithholdingRequested: 'report.withholding-requested',
  reportWithholdingDecided: 'report.withholding-decided',
  socialWorkerReportShared: 'report.shared-with-parents',
  convened: 'conference.convened',
} as const;
export type ConferenceEventType = (typeof CONFERENCE_EVENTS)[keyof typeof CONFERENCE_EVENTS];

/**
 * Top-level and region states, for list filters. `held` is the hand-over to part 2 (attendance,
 * quoracy, the decision per child): non-final, with no transition of its own yet.
 */
export const CONFERENCE_STATES = {
  open: 'open',
  awaitingChair: 'awaitingChair',
  awaitingBooking: 'awaitingBooking',
  booked: 'booked',
  held: 'held',
  decided: 'decided',
  withdrawn: 'withdrawn',
  cancelled: 'cancelled',
} as const;

/**
 * Clocks the conference opens. Each kind also names its ladder (CONFERENCE_LADDERS, in the
 * process descriptor). Until keyed clocks exist, the invitation and report clocks are one per
 * conference, anchored on the earliest item still outstanding (see the report's TODO list).
 */
export const CONFERENCE_DEADLINES = {
  /** The conference held by its statutory date: watched from the request until it is held. */
  due: 'conference-due',
  /** Invitations sent by their setting's working days before the conference. */
  invitations: 'conference-invitations',
  /** Agency and social worker reports to the chair by their setting's working days before. */
  reports: 'conference-reports',
  /** The social worker's report shared with parents by its setting's working days before. */
  reportToParents: 'conference-report-to-parents',
} as const;

/** Roles whose agreement the machine records, by the acting role the engine puts in event meta. */
export const CONFERENCE_ACTING_ROLES = { teamManager: 'team_manager', chair: 'chair' } as const;
export type LateReasonApproverRole = (typeof CONFERENCE_ACTING_ROLES)[keyof typeof CONFERENCE_ACTING_ROLES];

/** Roles told by the `notify` effects, and their templates. */
export const CONFERENCE_NOTIFY_ROLES = {
  coordinator: 'coordinator',
  chair: 'chair',
  teamManager: 'team_manager',
  manager: 'manager',
} as const;
export type ConferenceNotifyRole = (typeof CONFERENCE_NOTIFY_ROLES)[keyof typeof CONFERENCE_NOTIFY_ROLES];

export const CONFERENCE_TEMPLATES = {
  requested: 'conference.requested',
  lateRequest: 'conference.late-request',
  chairAssigned: 'conference.chair-assigned',
  lateDateNeedsAgreement: 'conference.late-date-needs-agreement',
  movedRepeatedly: 'conference.moved-repeatedly',
  cancelled: 'conference.cancelled',
  withdrawn: 'conference.withdrawn',
  inviteesToAgree: 'conference.invitees-to-agree',
  invitationRejected: 'conference.invitation-rejected',
  withholdingRequested: 'conference.report-withholding-requested',
  converted: 'conference.converted-after-birth',
  ...OUTCOME_TEMPLATES,
} as const;
export type ConferenceTemplate = (typeof CONFERENCE_TEMPLATES)[keyof typeof CONFERENCE_TEMPLATES];

/** The effect types this process declares (performed by libs/timers after commit). */
export const CONFERENCE_EFFECTS = {
  notify: 'notify',
  /** An email with an iCalendar file: METHOD REQUEST or CANCEL, with its SEQUENCE. */
  invitationEmail: 'conference.invitation-email',
  /** A printed letter for the co-ordinators to post (an invitee without email). */
  invitationLetter: 'conference.invitation-letter',
} as const;

export const ICAL_METHODS = ['REQUEST', 'CANCEL'] as const;
export type ICalMethod = (typeof ICAL_METHODS)[number];

/** Always invited to a pre-birth conference. */
export const PRE_BIRTH_REQUIRED_GROUPS = [
  'midwifery',
  'health-visiting',
] as const satisfies readonly ProfessionalGroup[];

export const INVITEE_ROLES = [
  'parent',
  'carer',
  'child',
  'social-worker',
  'team-manager',
  'professional',
] as const;
export type InviteeRole = (typeof INVITEE_ROLES)[number];
export const FAMILY_ROLES = ['parent', 'carer', 'child'] as const satisfies readonly InviteeRole[];

export const RELATIONSHIPS = [
  'mother',
  'father',
  'step-parent',
  'partner-of-parent',
  'grandparent',
  'kinship-carer',
  'foster-carer',
  'other',
] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/**
 * The child's age as the request sees it: the date of birth stays in the person store, and the
 * API compares it with the invitation age (setting childInvitationAge).
 */
export const AGE_BANDS = ['unborn', 'under-invitation-age', 'invitation-age'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const INTERPRETER_NEEDS = ['none', 'spoken-language', 'bsl'] as const;
export type InterpreterNeed = (typeof INTERPRETER_NEEDS)[number];

export const CONTACT_BY = ['email', 'letter'] as const;
export type ContactBy = (typeof CONTACT_BY)[number];

/**
 * An invitation's life: proposed (on the list, not yet agreed by the chair), agreed (waiting
 * for the booking), queued (email effect declared),
 * awaiting-post (a letter to print and post), sent (the mail server took it, or the letter was
 * posted), rejected (the mail server refused it), then the invitee's answer.
 */
export const INVITATION_STATUSES = [
  'proposed',
  'agreed',
  'queued',
  'awaiting-post',
  'sent',
  'rejected',
  'attending',
  'not-attending',
  'apologies',
] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];
export const INVITATION_ANSWERS = ['attending', 'not-attending', 'apologies'] as const;
export type InvitationAnswer = (typeof INVITATION_ANSWERS)[number];

/** How the chair was found (people branch's chair-assignment rule decides; the machine records). */
export const CHAIR_SELECTIONS = ['area-chair', 'cover', 'chosen-by-coordinator'] as const;
export type ChairSelection = (typeof CHAIR_SELECTIONS)[number];

/** 'icpc-not-required' is the census's ICPCnotRequired (N00111). */
export const WITHDRAWAL_REASONS = ['icpc-not-required', 'other'] as const;
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];

export const REPORT_AUTHORS = ['agency', 'social-worker'] as const;
export type ReportAuthor = (typeof REPORT_AUTHORS)[number];
/** The key of the social worker's report among the expected reports (agency reports use their agency id). */
export const SOCIAL_WORKER_REPORT = 'social-worker';
