import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { assign, emit, enqueueActions, setup } from 'xstate';
import { dateInLondon } from '../../calendar';
import type { EventMeta, WorkflowDefinition } from '../../engine';
import {
  ALLEGATION_OUTCOMES,
  AllegationOutcome,
  anniversary,
  AsvRetention,
  retentionDate,
} from '../../rules/asv-retention';

/**
 * Allegations against staff and volunteers (KCSIE Part Four; Working Together): one workflow per
 * allegation, from the contact through screening against the harm threshold, the LADO's initial
 * consideration, the allegation management meeting, the parallel police / section 47 /
 * disciplinary tracks, the outcome and its follow-ups (DBS, TRA), to closure with a retention date.
 *
 * Personal data: the context holds opaque ids (subjectPersonId, childIds, employerIds) and never a
 * person's name, address or date of birth. Organisation names are allowed (they are not personal
 * data). Free-text fields (limb rationales, redirect and reopen reasons, contact summaries) may
 * contain personal data: they are stored in the context and journal only, bounded in length, and
 * never logged nor copied into effects. Effects carry the case reference, a role and a template.
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

export { ALLEGATION_OUTCOMES };
export type { AllegationOutcome };

/** 'other' covers not applicable too (e.g. a volunteer who simply stops, a self-employed tutor). */
export const EMPLOYMENT_OUTCOMES = ['dismissed', 'resigned', 'retained', 'other'] as const;
export type EmploymentOutcome = (typeof EMPLOYMENT_OUTCOMES)[number];

export const FOLLOW_UPS = ['dbs-referral', 'tra-referral'] as const;
export type FollowUp = (typeof FOLLOW_UPS)[number];

export const CONTACT_PARTIES = ['referrer', 'employer'] as const;
export type ContactParty = (typeof CONTACT_PARTIES)[number];
export const CONTACT_CHANNELS = ['phone', 'email', 'letter', 'meeting', 'video-call'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

// ---------------------------------------------------------------- payloads

/** An opaque id from another system (case management, HR, the organisations register): never a name. */
const OPAQUE_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
/** Another agency's reference: crime numbers and HR case numbers often contain slashes. */
const EXTERNAL_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9_./:-]{0,63}$/;
/** Free text must say something: not only spaces. */
const NOT_BLANK = /\S/;
/** An ISO date-time with its offset, so its London date is unambiguous. */
const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The field patterns above, for the HTTP layer's DTOs to validate exactly as the machine does. */
export const ASV_FIELD_PATTERNS = {
  opaqueId: OPAQUE_ID,
  externalReference: EXTERNAL_REFERENCE,
  notBlank: NOT_BLANK,
  dateTimeWithOffset: DATE_TIME_WITH_OFFSET,
  dateOnly: DATE_ONLY,
} as const;

export class ReferrerDetails {
  @IsIn(REFERRER_TYPES) type!: ReferrerType;
  /** The referring organisation's id in the authority's register of organisations. */
  @IsOptional() @Matches(OPAQUE_ID) organisationId?: string;
  /** The name of an ORGANISATION (a school, a trust, a club): never a person's name. */
  @IsOptional() @IsString() @Length(1, 200) @Matches(NOT_BLANK) organisationName?: string;
}

/** Figures the machine needs when closing; the API fills them from StatutorySettings, never from the client. */
export class AsvRetentionSettingsInput {
  @IsInt() @Min(1) @Max(100) asvRetentionYears!: number;
  @IsInt() @Min(16) @Max(100) asvNormalRetirementAge!: number;
}

