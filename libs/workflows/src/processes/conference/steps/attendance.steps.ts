import type { EventMeta } from '../../../engine';
import { calendarOf, londonDateOf } from '../conference.clocks';
import type { ConferenceContext, Invitee } from '../conference.context';
import type { ConferenceEvent } from '../conference.events';
import { wentOut } from '../conference.invitees';
import type { ConferenceOutcome, Sitting } from '../conference.outcome.context';
import type { AttendeeInput } from '../conference.outcome.payloads';
import { OUTCOME_EVENTS as O, OUTCOME_TEMPLATES as OT } from '../conference.outcome.vocabulary';
import type { ConferenceRequestInput } from '../conference.payloads';
import { CONFERENCE_NOTIFY_ROLES as ROLES } from '../conference.vocabulary';
import type { ConferenceAttendee, PreviousConferenceOutcome } from '../rules';
import { assessQuoracy, inquorateOptions, reconveneDueDate } from '../rules';
import { none, notify, Update } from './step';

/** Part 2, the meeting: attendance and its quoracy, adjournment, the exceptional quorum. */

export function initialOutcome(input: ConferenceRequestInput & { meta: EventMeta }): ConferenceOutcome {
  return {
    previousConferenceOutcome: input.previousConferenceOutcome
      ? { quorate: input.previousConferenceOutcome.quorate }
      : null,
    reviewCycle: input.review?.cycle ?? 0,
    childrenOnPlanIds: [...(input.review?.childrenOnPlanIds ?? [])],
    adjournedSittings: [],
    sitting: null,
    decisions: null,
  };
}

/** The payload's attendees as the quoracy rule reads them. */
export function attendeesOf(attendees: readonly AttendeeInput[]): ConferenceAttendee[] {
  return attendees.map((a) =>
    a.capacity === 'professional'
      ? {
          personId: a.personId,
          capacity: 'professional',
          agency: a.agencyId!,
          professionalGroup: a.professionalGroup!,
          directContactChildIds: [...(a.directContactChildIds ?? [])],
        }
      : { personId: a.personId, capacity: a.capacity },
  );
}

/** The date the conference sat: its booked date. */
export const heldOn = (context: ConferenceContext): string =>
  context.booking?.date ?? londonDateOf(context.convenedAt ?? context.requestedAt);

/**
 * The household's previous conference: this one's own earlier sitting when it was adjourned
 * (it was inquorate), else the one the request names.
 */
function previousOutcome(context: ConferenceContext): PreviousConferenceOutcome | null {
  if (context.outcome.adjournedSittings.length > 0) return { quorate: false };
  return context.outcome.previousConferenceOutcome;
}

const withOutcome = (context: ConferenceContext, changes: Partial<ConferenceOutcome>) => ({
  outcome: { ...context.outcome, ...changes },
});

export function recordAttendance(context: ConferenceContext, event: ConferenceEvent): Update {
  if (event.type !== O.attendanceRecorded) return none;
  const attendees = attendeesOf(event.attendees);
  const quoracy = assessQuoracy(
    { childIds: context.children.map((c) => c.personId), attendees },
    context.figures,
  );
  const options = inquorateOptions(quoracy, previousOutcome(context));
  const invited = new Set(context.invitees.map((p) => p.personId));
  const sitting: Sitting = {
    heldOn: heldOn(context),
    recordedAt: event.meta.at,
    attendees: attendees.map((attendee) => ({ attendee, invited: invited.has(attendee.personId) })),
    apologies: event.apologies.map((a) => ({ personId: a.personId, withReport: a.withReport })),
    exclusions: event.exclusions.map((e) => ({
      partId: e.partId,
      personIds: [...e.personIds],
      reason: e.reason,
      chairDecision: e.chairDecision,
    })),
    quoracy,
    options,
    adjournment: null,
    exceptional: null,
  };
  return {
    changes: withOutcome(context, { sitting }),
    effects: quoracy.quorate
      ? []
      : [
          notify(ROLES.coordinator, OT.inquorate, context.reference),
          ...(options.secondInquorateInARow ? [notify(ROLES.manager, OT.inquorate, context.reference)] : []),
        ],
  };
}

/** Everyone an invitation went out to is asked again once the conference is booked anew. */
const toBeAskedAgain = (person: Invitee): Invitee =>
  wentOut(person) ? { ...person, status: 'agreed', answer: null } : person;

/**
 * Adjourned: the interim protection plan is recorded and the conference goes back to scheduling
 * with its new due date (within inquorate…ReconveneWorkingDays of this sitting). The booking
 * goes; the SEQUENCE each person was last sent stays (lastSequenceSent), so the new booking's
 * invitations update the same calendar entries.
 */
export function adjourn(context: ConferenceContext, event: ConferenceEvent): Update {
  const sitting = context.outcome.sitting;
  if (event.type !== O.adjourned || sitting === null) return none;
  const reconveneBy = reconveneDueDate(
    sitting.heldOn,
    context.kind,
    context.figures,
    calendarOf(context.figures),
  );
  const adjourned: Sitting = {
    ...sitting,
    adjournment: {
      at: event.meta.at,
      by: event.meta.actor.sub,
      interimProtectionPlan: event.interimProtectionPlan,
      managerOverride:
        event.overrideReason !== undefined
          ? { sub: event.meta.actor.sub, reason: event.overrideReason }
          : null,
      reconveneBy,
    },
  };
  return {
    changes: {
      ...withOutcome(context, {
        sitting: null,
        adjournedSittings: [...context.outcome.adjournedSittings, adjourned],
      }),
      clocks: { dueDate: reconveneBy, invitationsSendBy: null, reportsDueBy: null, reportToParentsBy: null },
      flags: { ...context.flags, lateConference: false, afterIdealDate: false },
      booking: null,
      proposedBooking: null,
      convenedAt: null,
      invitees: context.invitees.map(toBeAskedAgain),
    },
    effects: [
      notify(ROLES.coordinator, OT.adjourned, context.reference),
      notify(ROLES.chair, OT.adjourned, context.reference),
    ],
  };
}

/** Proceeding on an exceptional quorum, with the chair's reasons: the plans' first review is an early one. */
export function proceedExceptionally(context: ConferenceContext, event: ConferenceEvent): Update {
  const sitting = context.outcome.sitting;
  if (event.type !== O.proceededExceptionally || sitting === null) return none;
  return {
    changes: withOutcome(context, {
      sitting: {
        ...sitting,
        exceptional: {
          at: event.meta.at,
          delayWouldHarm: event.delayWouldHarm,
          informationSufficient: event.informationSufficient,
        },
      },
    }),
    effects: [notify(ROLES.manager, OT.proceededExceptionally, context.reference)],
  };
}
