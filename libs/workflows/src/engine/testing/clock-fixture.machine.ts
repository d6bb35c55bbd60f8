import 'reflect-metadata';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { assign, emit, setup } from 'xstate';
import type { EventMeta, WorkflowDefinition } from '../workflow-definition';

/**
 * A process that exists only for the engine's specs: a parallel intake with two clocks at once
 * (a working-day one and a 24-working-hour one) and a stuck limit per region, a conference stage
 * with every richer clock (reports keyed by agency, due working days before the conference date;
 * invitations keyed by invitee and anchored in the item; the earlier of a pre-birth limit and the
 * initial-conference rule; a 72-hour wall-clock breach report), guards of every form the engine
 * names, and a final state whose declarations the engine must ignore.
 */
export const CLOCK_FIXTURE_TYPE = 'clock-fixture';

export class ClockFixtureInput {
  @Matches(/^FIX-\d{1,6}$/) reference!: string;
  @IsString() @Length(1, 40) area!: string;
  @IsISO8601({ strict: true }) receivedAt!: string;
  @IsOptional() @IsISO8601({ strict: true }) expectedDeliveryDate?: string;
  /** Makes the context factory throw: a defect in a machine, as the engine sees one. */
  @IsOptional() @IsBoolean() breakTheMachine?: boolean;
}

export class ScheduledPayload {
  @IsISO8601({ strict: true }) conferenceDate!: string;
  @IsOptional() @IsISO8601({ strict: true }) strategyDate?: string;
}

export class AgencyPayload {
  @IsIn(['police', 'health', 'school']) agencyId!: string;
}

export class InvitationPayload {
  @Matches(/^person-\d+$/) inviteeId!: string;
}

export class ScreenedPayload {
  @IsOptional() @IsString() @Length(1, 200) reason?: string;
}

export interface ClockFixtureContext {
  reference: string;
  area: string;
  receivedAt: string;
  expectedDeliveryDate: string | null;
  strategyDate: string | null;
  conferenceDate: string | null;
  reports: { agencyId: string }[];
  invitations: { inviteeId: string; sentAt: string | null }[];
  breachAwareAt: string | null;
  screenedBecause: string | null;
}

type ClockFixtureEvent =
  | { type: 'screened'; reason?: string; meta: EventMeta }
  | { type: 'conference.scheduled'; conferenceDate: string; strategyDate?: string; meta: EventMeta }
  | { type: 'report.expected'; agencyId: string; meta: EventMeta }
  | { type: 'report.received'; agencyId: string; meta: EventMeta }
  | { type: 'invitation.drafted'; inviteeId: string; meta: EventMeta }
  | { type: 'invitation.sent'; inviteeId: string; meta: EventMeta }
  | { type: 'breach.noticed'; meta: EventMeta }
  | { type: 'conference.held'; meta: EventMeta }
  | { type: 'conference.quorate'; meta: EventMeta };