export class AsvReferralInput {
  /** Assigned by the API; the machine generates nothing. */
  @Matches(/^ASV-\d{4}-\d{6}$/) reference!: string;
  @IsISO8601({ strict: true }) @Matches(DATE_TIME_WITH_OFFSET) receivedAt!: string;
  @IsString() @Length(1, 40) area!: string;
  @IsDefined() @ValidateNested() @Type(() => ReferrerDetails) referrer!: ReferrerDetails;
  @Matches(OPAQUE_ID) subjectPersonId!: string;
  @IsArray() @ArrayMaxSize(50) @ArrayUnique() @Matches(OPAQUE_ID, { each: true }) childIds!: string[];
  @IsArray() @ArrayMaxSize(20) @ArrayUnique() @Matches(OPAQUE_ID, { each: true }) employerIds!: string[];
  @IsIn(CONCERN_CATEGORIES) concernCategory!: ConcernCategory;
  @IsDefined()
  @ValidateNested()
  @Type(() => AsvRetentionSettingsInput)
  retentionSettings!: AsvRetentionSettingsInput;
}

export class LimbAssessment {
  @IsBoolean() applies!: boolean;
  /** Why the limb does or does not apply. Free text: may contain personal data. */
  @IsString() @Length(1, 2000) @Matches(NOT_BLANK) rationale!: string;
}

/** The four limbs of the harm threshold (KCSIE Part Four), each assessed with its rationale. */
export class HarmThresholdLimbs {
  /** (1) harmed or may have harmed a child. */
  @IsDefined() @ValidateNested() @Type(() => LimbAssessment) harmedChild!: LimbAssessment;
  /** (2) possibly committed a criminal offence against or related to a child. */
  @IsDefined() @ValidateNested() @Type(() => LimbAssessment) criminalOffence!: LimbAssessment;
  /** (3) behaved towards a child or children in a way that indicates they may pose a risk of harm. */
  @IsDefined() @ValidateNested() @Type(() => LimbAssessment) riskOfHarm!: LimbAssessment;
  /** (4) behaved in a way that indicates they may not be suitable to work with children. */
  @IsDefined() @ValidateNested() @Type(() => LimbAssessment) transferableRisk!: LimbAssessment;
}
export type HarmThresholdLimb = keyof HarmThresholdLimbs;

export class ThresholdMetPayload {
  @IsDefined() @ValidateNested() @Type(() => HarmThresholdLimbs) limbs!: HarmThresholdLimbs;
}

export class RedirectPayload {
  @IsDefined() @ValidateNested() @Type(() => HarmThresholdLimbs) limbs!: HarmThresholdLimbs;
  @IsIn(REDIRECT_ROUTES) route!: RedirectRoute;
  /** Required: every redirect records why. Free text: may contain personal data. */
  @IsString() @Length(1, 2000) @Matches(NOT_BLANK) reason!: string;
}

export class MeetingHeldPayload {
  @IsISO8601({ strict: true }) @Matches(DATE_ONLY) heldOn!: string;
}

export class TrackOpenedPayload {
  /** The other agency's reference (a crime number, an HR case number): not a name. */
  @IsOptional() @Matches(EXTERNAL_REFERENCE) externalReference?: string;
}

export class OutcomePayload {
  @IsIn(ALLEGATION_OUTCOMES) outcome!: AllegationOutcome;
  @IsIn(EMPLOYMENT_OUTCOMES) employmentOutcome!: EmploymentOutcome;
  @IsBoolean() subjectIsTeacher!: boolean;
}

export class FollowUpPayload {
  @IsIn(FOLLOW_UPS) followUp!: FollowUp;
  /** The DBS or TRA case reference, when one is given. */
  @IsOptional() @Matches(EXTERNAL_REFERENCE) reference?: string;
}

export type RetentionBasis = AsvRetention['basis'];
export const RETENTION_BASES = [
  'normal-retirement-age',
  'years-from-allegation',
] as const satisfies readonly RetentionBasis[];

/** The retention date computed with retentionDate() (rules/asv-retention.ts). */
export class RetentionDecision {
  @IsISO8601({ strict: true }) @Matches(DATE_ONLY) retainUntil!: string;
  @IsIn(RETENTION_BASES) basis!: RetentionBasis;
}

