import { enqueueActions, setup } from 'xstate';
import type { DeadlineDecl, EventMeta } from '../../engine';
import type { ConferenceContext } from './conference.context';
import type { ConferenceEffect } from './conference.effects';
import type { ConferenceEvent } from './conference.events';
import { conferenceGuards } from './conference.guards';
import { outcomeGuards } from './conference.outcome.guards';
import { OUTCOME_EVENTS as O } from './conference.outcome.vocabulary';
import {
  everyInvitationSent,
  everyReportIn,
  someInviteeProposed,
  withReportDueDates,
} from './conference.invitees';
import type { ConferenceRequestInput } from './conference.payloads';
import * as update from './steps';
import {
  CONFERENCE_DEADLINES,
  CONFERENCE_EVENTS as E,
  CONFERENCE_TYPE,
  CONFERENCE_VERSION,
  SOCIAL_WORKER_REPORT,
} from './conference.vocabulary';

/**
 * One child protection conference (initial, transfer-in, pre-birth or review), from its request
 * to the day it is held: the due date, the chair, the booking (a late date only with the team
 * manager's and the chair's agreement), the invitations with their iCalendar sequence, and the
 * reports; then (part 2, the `held` region) the attendance and its quoracy per child, an
 * adjournment back to booking or an exceptional quorum, and the decision per child, which starts
 * the plans, the household's next review conference and the distribution.
 *
 * Pure: actions assign context and declare effects with emit(); time comes only from
 * event.meta.at; clocks are data in meta.deadlines, anchored on dates the actions compute with
 * the timescale rules (conference.clocks.ts).
 */
export const CONFERENCE_MACHINE_ID = `${CONFERENCE_TYPE}-v${CONFERENCE_VERSION}`;
const root = (path: string) => `#${CONFERENCE_MACHINE_ID}.${path}`;

type Input = ConferenceRequestInput & { meta: EventMeta };
type UpdateFn = (context: ConferenceContext, event: ConferenceEvent) => update.Update;

/** An action that assigns what an update changes and emits what it declares. */
const step = (fn: UpdateFn) =>
  enqueueActions<
    ConferenceContext,
    ConferenceEvent,
    undefined,
    ConferenceEvent,
    never,
    never,
    never,
    never,
    ConferenceEffect
  >(({ context, event, enqueue }) => {
    const { changes: stepChanges, effects } = fn(context, event);
    // Every report's own clock follows the booking and its receipt, whatever step moved either.
    const next = { ...context, ...stepChanges };
    const reports = withReportDueDates(next.reports, next.clocks.reportsDueBy);
    const changes = reports.some((report, i) => report !== next.reports[i])
      ? { ...stepChanges, reports }
      : stepChanges;
    if (Object.keys(changes).length > 0) enqueue.assign(changes);
    for (const effect of effects) enqueue.emit(effect);
  });

/** Working days 0 from an anchor the actions computed: the anchor is the due date. */
const clock = (kind: string, anchor: string, description: string): DeadlineDecl => ({
  kind,
  anchor,
  workingDays: 0,
  description,
});

const DUE = clock(
  CONFERENCE_DEADLINES.due,
  'clocks.dueDate',
  'Held by its statutory date: ICPC within icpcWorkingDays (15) of the strategy discussion, transfer-in within transferInWorkingDays (15) of the notification, pre-birth by the latest week, review by the plans’ cycle',
);
const INVITATIONS = clock(
  CONFERENCE_DEADLINES.invitations,
  'clocks.invitationsSendBy',
  'Every invitation sent invitationsWorkingDaysBefore (5) working days before the conference',
);
/** One clock per expected report (keyed by its agency key, or social-worker), closed once it is received. */
const REPORTS: DeadlineDecl = {
  kind: CONFERENCE_DEADLINES.reports,
  forEach: 'reports',
  key: 'key',
  anchor: '$item.dueBy',
  workingDays: 0,
  description:
    'Each agency report and the social worker’s to the chair agencyReportWorkingDaysBeforeIcpc (3) / …BeforeReview (5) working days before',
};
const REPORT_TO_PARENTS = clock(
  CONFERENCE_DEADLINES.reportToParents,
  'clocks.reportToParentsBy',
  'The social worker’s report shared with parents socialWorkerReportToParentsWorkingDays (2) working days before',
);

const socialWorkerReportShared = (context: ConferenceContext) =>
  context.reports.some(
    (report) => report.key === SOCIAL_WORKER_REPORT && report.sharedWithParentsOn !== null,
  );
const everyReportReceived = (context: ConferenceContext) =>
  context.reports.every((report) => report.received !== null);

