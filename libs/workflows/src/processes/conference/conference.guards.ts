import { isWorkingDay, londonDateOf } from './conference.clocks';
import type { ConferenceContext } from './conference.context';
import type { ConferenceEvent } from './conference.events';
import { findInvitee, isAnswerable, missingPreBirthGroups, someInviteeProposed } from './conference.invitees';
import type { SchedulePayload } from './conference.payloads';
import {
  CONFERENCE_ACTING_ROLES,
  CONFERENCE_EVENTS as E,
  LateReasonApproverRole,
  SOCIAL_WORKER_REPORT,
} from './conference.vocabulary';

/**
 * The rules of the process as named, pure predicates over the context and the event. The
 * engine names the guards of a refused event in its 422, so each says one thing.
 */
type Args = { context: ConferenceContext; event: ConferenceEvent };

/** The role the caller acts in: the engine puts it in the event's meta from the token. */
const actingRole = (event: ConferenceEvent) => event.meta.actor.role;
export const isTheChair = (context: ConferenceContext, event: ConferenceEvent) =>
  context.chair !== null &&
  actingRole(event) === CONFERENCE_ACTING_ROLES.chair &&
  event.meta.actor.sub === context.chair.sub;

/** A date a conference can be held on: a working day, not before today. */
function usableDate(context: ConferenceContext, event: ConferenceEvent, date: string): boolean {
  return date >= londonDateOf(event.meta.at) && isWorkingDay(date, context.figures);
}

const changesTheDateOrTime = (context: ConferenceContext, payload: SchedulePayload) =>
  context.booking !== null &&
  (payload.date !== context.booking.date || payload.startTime !== context.booking.startTime);

/**
 * The role a late reason's agreement is recorded under, when the actor may give it: a team
 * manager (any: the context holds the team manager's person id, not a token subject, so the
 * API's area scoping is what keeps it to the social worker's manager), or this conference's chair.
 */
export function approverRole(
  context: ConferenceContext,
  event: ConferenceEvent,
): LateReasonApproverRole | null {
  if (actingRole(event) === CONFERENCE_ACTING_ROLES.teamManager) return CONFERENCE_ACTING_ROLES.teamManager;
  if (isTheChair(context, event)) return CONFERENCE_ACTING_ROLES.chair;
  return null;
}

function lateAgreementStatus(
  context: ConferenceContext,
  event: ConferenceEvent,
): 'refused' | 'records' | 'completes' {
  const proposal = context.proposedBooking;
  const role = approverRole(context, event);
  if (proposal === null || role === null || proposal.agreedBy[role] !== null) return 'refused';
  if (!usableDate(context, event, proposal.date)) return 'refused';
  const other =
    role === CONFERENCE_ACTING_ROLES.chair
      ? CONFERENCE_ACTING_ROLES.teamManager
      : CONFERENCE_ACTING_ROLES.chair;
  return proposal.agreedBy[other] !== null ? 'completes' : 'records';
}

function reportOf(context: ConferenceContext, event: ConferenceEvent) {
  if (event.type !== E.reportReceived) return undefined;
  const key = event.author === 'social-worker' ? SOCIAL_WORKER_REPORT : event.agencyId;
  return context.reports.find((report) => report.key === key);
}