export class ClosePayload {
  /**
   * Computed by the caller with retentionDate() from the subject's date of birth, which then goes
   * no further. The date of birth is not in this payload because every payload is kept for ever
   * in the append-only journal; replay needs only the result. The machine checks the result
   * against what it can know without the date of birth (guard readyToClose).
   */
  @IsDefined() @ValidateNested() @Type(() => RetentionDecision) retention!: RetentionDecision;
}

export class ReopenPayload {
  /** Free text: may contain personal data. */
  @IsString() @Length(1, 2000) @Matches(NOT_BLANK) reason!: string;
}

export class ContactPayload {
  @IsIn(CONTACT_PARTIES) with!: ContactParty;
  @IsIn(CONTACT_CHANNELS) channel!: ContactChannel;
  /** Which employer, when the case has several (must be one of the case's employerIds). */
  @IsOptional() @Matches(OPAQUE_ID) employerId?: string;
  /** Free text: may contain personal data, so it is never logged nor put in an effect. */
  @IsString() @Length(1, 1000) @Matches(NOT_BLANK) summary!: string;
}

// ---------------------------------------------------------------- context

export interface ScreeningRecord {
  decidedAt: string;
  thresholdMet: boolean;
  limbs: HarmThresholdLimbs;
}

export interface TrackEpisode {
  track: AsvTrack;
  openedAt: string;
  concludedAt: string | null;
  externalReference: string | null;
}

export interface OutcomeRecord {
  outcome: AllegationOutcome;
  employmentOutcome: EmploymentOutcome;
  subjectIsTeacher: boolean;
  recordedAt: string;
}

export interface FollowUpRecord {
  required: boolean;
  recordedAt: string | null;
  reference: string | null;
}

export interface ContactLogEntry {
  at: string;
  with: ContactParty;
  channel: ContactChannel;
  employerId: string | null;
  summary: string;
}

export interface Reopening {
  at: string;
  from: 'closed' | 'redirected';
  reason: string;
}

export interface AsvReferralContext {
  reference: string;
  area: string;
  receivedAt: string;
  referrer: { type: ReferrerType; organisationId: string | null; organisationName: string | null };
  subjectPersonId: string;
  childIds: string[];
  employerIds: string[];
  concernCategory: ConcernCategory;
  retentionSettings: { asvRetentionYears: number; asvNormalRetirementAge: number };
  /**
   * Anchors of the statutory clocks. Apart from the facts because a reopened case restarts its
   * clock from the reopening, while receivedAt and the first decision stay what they were.
   */
  clocks: { screeningFrom: string; ladoReferralFrom: string | null; meetingFrom: string | null };
  screening: ScreeningRecord | null;
  redirect: { route: RedirectRoute; reason: string; at: string } | null;
  referredAt: string | null;
  meetings: { heldOn: string; recordedAt: string }[];
  tracks: TrackEpisode[];
  outcome: OutcomeRecord | null;
  /** When the outcome was recorded: the LADO resolution targets are reported against it. */
  resolvedAt: string | null;
  followUps: { dbsReferral: FollowUpRecord; traReferral: FollowUpRecord };
  closedAt: string | null;
  retention: AsvRetention | null;
  contacts: ContactLogEntry[];
  reopenings: Reopening[];
}

type WithMeta<T extends string, P = object> = { type: T; meta: EventMeta } & P;
type E = typeof ASV_EVENTS;

export type AsvReferralEvent =
  | WithMeta<E['thresholdMet'], ThresholdMetPayload>
  | WithMeta<E['redirected'], RedirectPayload>
  | WithMeta<E['referredToLado']>
  | WithMeta<E['meetingHeld'], MeetingHeldPayload>
  | WithMeta<E['policeOpened'] | E['section47Opened'] | E['disciplinaryOpened'], TrackOpenedPayload>
  | WithMeta<E['policeConcluded'] | E['section47Concluded'] | E['disciplinaryConcluded']>
  | WithMeta<E['outcomeRecorded'], OutcomePayload>
  | WithMeta<E['followUpRecorded'], FollowUpPayload>
  | WithMeta<E['closed'], ClosePayload>
  | WithMeta<E['reopened'], ReopenPayload>
  | WithMeta<E['contactLogged'], ContactPayload>;

