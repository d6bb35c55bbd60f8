import { bookingClocks, bookedAfterIdealDate } from '../conference.clocks';
import type { Booking, ConferenceContext, ProposedBooking } from '../conference.context';
import type { ConferenceEffect } from '../conference.effects';
import type { ConferenceEvent } from '../conference.events';
import { approverRole } from '../conference.guards';
import { someInviteeProposed, wentOut } from '../conference.invitees';
import type { SchedulePayload } from '../conference.payloads';
import {
  CONFERENCE_EVENTS as E,
  CONFERENCE_NOTIFY_ROLES as ROLES,
  CONFERENCE_TEMPLATES as T,
} from '../conference.vocabulary';
import { cancelSent, merge, none, notify, queueFor, sendAgreed, Update } from './step';

/** The booking: a date within the due date, a late date with both agreements, moves, cancellation. */

function bookingFrom(
  payload: Pick<
    Booking,
    'date' | 'startTime' | 'durationMinutes' | 'venueId' | 'onlineLink' | 'minuteTakerSub'
  >,
  at: string,
  sequence: number,
  lateAgreement: Booking['lateAgreement'],
): Booking {
  return {
    date: payload.date,
    startTime: payload.startTime,
    durationMinutes: payload.durationMinutes,
    venueId: payload.venueId ?? null,
    onlineLink: payload.onlineLink ?? null,
    minuteTakerSub: payload.minuteTakerSub,
    bookedAt: at,
    sequence,
    lateAgreement,
  };
}

const slot = (payload: SchedulePayload) => ({
  date: payload.date,
  startTime: payload.startTime,
  durationMinutes: payload.durationMinutes,
  venueId: payload.venueId ?? null,
  onlineLink: payload.onlineLink ?? null,
  minuteTakerSub: payload.minuteTakerSub,
});

/** The booking stands: its clocks are computed and the agreed list's invitations go out. */
function standBooking(context: ConferenceContext, booking: Booking): Update {
  const changes: Partial<ConferenceContext> = {
    booking,
    proposedBooking: null,
    clocks: { ...context.clocks, ...bookingClocks(booking.date, context.kind, context.figures) },
    flags: {
      ...context.flags,
      lateConference: booking.date > context.clocks.dueDate,
      afterIdealDate:
        context.kind === 'pre-birth' &&
        context.preBirthClock !== null &&
        bookedAfterIdealDate(booking.date, context.preBirthClock.idealDate),
    },
  };
  const asked: ConferenceEffect[] = someInviteeProposed(context)
    ? [notify(ROLES.chair, T.inviteesToAgree, context.reference)]
    : [];
  const sent = sendAgreed({ ...context, ...changes });
  return { changes: { ...changes, ...sent.changes }, effects: [...asked, ...sent.effects] };
}

export function book(context: ConferenceContext, event: ConferenceEvent): Update {
  if (event.type !== E.scheduled) return none;
  return standBooking(context, bookingFrom(slot(event), event.meta.at, 0, null));
}

/** A date after the due date waits for the team manager's and the chair's agreement. */
export function proposeLateDate(context: ConferenceContext, event: ConferenceEvent): Update {
  if (event.type !== E.scheduled && event.type !== E.rescheduled) return none;
  const proposal: ProposedBooking = {
    ...slot(event),
    lateReason: event.lateReason!,
    moveReason: event.type === E.rescheduled ? event.reason : null,
    proposedAt: event.meta.at,
    agreedBy: { team_manager: null, chair: null },
  };
  return {
    changes: { proposedBooking: proposal },
    effects: [
      notify(ROLES.teamManager, T.lateDateNeedsAgreement, context.reference),
      notify(ROLES.chair, T.lateDateNeedsAgreement, context.reference),
    ],
  };
}

export function recordLateAgreement(context: ConferenceContext, event: ConferenceEvent): Update {
  const proposal = context.proposedBooking;
  const role = approverRole(context, event);
  if (event.type !== E.lateReasonAgreed || proposal === null || role === null) return none;
  return {
    changes: {
      proposedBooking: {
        ...proposal,
        agreedBy: { ...proposal.agreedBy, [role]: { sub: event.meta.actor.sub, at: event.meta.at } },
      },
    },
    effects: [],
  };
}

/** Both have agreed: the late date stands, as the first booking or as a move. */
export function confirmProposal(context: ConferenceContext, event: ConferenceEvent): Update {
  const proposal = context.proposedBooking;
  if (proposal === null || proposal.agreedBy.team_manager === null || proposal.agreedBy.chair === null)
    return none;
  const lateAgreement = {
    reason: proposal.lateReason,
    agreedBy: { team_manager: proposal.agreedBy.team_manager, chair: proposal.agreedBy.chair },
  };
  if (context.booking === null) {
    return standBooking(context, bookingFrom(proposal, event.meta.at, 0, lateAgreement));
  }
  return moveTo(context, proposal, proposal.moveReason ?? proposal.lateReason, event.meta.at, lateAgreement);
}

export function reschedule(context: ConferenceContext, event: ConferenceEvent): Update {
  if (event.type !== E.rescheduled) return none;
  return moveTo(context, slot(event), event.reason, event.meta.at, null);
}

/** A move: SEQUENCE raised, everyone an invitation went out to asked again, repeated moves flagged. */
function moveTo(
  context: ConferenceContext,
  to: ReturnType<typeof slot>,
  reason: string,
  at: string,
  lateAgreement: Booking['lateAgreement'],
): Update {
  const previous = context.booking!;
  const moves = [...context.moves, { at, fromDate: previous.date, toDate: to.date, reason }];
  const flaggedNow =
    !context.flags.movedRepeatedly && moves.length >= context.figures.conferenceMovesFlaggedAt;
  const booking = bookingFrom(to, at, previous.sequence + 1, lateAgreement);
  // Everyone the old date went out to is asked again first; then the booking stands and sends
  // what the chair agreed but was never sent (nobody is sent the new date twice).
  const { effects: resentEffects, ...resent } = queueFor(
    context,
    wentOut,
    'REQUEST',
    booking.sequence,
    booking,
  );
  const stood = standBooking({ ...context, ...resent, moves }, booking);
  const flags = stood.changes.flags ?? context.flags;
  return {
    changes: {
      ...resent,
      ...stood.changes,
      moves,
      flags: { ...flags, movedRepeatedly: flags.movedRepeatedly || flaggedNow },
    },
    effects: [
      ...resentEffects,
      ...stood.effects,
      ...(flaggedNow ? [notify(ROLES.manager, T.movedRepeatedly, context.reference)] : []),
    ],
  };
}

export function cancel(context: ConferenceContext, event: ConferenceEvent): Update {
  if (event.type !== E.cancelled) return none;
  return merge(
    context,
    () => ({
      changes: { cancellation: { at: event.meta.at, reason: event.reason }, proposedBooking: null },
      effects: [notify(ROLES.coordinator, T.cancelled, context.reference)],
    }),
    cancelSent,
  );
}

export function convene(_context: ConferenceContext, event: ConferenceEvent): Update {
  return { changes: { convenedAt: event.meta.at, proposedBooking: null }, effects: [] };
}
