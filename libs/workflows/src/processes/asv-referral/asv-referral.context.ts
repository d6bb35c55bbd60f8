import type { EventMeta } from '../../engine';
import type {
  ClosePayload,
  ContactPayload,
  FollowUpPayload,
  HarmThresholdLimbs,
  MeetingHeldPayload,
  OutcomePayload,
  RedirectPayload,
  ReopenPayload,
  ThresholdMetPayload,
  TrackOpenedPayload,
} from './asv-referral.payloads';
import type { AsvRetention } from './rules/retention';
import type {
  AllegationOutcome,
  ASV_EVENTS,
  AsvTrack,
  ConcernCategory,
  ContactChannel,
  ContactParty,
  EmploymentOutcome,
  RedirectRoute,
  ReferrerType,
} from './asv-referral.vocabulary';

/**
 * What an ASV referral's machine knows (its context) and what it hears (its events, each with the
 * engine's meta). The context holds opaque ids and never a person's name, address or date of birth.
 */
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