// ---------------------------------------------------------------- rules

/** Which follow-ups an outcome makes a duty. */
export function requiredFollowUps(
  outcome: Pick<OutcomeRecord, 'outcome' | 'employmentOutcome' | 'subjectIsTeacher'>,
): {
  dbsReferral: boolean;
  traReferral: boolean;
} {
  // Substantiated with dismissal or resignation: a duty to refer to the DBS; for a teacher, to the TRA as well.
  const leftWork = outcome.employmentOutcome === 'dismissed' || outcome.employmentOutcome === 'resigned';
  const dbsReferral = outcome.outcome === 'substantiated' && leftWork;
  return { dbsReferral, traReferral: dbsReferral && outcome.subjectIsTeacher };
}

const FOLLOW_UP_KEY = {
  'dbs-referral': 'dbsReferral',
  'tra-referral': 'traReferral',
} as const satisfies Record<FollowUp, keyof AsvReferralContext['followUps']>;

function limbsApplying(limbs: HarmThresholdLimbs): number {
  return Object.values(limbs).filter((limb: LimbAssessment) => limb.applies).length;
}

function londonDateOf(instant: string): string {
  return dateInLondon(new Date(instant));
}

/**
 * The retention that needs no date of birth: years from the allegation, with the malicious flag.
 * The floor of any retention date, and the whole of it when the date of birth is unknown.
 */
function retentionWithoutBirthDate(context: AsvReferralContext, outcome: AllegationOutcome): AsvRetention {
  return retentionDate({
    allegationDate: londonDateOf(context.receivedAt),
    outcome,
    settings: context.retentionSettings,
  });
}

function allRequiredFollowUpsDone(context: AsvReferralContext): boolean {
  return Object.values(context.followUps).every(
    (followUp) => !followUp.required || followUp.recordedAt !== null,
  );
}

/**
 * The retention date the caller computed follows the rule as far as the machine can tell without
 * the date of birth: years-from-allegation is exactly that date; a retirement date is later than
 * it, and no later than the retirement age counted from the allegation itself (the subject was
 * born before the allegation).
 */
function retentionFollowsTheRule(context: AsvReferralContext, retention: RetentionDecision): boolean {
  if (context.outcome === null) return false;
  const floor = retentionWithoutBirthDate(context, context.outcome.outcome).retainUntil;
  if (retention.basis === 'years-from-allegation') return retention.retainUntil === floor;
  const latestRetirement = anniversary(
    londonDateOf(context.receivedAt),
    context.retentionSettings.asvNormalRetirementAge,
  );
  return retention.retainUntil > floor && retention.retainUntil <= latestRetirement;
}

const noFollowUp = (): FollowUpRecord => ({ required: false, recordedAt: null, reference: null });

function notify(role: AsvRole, template: AsvTemplate, reference: string): AsvNotifyEffect {
  return { type: 'notify', role, template, reference };
}

const TRACK_OF_EVENT: Record<string, AsvTrack> = Object.fromEntries(
  ASV_TRACKS.flatMap((track) => [
    [ASV_TRACK_EVENTS[track].opened, track],
    [ASV_TRACK_EVENTS[track].concluded, track],
  ]),
);

// ---------------------------------------------------------------- machine

type Input = AsvReferralInput & { meta: EventMeta };

