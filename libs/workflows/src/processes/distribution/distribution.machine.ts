import { enqueueActions, setup } from 'xstate';
import type { DeadlineDecl, EventMeta } from '../../engine';
import type { DistributionContext } from './distribution.context';
import type { DistributionEffect } from './distribution.effects';
import type { DistributionEvent } from './distribution.events';
import {
  CORRECTIONS_STATES,
  correctionsState,
  DECISIONS_STATES,
  decisionsState,
  distributionGuards,
  MINUTES_STATES,
  minutesState,
} from './distribution.guards';
import type { DistributionInput } from './distribution.payloads';
import * as update from './distribution.steps';
import {
  DISTRIBUTION_DEADLINES,
  DISTRIBUTION_EVENTS as E,
  DISTRIBUTION_TYPE,
  DISTRIBUTION_VERSION,
} from './distribution.vocabulary';

/**
 * The distribution of one conference's documents: the decisions and outline plan to every
 * invitee, then the minutes with the reports to the list the chair approves, each recipient's
 * pack holding only the parts the rule (rules/) lets them have; corrections, a corrected version
 * to the same list superseding the old packs; a pack sent in error revoked with a
 * data-protection incident. Started by the conference when it is held.
 *
 * Pure: actions assign context and declare effects with emit(); time comes only from
 * event.meta.at; clocks are data in meta.deadlines, anchored on dates the actions compute
 * (distribution.clocks.ts). The three regions route themselves from the context.
 */
export const DISTRIBUTION_MACHINE_ID = `${DISTRIBUTION_TYPE}-v${DISTRIBUTION_VERSION}`;

type Input = DistributionInput & { meta: EventMeta };
type UpdateFn = (context: DistributionContext, event: DistributionEvent) => update.Update;

/** An action that assigns what an update changes (the clocks refreshed after it) and emits what it declares. */
const step = (fn: UpdateFn) =>
  enqueueActions<
    DistributionContext,
    DistributionEvent,
    undefined,
    DistributionEvent,
    never,
    never,
    never,
    never,
    DistributionEffect
  >(({ context, event, enqueue }) => {
    const { changes, effects } = fn(context, event);
    const next = { ...context, ...changes };
    enqueue.assign({ ...changes, ...update.refreshClocks(next, event.meta.at) });
    for (const effect of effects) enqueue.emit(effect);
  });

/** Working days 0 from an anchor the actions computed: the anchor is the due date. */
const clock = (kind: string, anchor: string, description: string): DeadlineDecl => ({
  kind,
  anchor,
  workingDays: 0,
  description,
});

const DECISIONS = clock(
  DISTRIBUTION_DEADLINES.decisions,
  'clocks.decisionsDueBy',
  'Decisions and outline plan sent to every invitee within decisionsDistributionWorkingDays (1) of the conference',
);
const MINUTES = clock(
  DISTRIBUTION_DEADLINES.minutes,
  'clocks.minutesDueBy',
  'Minutes drafted, approved by the chair and sent within minutesDistributionWorkingDays (15) of the conference',
);
const CORRECTION_ANSWER = clock(
  DISTRIBUTION_DEADLINES.correctionAnswer,
  'clocks.correctionAnswerDueBy',
  'The chair answers each correction within correctionAnswerWorkingDays (5) of its request (the earliest awaiting)',
);

type Region = 'decisions' | 'minutes' | 'corrections';
const WHERE: Record<Region, (context: DistributionContext) => string> = {
  decisions: decisionsState,
  minutes: minutesState,
  corrections: correctionsState,
};

/** Eventless transitions to wherever the context says a region is, from any of its states. */
function routes<S extends string>(region: Region, states: readonly S[], from: S | 'routing') {
  return states
    .filter((s) => s !== from)
    .map((target) => ({ guard: { type: 'regionIs' as const, params: { region, state: target } }, target }));
}

const distributionSetup = setup({
  types: {
    context: {} as DistributionContext,
    events: {} as DistributionEvent,
    input: {} as Input,
    emitted: {} as DistributionEffect,
  },
  guards: {
    ...distributionGuards,
    regionIs: ({ context }, params: { region: Region; state: string }) =>
      WHERE[params.region](context) === params.state,
  },
  actions: {
    addRecipient: step(update.addRecipient),
    registerDocument: step(update.registerDocument),
    approve: step(update.approve),
    markSent: step(update.markSent),
    markDelivered: step(update.markDelivered),
    markRejected: step(update.markRejected),
    markOpened: step(update.markOpened),
    resend: step(update.resend),
    revoke: step(update.revoke),
    requestCorrection: step(update.requestCorrection),
    answerCorrection: step(update.answerCorrection),
  },
});

