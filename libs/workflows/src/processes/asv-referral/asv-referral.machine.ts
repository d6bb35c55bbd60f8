import { assign, emit, enqueueActions, setup } from 'xstate';
import { dateInLondon } from '../../calendar';
import type { EventMeta } from '../../engine';
import type { AsvReferralContext, AsvReferralEvent, FollowUpRecord } from './asv-referral.context';
import type { AsvReferralInput } from './asv-referral.payloads';
import {
  AllegationOutcome,
  ASV_DEADLINES,
  ASV_EVENTS,
  ASV_REFERRAL_TYPE,
  ASV_REFERRAL_VERSION,
  ASV_ROLES,
  ASV_TEMPLATES,
  ASV_TRACK_EVENTS,
  ASV_TRACKS,
  AsvNotifyEffect,
  AsvRole,
  AsvTemplate,
  AsvTrack,
  FollowUp,
} from './asv-referral.vocabulary';
import { meetsHarmThreshold } from './rules/harm-threshold';
import { requiredFollowUps } from './rules/required-follow-ups';
import { AsvRetention, retentionDate, retentionFollowsTheRule } from './rules/retention';

/**
 * Allegations against staff and volunteers (KCSIE Part Four; Working Together): one workflow per
 * allegation, from the contact through screening against the harm threshold, the LADO's initial
 * consideration, the allegation management meeting, the parallel police / section 47 /
 * disciplinary tracks, the outcome and its follow-ups (DBS, TRA), to closure with a retention date.
 *
 * Effects carry the case reference, a role and a template: never a free-text field, which may
 * hold personal data and stays in the context and the journal.
 */

const FOLLOW_UP_KEY = {
  'dbs-referral': 'dbsReferral',
  'tra-referral': 'traReferral',
} as const satisfies Record<FollowUp, keyof AsvReferralContext['followUps']>;

function londonDateOf(instant: string): string {
  return dateInLondon(new Date(instant));
}

/** The retention that needs no date of birth: the floor of any retention date, with the malicious flag. */
function retentionWithoutBirthDate(context: AsvReferralContext, outcome: AllegationOutcome): AsvRetention {
  return retentionDate({ allegationDate: context.receivedAt, outcome, settings: context.retentionSettings });
}

function allRequiredFollowUpsDone(context: AsvReferralContext): boolean {
  return Object.values(context.followUps).every(
    (followUp) => !followUp.required || followUp.recordedAt !== null,
  );
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
      event.type === ASV_EVENTS.thresholdMet && meetsHarmThreshold(event.limbs),
    /** A contact meeting any limb must go to the LADO; it cannot be redirected. */
    noLimbApplies: ({ event }) => event.type === ASV_EVENTS.redirected && !meetsHarmThreshold(event.limbs),
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
      context.outcome !== null &&
      retentionFollowsTheRule(
        {
          allegationDate: context.receivedAt,
          outcome: context.outcome.outcome,
          settings: context.retentionSettings,
        },
        event.retention,
      ),
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