const asvReferralSetup = setup({
  types: {
    context: {} as AsvReferralContext,
    events: {} as AsvReferralEvent,
    input: {} as Input,
    emitted: {} as AsvNotifyEffect,
  },
  guards: {
    /** Threshold met only when at least one limb applies. */
    atLeastOneLimbApplies: ({ event }) =>
      event.type === ASV_EVENTS.thresholdMet && limbsApplying(event.limbs) > 0,
    /** A contact meeting any limb must go to the LADO; it cannot be redirected. */
    noLimbApplies: ({ event }) => event.type === ASV_EVENTS.redirected && limbsApplying(event.limbs) === 0,
    /** A meeting is recorded once held: not on a date after today (London). */
    meetingDateNotInFuture: ({ event }) =>
      event.type === ASV_EVENTS.meetingHeld && event.heldOn <= londonDateOf(event.meta.at),
    /** The outcome waits until every opened track has concluded. */
    noTrackStillOpen: ({ context }) => context.tracks.every((episode) => episode.concludedAt !== null),
    /** Each follow-up is recorded once. */
    followUpNotAlreadyRecorded: ({ context, event }) =>
      event.type === ASV_EVENTS.followUpRecorded &&
      context.followUps[FOLLOW_UP_KEY[event.followUp]].recordedAt === null,
    /**
     * A case closes only when every follow-up its outcome requires is recorded and the retention
     * date follows the rule. One guard rather than and([...]) so that a refusal names it (the
     * engine reports named guards only).
     */
    readyToClose: ({ context, event }) =>
      event.type === ASV_EVENTS.closed &&
      allRequiredFollowUpsDone(context) &&
      retentionFollowsTheRule(context, event.retention),
    /** A contact with an employer names one of the case's employers, and only a contact with an employer does. */
    contactEmployerIsOnTheCase: ({ context, event }) =>
      event.type === ASV_EVENTS.contactLogged &&
      (event.employerId === undefined ||
        (event.with === 'employer' && context.employerIds.includes(event.employerId))),
  },
  actions: {
    announceReceipt: emit(({ context }) =>
      notify(ASV_ROLES.coordinator, ASV_TEMPLATES.received, context.reference),
    ),
    recordThresholdMet: assign(({ context, event }) =>
      event.type === ASV_EVENTS.thresholdMet
        ? {
            screening: { decidedAt: event.meta.at, thresholdMet: true, limbs: event.limbs },
            clocks: { ...context.clocks, ladoReferralFrom: event.meta.at },
          }
        : {},
    ),
    recordRedirect: assign(({ event }) =>
      event.type === ASV_EVENTS.redirected
        ? {
            screening: { decidedAt: event.meta.at, thresholdMet: false, limbs: event.limbs },
            redirect: { route: event.route, reason: event.reason, at: event.meta.at },
          }
        : {},
    ),
    announceRedirect: enqueueActions(({ context, event, enqueue }) => {
      if (event.type === ASV_EVENTS.redirected && event.route === 'front-door') {
        enqueue.emit(notify(ASV_ROLES.frontDoor, ASV_TEMPLATES.redirectedToFrontDoor, context.reference));
      }
    }),
    recordReferral: assign(({ context, event }) => ({
      referredAt: event.meta.at,
      clocks: { ...context.clocks, meetingFrom: event.meta.at },
    })),
    announceReferral: emit(({ context }) =>
      notify(ASV_ROLES.lado, ASV_TEMPLATES.referred, context.reference),
    ),
    recordMeeting: assign(({ context, event }) =>
      event.type === ASV_EVENTS.meetingHeld
        ? { meetings: [...context.meetings, { heldOn: event.heldOn, recordedAt: event.meta.at }] }
        : {},
    ),
    openTrack: assign(({ context, event }) => {
      const track = TRACK_OF_EVENT[event.type];
      if (!track) return {};
      const externalReference = 'externalReference' in event ? (event.externalReference ?? null) : null;
      return {
        tracks: [...context.tracks, { track, openedAt: event.meta.at, concludedAt: null, externalReference }],
      };
    }),
    concludeTrack: assign(({ context, event }) => {
      const track = TRACK_OF_EVENT[event.type];
      return {
        tracks: context.tracks.map((episode) =>
          episode.track === track && episode.concludedAt === null
            ? { ...episode, concludedAt: event.meta.at }
            : episode,
        ),
      };
    }),
    recordOutcome: assign(({ context, event }) => {
      if (event.type !== ASV_EVENTS.outcomeRecorded) return {};
      const required = requiredFollowUps(event);
      return {
        outcome: {
          outcome: event.outcome,
          employmentOutcome: event.employmentOutcome,
          subjectIsTeacher: event.subjectIsTeacher,
          recordedAt: event.meta.at,
        },
        resolvedAt: event.meta.at,
        followUps: {
          dbsReferral: { ...context.followUps.dbsReferral, required: required.dbsReferral },
          traReferral: { ...context.followUps.traReferral, required: required.traReferral },
        },
      };
    }),
    announceFollowUps: enqueueActions(({ context, enqueue }) => {
      if (
        Object.values(context.followUps).some((followUp) => followUp.required && followUp.recordedAt === null)
      ) {
        enqueue.emit(notify(ASV_ROLES.lado, ASV_TEMPLATES.followUpsRequired, context.reference));
      }
    }),
    recordFollowUp: assign(({ context, event }) => {
      if (event.type !== ASV_EVENTS.followUpRecorded) return {};
      const key = FOLLOW_UP_KEY[event.followUp];
      return {
        followUps: {
          ...context.followUps,
          [key]: { ...context.followUps[key], recordedAt: event.meta.at, reference: event.reference ?? null },
        },
      };
    }),
    recordClosure: assign(({ context, event }) => {
      if (event.type !== ASV_EVENTS.closed || context.outcome === null) return {};
      const { flagForEmployer } = retentionWithoutBirthDate(context, context.outcome.outcome);
      const retention: AsvRetention = {
        retainUntil: event.retention.retainUntil,
        basis: event.retention.basis,
        flagForEmployer,
      };
      return { closedAt: event.meta.at, retention };
    }),
    announceMaliciousFlag: enqueueActions(({ context, enqueue }) => {
      if (context.retention?.flagForEmployer) {
        enqueue.emit(notify(ASV_ROLES.lado, ASV_TEMPLATES.maliciousFlagForEmployer, context.reference));
      }
    }),
    reopenClosedCase: assign(({ context, event }) =>
      event.type === ASV_EVENTS.reopened
        ? {
            reopenings: [
              ...context.reopenings,
              { at: event.meta.at, from: 'closed' as const, reason: event.reason },
            ],
            clocks: { ...context.clocks, meetingFrom: event.meta.at },
            outcome: null,
            resolvedAt: null,
            closedAt: null,
            retention: null,
            followUps: {
              dbsReferral: { ...context.followUps.dbsReferral, required: false },
              traReferral: { ...context.followUps.traReferral, required: false },
            },
          }
        : {},
    ),
    reopenRedirectedContact: assign(({ context, event }) =>
      event.type === ASV_EVENTS.reopened
        ? {
            reopenings: [
              ...context.reopenings,
              { at: event.meta.at, from: 'redirected' as const, reason: event.reason },
            ],
            clocks: { ...context.clocks, screeningFrom: event.meta.at },
            screening: null,
            redirect: null,
          }
        : {},
    ),
    announceReopenToLado: emit(({ context }) =>
      notify(ASV_ROLES.lado, ASV_TEMPLATES.reopened, context.reference),
    ),
    announceReopenToCoordinator: emit(({ context }) =>
      notify(ASV_ROLES.coordinator, ASV_TEMPLATES.reopened, context.reference),
    ),
    logContact: assign(({ context, event }) =>
      event.type === ASV_EVENTS.contactLogged
        ? {
            contacts: [
              ...context.contacts,
              {
                at: event.meta.at,
                with: event.with,
                channel: event.channel,
                employerId: event.employerId ?? null,
                summary: event.summary,
              },
            ],
          }
        : {},
    ),
  },
});