const registerDecisions = {
  [E.decisionsRegistered]: { guard: 'decisionsPartsAreSound', actions: 'registerDocument' },
} as const;
const registerMinutes = {
  [E.minutesRegistered]: { guard: 'minutesPartsAreSound', actions: 'registerDocument' },
  [E.reportRegistered]: { guard: 'reportPartsAreSound', actions: 'registerDocument' },
} as const;

export const distributionMachine = distributionSetup.createMachine({
  id: DISTRIBUTION_MACHINE_ID,
  context: ({ input }) => update.initialContext(input),
  initial: 'open',
  states: {
    open: {
      type: 'parallel',
      meta: { label: 'Distributing the conference’s documents' },
      on: {
        [E.recipientAdded]: { guard: 'chairAddsNewRecipient', actions: 'addRecipient' },
        [E.packSent]: { guard: 'packAwaitsSending', actions: 'markSent' },
        [E.packDelivered]: { guard: 'emailWasSent', actions: 'markDelivered' },
        [E.packRejected]: { guard: 'emailCanBeRejected', actions: 'markRejected' },
        [E.packOpened]: { guard: 'packOpensFirstTime', actions: 'markOpened' },
        [E.packResent]: { guard: 'packWasRejected', actions: 'resend' },
        [E.packRevoked]: { guard: 'packNotRevoked', actions: 'revoke' },
        [E.correctionRequested]: { guard: 'correctionWithinWindow', actions: 'requestCorrection' },
      },
      states: {
        decisions: {
          initial: 'routing',
          states: {
            routing: { always: routes('decisions', DECISIONS_STATES, 'routing') },
            awaitingDraft: {
              meta: { label: 'Decisions and outline plan to draft', deadlines: [DECISIONS] },
              on: registerDecisions,
              always: routes('decisions', DECISIONS_STATES, 'awaitingDraft'),
            },
            awaitingApproval: {
              meta: { label: 'Decisions and their list awaiting the chair', deadlines: [DECISIONS] },
              on: {
                ...registerDecisions,
                [E.decisionsApproved]: { guard: 'listKeepsTheRules', actions: 'approve' },
              },
              always: routes('decisions', DECISIONS_STATES, 'awaitingApproval'),
            },
            sending: {
              meta: { label: 'Decisions going out', deadlines: [DECISIONS] },
              always: routes('decisions', DECISIONS_STATES, 'sending'),
            },
            sent: {
              meta: { label: 'Decisions sent to every invitee' },
              always: routes('decisions', DECISIONS_STATES, 'sent'),
            },
          },
        },
        minutes: {
          initial: 'routing',
          states: {
            routing: { always: routes('minutes', MINUTES_STATES, 'routing') },
            drafting: {
              meta: { label: 'Minutes to draft', deadlines: [MINUTES] },
              on: registerMinutes,
              always: routes('minutes', MINUTES_STATES, 'drafting'),
            },
            awaitingApproval: {
              meta: { label: 'Minutes and their list awaiting the chair', deadlines: [MINUTES] },
              on: {
                ...registerMinutes,
                [E.minutesApproved]: { guard: 'listKeepsTheRules', actions: 'approve' },
              },
              always: routes('minutes', MINUTES_STATES, 'awaitingApproval'),
            },
            sending: {
              meta: { label: 'Minutes going out', deadlines: [MINUTES] },
              always: routes('minutes', MINUTES_STATES, 'sending'),
            },
            sent: {
              meta: { label: 'Minutes sent; corrections may be asked for' },
              always: routes('minutes', MINUTES_STATES, 'sent'),
            },
            revising: {
              meta: {
                label: 'A correction accepted: a new version of the minutes to register',
                stuckAfterHours: 24 * 5,
              },
              on: registerMinutes,
              always: routes('minutes', MINUTES_STATES, 'revising'),
            },
          },
        },
        corrections: {
          initial: 'routing',
          states: {
            routing: { always: routes('corrections', CORRECTIONS_STATES, 'routing') },
            none: { always: routes('corrections', CORRECTIONS_STATES, 'none') },
            awaitingAnswer: {
              meta: { label: 'A correction awaiting the chair’s answer', deadlines: [CORRECTION_ANSWER] },
              on: {
                [E.correctionAnswered]: {
                  guard: 'chairAnswersPendingCorrection',
                  actions: 'answerCorrection',
                },
              },
              always: routes('corrections', CORRECTIONS_STATES, 'awaitingAnswer'),
            },
          },
        },
      },
    },
  },
});