const machine = setup({
  types: {
    context: {} as ClockFixtureContext,
    events: {} as ClockFixtureEvent,
    input: {} as ClockFixtureInput & { meta: EventMeta },
  },
  guards: {
    /** Named and given as a string: a refusal names it. */
    screeningHasReason: ({ event }) => event.type === 'screened' && (event.reason ?? '').length > 0,
    /** Named and given as an object with params: a refusal names it too. */
    reportIsExpected: ({ context, event }, params: { from: string }) =>
      event.type === 'report.received' &&
      params.from === 'reports' &&
      context.reports.some((report) => report.agencyId === event.agencyId),
  },
}).createMachine({
  id: CLOCK_FIXTURE_TYPE,
  context: ({ input }) => {
    if (input.breakTheMachine) throw new Error('a defect in the machine');
    return {
      reference: input.reference,
      area: input.area,
      receivedAt: input.receivedAt,
      expectedDeliveryDate: input.expectedDeliveryDate ?? null,
      strategyDate: null,
      conferenceDate: null,
      reports: [],
      invitations: [],
      breachAwareAt: null,
      screenedBecause: null,
    };
  },
  initial: 'intake',
  entry: emit(({ context }) => ({
    type: 'notify',
    template: 'fixture.received',
    reference: context.reference,
  })),
  states: {
    intake: {
      type: 'parallel',
      states: {
        screening: {
          initial: 'open',
          states: {
            open: {
              meta: {
                deadlines: [
                  { kind: 'screening', anchor: 'receivedAt', workingDays: 'asvScreeningWorkingDays' },
                  {
                    kind: 'enquiry-response',
                    anchor: 'receivedAt',
                    hours: 'serviceDeskResponseHours',
                    hoursCounted: 'working-days',
                  },
                ],
                stuckAfterHours: 48,
              },
              on: {
                screened: {
                  guard: 'screeningHasReason',
                  target: 'done',
                  actions: assign({ screenedBecause: ({ event }) => event.reason ?? null }),
                },
              },
            },
            done: { meta: { stuckAfterHours: 200 } },
          },
        },
        safety: {
          initial: 'watching',
          states: {
            watching: {
              // A second declaration of the screening kind: the first active one wins.
              meta: {
                deadlines: [{ kind: 'screening', anchor: 'receivedAt', workingDays: 10 }],
                stuckAfterHours: 12,
              },
            },
          },
        },
      },
      on: {
        'conference.scheduled': {
          target: 'conference',
          actions: assign({
            conferenceDate: ({ event }) => event.conferenceDate,
            strategyDate: ({ event }) => event.strategyDate ?? null,
          }),
        },
      },
    },
    conference: {
      meta: {
        deadlines: [
          {
            kind: 'agency-report',
            forEach: 'reports',
            key: 'agencyId',
            anchor: 'conferenceDate',
            workingDaysBefore: 'agencyReportWorkingDaysBeforeIcpc',
          },
          {
            kind: 'invitation-reply',
            forEach: 'invitations',
            key: 'inviteeId',
            anchor: '$item.sentAt',
            workingDays: 5,
          },
          {
            kind: 'icpc',
            earliestOf: [
              { anchor: 'expectedDeliveryDate', weeksBefore: 6 },
              { anchor: 'strategyDate', workingDays: 'icpcWorkingDays' },
            ],
          },
          { kind: 'breach-report', anchor: 'breachAwareAt', hours: 72, hoursCounted: 'wall-clock' },
        ],
        stuckAfterHours: 72,
      },
      on: {
        'conference.scheduled': {
          actions: assign({
            conferenceDate: ({ event }) => event.conferenceDate,
            strategyDate: ({ context, event }) => event.strategyDate ?? context.strategyDate,
          }),
        },
        'report.expected': {
          actions: assign({
            reports: ({ context, event }) => [...context.reports, { agencyId: event.agencyId }],
          }),
        },
        'report.received': {
          guard: { type: 'reportIsExpected', params: { from: 'reports' } },
          actions: assign({
            reports: ({ context, event }) =>
              context.reports.filter((report) => report.agencyId !== event.agencyId),
          }),
        },
        'invitation.drafted': {
          actions: assign({
            invitations: ({ context, event }) => [
              ...context.invitations,
              { inviteeId: event.inviteeId, sentAt: null },
            ],
          }),
        },
        'invitation.sent': {
          actions: assign({
            invitations: ({ context, event }) =>
              context.invitations.map((invitation) =>
                invitation.inviteeId === event.inviteeId
                  ? { ...invitation, sentAt: event.meta.at }
                  : invitation,
              ),
          }),
        },
        'breach.noticed': { actions: assign({ breachAwareAt: ({ event }) => event.meta.at }) },
        // An unnamed guard: a refusal is still a rule of the process (422), with no name to give.
        'conference.held': { guard: ({ context }) => context.reports.length === 0, target: 'held' },
      },
    },
    held: {
      type: 'final',
      // Declared, but a finished workflow has no open clock and is never stuck.
      meta: {
        deadlines: [{ kind: 'minutes', anchor: 'conferenceDate', workingDays: 15 }],
        stuckAfterHours: 1,
      },
    },
  },
});

export const clockFixture: WorkflowDefinition = {
  type: CLOCK_FIXTURE_TYPE,
  version: 1,
  machine,
  input: ClockFixtureInput,
  events: {
    screened: ScreenedPayload,
    'conference.scheduled': ScheduledPayload,
    'report.expected': AgencyPayload,
    'report.received': AgencyPayload,
    'invitation.drafted': InvitationPayload,
    'invitation.sent': InvitationPayload,
    'breach.noticed': null,
    'conference.held': null,
    // Known to the definition but handled by no state: a state that does not accept it (409).
    'conference.quorate': null,
  },
  areaOf: (context) => (context as ClockFixtureContext).area,
  referenceOf: (context) => (context as ClockFixtureContext).reference,
};