/** One region of the parallel tracks: not opened → open → concluded, independently of the others. */
function trackRegion(track: AsvTrack) {
  return {
    initial: 'notOpened' as const,
    states: {
      notOpened: {
        on: { [ASV_TRACK_EVENTS[track].opened]: { target: 'open', actions: 'openTrack' as const } },
      },
      open: {
        on: {
          [ASV_TRACK_EVENTS[track].concluded]: { target: 'concluded', actions: 'concludeTrack' as const },
        },
      },
      concluded: {},
    },
  };
}

export const asvReferralMachine = asvReferralSetup.createMachine({
  id: `${ASV_REFERRAL_TYPE}-v${ASV_REFERRAL_VERSION}`,
  context: ({ input }) => ({
    reference: input.reference,
    area: input.area,
    receivedAt: input.receivedAt,
    referrer: {
      type: input.referrer.type,
      organisationId: input.referrer.organisationId ?? null,
      organisationName: input.referrer.organisationName ?? null,
    },
    subjectPersonId: input.subjectPersonId,
    childIds: [...input.childIds],
    employerIds: [...input.employerIds],
    concernCategory: input.concernCategory,
    retentionSettings: {
      asvRetentionYears: input.retentionSettings.asvRetentionYears,
      asvNormalRetirementAge: input.retentionSettings.asvNormalRetirementAge,
    },
    clocks: { screeningFrom: input.receivedAt, ladoReferralFrom: null, meetingFrom: null },
    screening: null,
    redirect: null,
    referredAt: null,
    meetings: [],
    tracks: [],
    outcome: null,
    resolvedAt: null,
    followUps: { dbsReferral: noFollowUp(), traReferral: noFollowUp() },
    closedAt: null,
    retention: null,
    contacts: [],
    reopenings: [],
  }),
  initial: 'screening',
  entry: 'announceReceipt',
  // Contacts with the referrer and the employer are logged at every stage, closed and redirected
  // included: the LADO still hears from an employer after a redirect or a closure.
  on: { [ASV_EVENTS.contactLogged]: { guard: 'contactEmployerIsOnTheCase', actions: 'logContact' } },
  states: {
    screening: {
      meta: {
        label: 'Screening against the harm threshold',
        deadlines: [
          {
            kind: ASV_DEADLINES.screening,
            anchor: 'clocks.screeningFrom',
            workingDays: 'asvScreeningWorkingDays',
            description:
              'KCSIE Part Four: screened within asvScreeningWorkingDays (1) of receipt, or of reopening',
          },
        ],
        stuckAfterHours: 48,
      },
      on: {
        [ASV_EVENTS.thresholdMet]: {
          guard: 'atLeastOneLimbApplies',
          target: 'awaitingLadoReferral',
          actions: 'recordThresholdMet',
        },
        [ASV_EVENTS.redirected]: {
          guard: 'noLimbApplies',
          target: 'redirected',
          actions: ['recordRedirect', 'announceRedirect'],
        },
      },
    },
    awaitingLadoReferral: {
      meta: {
        label: 'Threshold met: to be referred to the LADO',
        deadlines: [
          {
            kind: ASV_DEADLINES.ladoReferral,
            anchor: 'clocks.ladoReferralFrom',
            workingDays: 'ladoReferralWorkingDays',
            description:
              'KCSIE Part Four: referred to the LADO within ladoReferralWorkingDays (1) of the screening decision',
          },
        ],
        stuckAfterHours: 48,
      },
      on: {
        [ASV_EVENTS.referredToLado]: {
          target: 'ladoInitialConsideration',
          actions: ['recordReferral', 'announceReferral'],
        },
      },
    },
    ladoInitialConsideration: {
      meta: {
        label: 'LADO initial consideration',
        deadlines: [
          {
            kind: ASV_DEADLINES.allegationMeeting,
            anchor: 'clocks.meetingFrom',
            workingDays: 'allegationMeetingWorkingDays',
            description:
              'Local procedure: allegation management meeting within allegationMeetingWorkingDays (3) of the referral',
          },
        ],
        stuckAfterHours: 72,
      },
      on: {
        [ASV_EVENTS.meetingHeld]: {
          guard: 'meetingDateNotInFuture',
          target: 'tracks',
          actions: 'recordMeeting',
        },
      },
    },
    tracks: {
      type: 'parallel',
      meta: { label: 'Enquiries: police, section 47, employer disciplinary', stuckAfterHours: 24 * 28 },
      states: {
        police: trackRegion('police'),
        section47: trackRegion('section47'),
        disciplinary: trackRegion('disciplinary'),
      },
      on: {
        // Review meetings are recorded as they are held.
        [ASV_EVENTS.meetingHeld]: { guard: 'meetingDateNotInFuture', actions: 'recordMeeting' },
        [ASV_EVENTS.outcomeRecorded]: {
          guard: 'noTrackStillOpen',
          target: 'followUps',
          actions: ['recordOutcome', 'announceFollowUps'],
        },
      },
    },
    followUps: {
      meta: { label: 'Outcome recorded: follow-ups before closure', stuckAfterHours: 24 * 14 },
      on: {
        [ASV_EVENTS.followUpRecorded]: { guard: 'followUpNotAlreadyRecorded', actions: 'recordFollowUp' },
        [ASV_EVENTS.closed]: {
          guard: 'readyToClose',
          target: 'closed',
          actions: ['recordClosure', 'announceMaliciousFlag'],
        },
      },
    },
    // Not XState-final so that a case can be reopened; no deadline and no stuck limit.
    closed: {
      meta: { label: 'Closed' },
      on: {
        [ASV_EVENTS.reopened]: {
          target: 'ladoInitialConsideration',
          actions: ['reopenClosedCase', 'announceReopenToLado'],
        },
      },
    },
    redirected: {
      meta: { label: 'Threshold not met: redirected' },
      on: {
        [ASV_EVENTS.reopened]: {
          target: 'screening',
          actions: ['reopenRedirectedContact', 'announceReopenToCoordinator'],
        },
      },
    },
  },
});

