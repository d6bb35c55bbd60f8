/**
 * The words of the ASV process (allegations against staff and volunteers, KCSIE Part Four): its
 * type and version, the events a client sends, its states, the clocks it opens, the roles its
 * notifications reach and their templates, and the closed lists its payloads choose from. Every
 * other file of the process, and every layer above, names these constants instead of strings.
 */
export const ASV_REFERRAL_TYPE = 'asv-referral';
/**
 * Still 1 although the close event changed (it carries the computed retention, no longer the
 * subject's date of birth): nothing has been deployed, so no instance or journal holds the old
 * shape. Once instances exist, a change like that needs version 2 and a migration.
 */
export const ASV_REFERRAL_VERSION = 1;

/** Every event a client may send to an ASV referral. */
export const ASV_EVENTS = {
  thresholdMet: 'screening.threshold-met',
  redirected: 'screening.redirected',
  referredToLado: 'lado.referred',
  meetingHeld: 'meeting.held',
  policeOpened: 'track.police.opened',
  policeConcluded: 'track.police.concluded',
  section47Opened: 'track.section47.opened',
  section47Concluded: 'track.section47.concluded',
  disciplinaryOpened: 'track.disciplinary.opened',
  disciplinaryConcluded: 'track.disciplinary.concluded',
  outcomeRecorded: 'outcome.recorded',
  followUpRecorded: 'follow-up.recorded',
  closed: 'case.closed',
  reopened: 'case.reopened',
  contactLogged: 'contact.logged',
} as const;
export type AsvEventType = (typeof ASV_EVENTS)[keyof typeof ASV_EVENTS];

/** The parallel tracks after the allegation management meeting. */
export const ASV_TRACKS = ['police', 'section47', 'disciplinary'] as const;
export type AsvTrack = (typeof ASV_TRACKS)[number];

/** The open/conclude events of each track, for an API that takes the track as a path parameter. */
export const ASV_TRACK_EVENTS = {
  police: { opened: ASV_EVENTS.policeOpened, concluded: ASV_EVENTS.policeConcluded },
  section47: { opened: ASV_EVENTS.section47Opened, concluded: ASV_EVENTS.section47Concluded },
  disciplinary: { opened: ASV_EVENTS.disciplinaryOpened, concluded: ASV_EVENTS.disciplinaryConcluded },
} as const satisfies Record<AsvTrack, { opened: AsvEventType; concluded: AsvEventType }>;

/** Top-level states, for list filters. `closed` and `redirected` are not XState-final: a case can be reopened. */
export const ASV_REFERRAL_STATES = [
  'screening',
  'awaitingLadoReferral',
  'ladoInitialConsideration',
  'tracks',
  'followUps',
  'closed',
  'redirected',
] as const;
export type AsvReferralState = (typeof ASV_REFERRAL_STATES)[number];

/** Deadline kinds this process opens (each also names its escalation ladder). */
export const ASV_DEADLINES = {
  screening: 'asv-screening',
  ladoReferral: 'lado-referral',
  allegationMeeting: 'allegation-meeting',
} as const;

/** Roles told by the `notify` effects, and their templates. */
export const ASV_ROLES = { coordinator: 'coordinator', lado: 'lado', frontDoor: 'front-door' } as const;
export type AsvRole = (typeof ASV_ROLES)[keyof typeof ASV_ROLES];
export const ASV_TEMPLATES = {
  received: 'asv.received',
  referred: 'asv.referred',
  redirectedToFrontDoor: 'asv.redirected-to-front-door',
  followUpsRequired: 'asv.follow-ups-required',
  reopened: 'asv.reopened',
  maliciousFlagForEmployer: 'asv.malicious-flag-for-employer',
} as const;
export type AsvTemplate = (typeof ASV_TEMPLATES)[keyof typeof ASV_TEMPLATES];

/** The one effect the machine declares: tell a role, by template, about the case (its reference only). */
export interface AsvNotifyEffect {
  type: 'notify';
  role: AsvRole;
  template: AsvTemplate;
  reference: string;
}

export const REFERRER_TYPES = [
  'employer',
  'police',
  'childrens-social-care',
  'health',
  'education',
  'regulator',
  'parent-or-carer',
  'child-or-young-person',
  'member-of-public',
  'anonymous',
  'other',
] as const;
export type ReferrerType = (typeof REFERRER_TYPES)[number];

export const CONCERN_CATEGORIES = [
  'physical-abuse',
  'sexual-abuse',
  'emotional-abuse',
  'neglect',
  'suitability',
  'other',
] as const;
export type ConcernCategory = (typeof CONCERN_CATEGORIES)[number];

/** Threshold not met: back to the front door as a welfare concern, to the employer as a low-level concern, or advice only. */
export const REDIRECT_ROUTES = ['front-door', 'employer-low-level-concern', 'advice-only'] as const;
export type RedirectRoute = (typeof REDIRECT_ROUTES)[number];

/** The five outcomes of an allegation (KCSIE Part Four). */
export const ALLEGATION_OUTCOMES = [
  'substantiated',
  'malicious',
  'false',
  'unsubstantiated',
  'unfounded',
] as const;
export type AllegationOutcome = (typeof ALLEGATION_OUTCOMES)[number];

/** 'other' covers not applicable too (e.g. a volunteer who simply stops, a self-employed tutor). */
export const EMPLOYMENT_OUTCOMES = ['dismissed', 'resigned', 'retained', 'other'] as const;
export type EmploymentOutcome = (typeof EMPLOYMENT_OUTCOMES)[number];

export const FOLLOW_UPS = ['dbs-referral', 'tra-referral'] as const;
export type FollowUp = (typeof FOLLOW_UPS)[number];

export const CONTACT_PARTIES = ['referrer', 'employer'] as const;
export type ContactParty = (typeof CONTACT_PARTIES)[number];
export const CONTACT_CHANNELS = ['phone', 'email', 'letter', 'meeting', 'video-call'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** Which limb of the retention rule gave a record's retention date. */
export const RETENTION_BASES = ['normal-retirement-age', 'years-from-allegation'] as const;
export type RetentionBasis = (typeof RETENTION_BASES)[number];