export const conferenceGuards = {
  /** "ICPC not required" is the census's answer for an initial (or pre-birth) conference only. */
  withdrawalReasonFitsKind: ({ context, event }: Args) =>
    event.type === E.withdrawn &&
    (event.reason !== 'icpc-not-required' || context.kind === 'initial' || context.kind === 'pre-birth'),
  /** The first chair of the conference. */
  noChairYet: ({ context }: Args) => context.chair === null,
  /**
   * Another chair replaces the one assigned: the rule's choice for a new date (the area's chair,
   * or the cover when they are away), or a co-ordinator's choice with its reason (the payload
   * requires it).
   */
  chairIsAnotherChair: ({ context, event }: Args) =>
    event.type === E.chairAssigned && context.chair !== null && event.chairSub !== context.chair.sub,
  /** A booking on a working day, not in the past, on or before the due date, stands at once. */
  bookingWithinDueDate: ({ context, event }: Args) =>
    event.type === E.scheduled &&
    usableDate(context, event, event.date) &&
    event.date <= context.clocks.dueDate,
  /** A date after the due date is proposed with a late reason; it stands once both have agreed it. */
  lateBookingHasReason: ({ context, event }: Args) =>
    event.type === E.scheduled &&
    usableDate(context, event, event.date) &&
    event.date > context.clocks.dueDate &&
    event.lateReason !== undefined,
  /** The team manager's or the chair's agreement, the first of the two. */
  lateReasonAgreementRecorded: ({ context, event }: Args) =>
    event.type === E.lateReasonAgreed && lateAgreementStatus(context, event) === 'records',
  /** The second agreement: the late date stands. */
  lateReasonAgreementCompletes: ({ context, event }: Args) =>
    event.type === E.lateReasonAgreed && lateAgreementStatus(context, event) === 'completes',
  moveWithinDueDate: ({ context, event }: Args) =>
    event.type === E.rescheduled &&
    changesTheDateOrTime(context, event) &&
    usableDate(context, event, event.date) &&
    event.date <= context.clocks.dueDate,
  lateMoveHasReason: ({ context, event }: Args) =>
    event.type === E.rescheduled &&
    changesTheDateOrTime(context, event) &&
    usableDate(context, event, event.date) &&
    event.date > context.clocks.dueDate &&
    event.lateReason !== undefined,
  /** A revised expected date for a pre-birth conference still before its birth, with a coherent clock. */
  revisedClockIsCoherent: ({ context, event }: Args) =>
    event.type === E.deliveryDateRevised &&
    context.kind === 'pre-birth' &&
    event.preBirthClock.idealDate <= event.preBirthClock.latestDate &&
    isWorkingDay(event.preBirthClock.latestDate, context.figures),
  /** The birth of an unborn child of a pre-birth conference not yet held, into a new person record. */
  birthOfTheUnbornChild: ({ context, event }: Args) =>
    event.type === E.birthRecorded &&
    context.requestedKind === 'pre-birth' &&
    context.children.some((child) => child.personId === event.unbornPersonId && child.ageBand === 'unborn') &&
    !context.children.some((child) => child.personId === event.childPersonId) &&
    findInvitee(context, event.childPersonId) === undefined,
  /**
   * A person not yet on the list; a child invitee is a born child of the conference (one under
   * the invitation age is invited only when the chair agrees the list, or adds them); direct
   * contact names the conference's children.
   */
  inviteeCanBeAdded: ({ context, event }: Args) => {
    if (event.type !== E.inviteeAdded || findInvitee(context, event.personId) !== undefined) return false;
    const childIds = new Set(context.children.map((child) => child.personId));
    if (!event.directContactWith.every((id) => childIds.has(id))) return false;
    if (event.invitedAs !== 'child') return !childIds.has(event.personId);
    const child = context.children.find((c) => c.personId === event.personId);
    return child !== undefined && child.ageBand !== 'unborn';
  },
  inviteeIsOnTheList: ({ context, event }: Args) =>
    event.type === E.inviteeRemoved && findInvitee(context, event.personId) !== undefined,
  /**
   * The conference's chair agrees the list while someone on it waits for agreement; a pre-birth
   * list has midwifery and the health visitor on it.
   */
  chairAgreesCompleteList: ({ context, event }: Args) =>
    event.type === E.inviteesAgreed &&
    someInviteeProposed(context) &&
    isTheChair(context, event) &&
    missingPreBirthGroups(context).length === 0,
  /** A report on the current email sending (older sequences change nothing). */
  emailSendingIsCurrent: ({ context, event }: Args) => {
    if (event.type !== E.invitationSent && event.type !== E.invitationRejected) return false;
    const person = findInvitee(context, event.personId);
    return person?.status === 'queued' && person.contactBy === 'email' && person.sequence === event.sequence;
  },
  letterIsAwaitingPost: ({ context, event }: Args) => {
    if (event.type !== E.letterPosted) return false;
    const person = findInvitee(context, event.personId);
    return (
      person?.status === 'awaiting-post' &&
      person.sequence === event.sequence &&
      event.postedOn <= londonDateOf(event.meta.at)
    );
  },
  invitationWasRejected: ({ context, event }: Args) =>
    event.type === E.invitationResent && findInvitee(context, event.personId)?.status === 'rejected',
  invitationCanBeAnswered: ({ context, event }: Args) => {
    if (event.type !== E.invitationAnswered) return false;
    const person = findInvitee(context, event.personId);
    return person !== undefined && isAnswerable(person) && person.method === 'REQUEST';
  },
  reportIsExpected: ({ context, event }: Args) => {
    const report = reportOf(context, event);
    return report !== undefined && report.received === null;
  },
  withholdingCanBeRequested: ({ context, event }: Args) =>
    event.type === E.reportWithholdingRequested &&
    context.reports.some(
      (report) => report.key === event.agencyId && report.author === 'agency' && report.withholding === null,
    ),
  /** The chair decides a request not to share a report with parents, once. */
  chairDecidesWithholding: ({ context, event }: Args) =>
    event.type === E.reportWithholdingDecided &&
    isTheChair(context, event) &&
    context.reports.some(
      (report) =>
        report.key === event.agencyId && report.withholding !== null && report.withholding.decision === null,
    ),
  /** The social worker's report, once received, is shared with the parents on a day not after today. */
  reportCanBeShared: ({ context, event }: Args) => {
    if (event.type !== E.socialWorkerReportShared) return false;
    const report = context.reports.find((r) => r.key === SOCIAL_WORKER_REPORT);
    return (
      report?.received != null &&
      report.sharedWithParentsOn === null &&
      event.sharedOn <= londonDateOf(event.meta.at)
    );
  },
  /** A conference is convened on (or recorded after) its booked day: a late move not yet agreed leaves that day standing. */
  bookedDayHasCome: ({ context, event }: Args) =>
    context.booking !== null && context.booking.date <= londonDateOf(event.meta.at),
};