export const asvReferralDefinition: WorkflowDefinition = {
  type: ASV_REFERRAL_TYPE,
  version: ASV_REFERRAL_VERSION,
  machine: asvReferralMachine,
  input: AsvReferralInput,
  events: {
    [ASV_EVENTS.thresholdMet]: ThresholdMetPayload,
    [ASV_EVENTS.redirected]: RedirectPayload,
    [ASV_EVENTS.referredToLado]: null,
    [ASV_EVENTS.meetingHeld]: MeetingHeldPayload,
    [ASV_EVENTS.policeOpened]: TrackOpenedPayload,
    [ASV_EVENTS.policeConcluded]: null,
    [ASV_EVENTS.section47Opened]: TrackOpenedPayload,
    [ASV_EVENTS.section47Concluded]: null,
    [ASV_EVENTS.disciplinaryOpened]: TrackOpenedPayload,
    [ASV_EVENTS.disciplinaryConcluded]: null,
    [ASV_EVENTS.outcomeRecorded]: OutcomePayload,
    [ASV_EVENTS.followUpRecorded]: FollowUpPayload,
    [ASV_EVENTS.closed]: ClosePayload,
    [ASV_EVENTS.reopened]: ReopenPayload,
    [ASV_EVENTS.contactLogged]: ContactPayload,
  } satisfies Record<AsvEventType, unknown>,
  areaOf: (context) => (context as AsvReferralContext).area,
  referenceOf: (context) => (context as AsvReferralContext).reference,
  description:
    'Allegation against a member of staff or volunteer: screening against the harm threshold, LADO case, outcome, follow-ups, retention.',
};
