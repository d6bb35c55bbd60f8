import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import { DateTime } from 'luxon';
import type { ICalMethod, InvitationSlot } from '@app/workflows';

export const LONDON = 'Europe/London';
export const PRODUCT_ID = '-//Child protection service//Conference invitations//EN';

export interface InvitationCalendarInput {
  uid: string;
  sequence: number;
  method: ICalMethod;
  /** The conference's case reference: the only identifying text in the file. */
  reference: string;
  slot: InvitationSlot;
  organiser: { name: string; email: string };
  /** The one attendee: the invitee this file is for. */
  attendeeEmail: string;
  /** DTSTAMP: when this file was made. */
  stamp: Date;
}

/**
 * A booked slot as Europe/London wall-clock times: the booking holds the London date and start
 * time, so the start is read in London and the end is the start plus the length (across a
 * change of the clocks too).
 */
export function slotTimes(slot: Pick<InvitationSlot, 'date' | 'startTime' | 'durationMinutes'>): {
  start: DateTime;
  end: DateTime;
} {
  const start = DateTime.fromISO(`${slot.date}T${slot.startTime}`, { zone: LONDON });
  if (!start.isValid) throw new Error('The slot has no valid London date and time');
  return { start, end: start.plus({ minutes: slot.durationMinutes }) };
}

/** Where: the venue's id in the council's room list, or the meeting link. */
export function locationOf(slot: Pick<InvitationSlot, 'venueId' | 'onlineLink'>): string {
  if (slot.onlineLink) return slot.onlineLink;
  if (slot.venueId) return `Venue ${slot.venueId}`;
  return 'Venue to be confirmed';
}

/**
 * The UID of one invitee's invitation to one conference: the same for every SEQUENCE, so a
 * calendar replaces the event on a move and removes it on a cancellation. Built from the
 * workflow's and the person's ids only, under the mailbox's domain.
 */
export function invitationUid(workflowId: string, personId: string, mailbox: string): string {
  const domain = mailbox.slice(mailbox.lastIndexOf('@') + 1) || 'cp-workflows';
  return `conference-${workflowId}-invitee-${personId}@${domain}`;
}

export const summaryOf = (reference: string, method: ICalMethod) =>
  method === 'CANCEL'
    ? `Cancelled: child protection conference ${reference}`
    : `Child protection conference ${reference}`;

/**
 * One invitee's iCalendar file (RFC 5545 with the iTIP METHOD): one VEVENT with that invitee as
 * its only ATTENDEE, the conferences' mailbox as ORGANIZER, DTSTART and DTEND in Europe/London
 * with its VTIMEZONE. The summary and description carry the case reference, never a name.
 * Replies are not read (RSVP=FALSE): invitees answer through their personal link.
 */
export function invitationCalendar(input: InvitationCalendarInput): string {
  const { start, end } = slotTimes(input.slot);
  const calendar = ical({
    prodId: PRODUCT_ID,
    method: input.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    timezone: { name: LONDON, generator: getVtimezoneComponent },
  });
  const event = calendar.createEvent({
    id: input.uid,
    sequence: input.sequence,
    stamp: input.stamp,
    start,
    end,
    timezone: LONDON,
    summary: summaryOf(input.reference, input.method),
    description:
      input.method === 'CANCEL'
        ? `The child protection conference ${input.reference} will not take place at this time.`
        : `Child protection conference, case reference ${input.reference}. Please answer through the link in the email.`,
    location: locationOf(input.slot),
    organizer: { name: input.organiser.name, email: input.organiser.email },
    status: input.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  event.createAttendee({
    email: input.attendeeEmail,
    role: ICalAttendeeRole.REQ,
    status: ICalAttendeeStatus.NEEDSACTION,
    rsvp: false,
  });
  return calendar.toString();
}
