import type { WorkflowDefinition } from '../../engine';
import type { AsvReferralContext } from './asv-referral.context';
import { asvReferralMachine } from './asv-referral.machine';
import { asvSubjects } from './asv-subjects';
import {
  AsvReferralInput,
  ClosePayload,
  ContactPayload,
  FollowUpPayload,
  MeetingHeldPayload,
  OutcomePayload,
  RedirectPayload,
  ReopenPayload,
  ThresholdMetPayload,
  TrackOpenedPayload,
} from './asv-referral.payloads';
import { ASV_EVENTS, ASV_REFERRAL_TYPE, ASV_REFERRAL_VERSION, AsvEventType } from './asv-referral.vocabulary';

/** Version 1 of the ASV referral: its machine, its input, and the payload class of every event. */
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
  subjectsOf: asvSubjects,
  description:
    'Allegation against a member of staff or volunteer: screening against the harm threshold, LADO case, outcome, follow-ups, retention.',
};