const conferenceSetup = setup({
  types: {
    context: {} as ConferenceContext,
    events: {} as ConferenceEvent,
    input: {} as Input,
    emitted: {} as ConferenceEffect,
  },
  guards: {
    ...conferenceGuards,
    ...outcomeGuards,
    someInviteeProposed: ({ context }) => someInviteeProposed(context),
    noInviteeProposed: ({ context }) => !someInviteeProposed(context),
    everyInvitationSent: ({ context }) => everyInvitationSent(context),
    someInvitationUnsent: ({ context }) => !everyInvitationSent(context),
    everyReportReceived: ({ context }) => everyReportReceived(context),
    someReportOutstanding: ({ context }) => !everyReportReceived(context),
    reportSharedWithParents: ({ context }) => socialWorkerReportShared(context),
    reportNotShared: ({ context }) => !socialWorkerReportShared(context),
  },
  actions: {
    announceRequest: step((context) => update.announceRequest(context)),
    withdraw: step(update.withdraw),
    assignChair: step(update.assignChair),
    book: step(update.book),
    proposeLateDate: step(update.proposeLateDate),
    recordLateAgreement: step(update.recordLateAgreement),
    confirmProposal: step(update.confirmProposal),
    reschedule: step(update.reschedule),
    cancel: step(update.cancel),
    reviseDeliveryDate: step(update.reviseDeliveryDate),
    recordBirth: step(update.recordBirth),
    addInvitee: step(update.addInvitee),
    removeInvitee: step(update.removeInvitee),
    agreeInvitees: step(update.agreeInvitees),
    markSent: step(update.markSent),
    markRejected: step(update.markRejected),
    resend: step(update.resend),
    recordAnswer: step(update.recordAnswer),
    receiveReport: step(update.receiveReport),
    requestWithholding: step(update.requestWithholding),
    decideWithholding: step(update.decideWithholding),
    shareReport: step(update.shareReport),
    convene: step(update.convene),
    // Part 2.
    recordAttendance: step(update.recordAttendance),
    adjourn: step(update.adjourn),
    proceedExceptionally: step(update.proceedExceptionally),
    decide: step(update.decide),
  },
});

/** The team manager's and the chair's agreements to a late date: the second makes it stand. */
const lateAgreement = (onComplete: string | undefined) => [
  {
    guard: 'lateReasonAgreementCompletes' as const,
    ...(onComplete ? { target: onComplete } : {}),
    actions: ['recordLateAgreement' as const, 'confirmProposal' as const],
  },
  { guard: 'lateReasonAgreementRecorded' as const, actions: 'recordLateAgreement' as const },
];

export const conferenceMachine = conferenceSetup.createMachine({
  id: CONFERENCE_MACHINE_ID,
  context: ({ input }) => update.initialContext(input),
  entry: 'announceRequest',
  initial: 'open',
  states: {
    open: {
      meta: { label: 'Requested: to be held by its due date', deadlines: [DUE] },
      initial: 'awaitingChair',
      on: {
        [E.withdrawn]: { guard: 'withdrawalReasonFitsKind', target: 'withdrawn', actions: 'withdraw' },
        [E.chairAssigned]: { guard: 'chairIsAnotherChair', actions: 'assignChair' },
        [E.deliveryDateRevised]: { guard: 'revisedClockIsCoherent', actions: 'reviseDeliveryDate' },
        [E.birthRecorded]: { guard: 'birthOfTheUnbornChild', actions: 'recordBirth' },
        [E.inviteeAdded]: { guard: 'inviteeCanBeAdded', actions: 'addInvitee' },
        [E.inviteeRemoved]: { guard: 'inviteeIsOnTheList', actions: 'removeInvitee' },
        [E.inviteesAgreed]: { guard: 'chairAgreesCompleteList', actions: 'agreeInvitees' },
        [E.reportReceived]: { guard: 'reportIsExpected', actions: 'receiveReport' },
        [E.reportWithholdingRequested]: { guard: 'withholdingCanBeRequested', actions: 'requestWithholding' },
        [E.reportWithholdingDecided]: { guard: 'chairDecidesWithholding', actions: 'decideWithholding' },
        [E.socialWorkerReportShared]: { guard: 'reportCanBeShared', actions: 'shareReport' },
      },
      states: {
        awaitingChair: {
          meta: { label: 'Awaiting a chair', stuckAfterHours: 48 },
          on: {
            [E.chairAssigned]: { guard: 'noChairYet', target: 'awaitingBooking', actions: 'assignChair' },
          },
        },
        awaitingBooking: {
          meta: { label: 'Chair assigned: to be booked', stuckAfterHours: 72 },
          on: {
            [E.scheduled]: [
              { guard: 'bookingWithinDueDate', target: 'booked', actions: 'book' },
              { guard: 'lateBookingHasReason', actions: 'proposeLateDate' },
            ],
            [E.lateReasonAgreed]: lateAgreement('booked'),
          },
        },
        booked: {
          type: 'parallel',
          meta: { label: 'Booked: invitations and reports', stuckAfterHours: 24 * 20 },
          on: {
            [E.rescheduled]: [
              { guard: 'moveWithinDueDate', actions: 'reschedule' },
              { guard: 'lateMoveHasReason', actions: 'proposeLateDate' },
            ],
            [E.lateReasonAgreed]: lateAgreement(undefined),
            [E.cancelled]: { target: root('cancelled'), actions: 'cancel' },
            [E.invitationSent]: { guard: 'emailSendingIsCurrent', actions: 'markSent' },
            [E.invitationRejected]: { guard: 'emailSendingIsCurrent', actions: 'markRejected' },
            [E.letterPosted]: { guard: 'letterIsAwaitingPost', actions: 'markSent' },
            [E.invitationResent]: { guard: 'invitationWasRejected', actions: 'resend' },
            [E.invitationAnswered]: { guard: 'invitationCanBeAnswered', actions: 'recordAnswer' },
            [E.convened]: { guard: 'bookedDayHasCome', target: root('held'), actions: 'convene' },
          },
          // Each region routes itself from the context, so a move, an added invitee or a
          // reopened report puts it back where the context says it is.
          states: {
            invitations: {
              initial: 'routing',
              states: {
                routing: {
                  always: [
                    { guard: 'someInviteeProposed', target: 'awaitingAgreement' },
                    { guard: 'someInvitationUnsent', target: 'sending' },
                    { target: 'allSent' },
                  ],
                },
                awaitingAgreement: {
                  meta: { label: 'Invitee list awaiting the chair', deadlines: [INVITATIONS] },
                  always: { guard: 'noInviteeProposed', target: 'routing' },
                },
                sending: {
                  meta: { label: 'Invitations going out', deadlines: [INVITATIONS] },
                  always: [
                    { guard: 'someInviteeProposed', target: 'awaitingAgreement' },
                    { guard: 'everyInvitationSent', target: 'allSent' },
                  ],
                },
                allSent: {
                  meta: { label: 'Every invitation sent' },
                  always: [
                    { guard: 'someInviteeProposed', target: 'awaitingAgreement' },
                    { guard: 'someInvitationUnsent', target: 'sending' },
                  ],
                },
              },
            },
            reports: {
              initial: 'routing',
              states: {
                routing: {
                  always: [{ guard: 'someReportOutstanding', target: 'collecting' }, { target: 'allIn' }],
                },
                collecting: {
                  meta: { label: 'Reports awaited', deadlines: [REPORTS] },
                  always: { guard: 'everyReportReceived', target: 'allIn' },
                },
                allIn: {
                  meta: { label: 'Every report received' },
                  always: { guard: 'someReportOutstanding', target: 'collecting' },
                },
              },
            },
            reportToParents: {
              initial: 'routing',
              states: {
                routing: {
                  always: [{ guard: 'reportNotShared', target: 'pending' }, { target: 'shared' }],
                },
                pending: {
                  meta: {
                    label: 'Social worker’s report to share with parents',
                    deadlines: [REPORT_TO_PARENTS],
                  },
                  always: { guard: 'reportSharedWithParents', target: 'shared' },
                },
                shared: { meta: { label: 'Social worker’s report shared with parents' } },
              },
            },
          },
        },
      },
    },
    // ------------------------------------------------------------ part 2: the meeting and the decision
    held: {
      meta: { label: 'Held: attendance, quoracy and the decision per child' },
      initial: 'attendance',
      states: {
        attendance: {
          meta: { label: 'Attendance to record', stuckAfterHours: 24 * 3 },
          on: {
            [O.attendanceRecorded]: {
              guard: 'chairRecordsCoherentAttendance',
              target: 'quoracy',
              actions: 'recordAttendance',
            },
          },
        },
        quoracy: {
          always: [{ guard: 'quorateForEveryChild', target: 'deciding' }, { target: 'inquorate' }],
        },
        inquorate: {
          meta: { label: 'Not quorate: adjourn, or proceed exceptionally', stuckAfterHours: 24 * 2 },
          on: {
            [O.adjourned]: [
              { guard: 'chairMayAdjourn', target: root('open.awaitingBooking'), actions: 'adjourn' },
              {
                guard: 'managerOverridesSecondInquorate',
                target: root('open.awaitingBooking'),
                actions: 'adjourn',
              },
            ],
            [O.proceededExceptionally]: {
              guard: 'chairProceedsOnExceptionalQuorum',
              target: 'deciding',
              actions: 'proceedExceptionally',
            },
          },
        },
        deciding: {
          meta: { label: 'The decision for each child', stuckAfterHours: 24 * 3 },
          on: {
            [O.decisionRecorded]: {
              guard: 'chairDecidesForEveryChild',
              target: root('decided'),
              actions: 'decide',
            },
          },
        },
      },
    },
    /** Final: the plans, the next review and the distribution are workflows of their own. */
    decided: { type: 'final', meta: { label: 'Decided' } },
    withdrawn: { type: 'final', meta: { label: 'Withdrawn' } },
    cancelled: { type: 'final', meta: { label: 'Cancelled' } },
  },
});

/** For spec and consoles: every invitation out and every report in, the social worker's shared. */
export function isReady(context: ConferenceContext): boolean {
  return everyInvitationSent(context) && everyReportIn(context);
}
