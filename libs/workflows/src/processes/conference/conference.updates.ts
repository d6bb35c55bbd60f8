import type { EventMeta } from '../../engine';
import {
  bookingClocks,
  dueDateAfterBirth,
  laterThanPreBirthIdeal,
  londonDateOf,
  requestClock,
} from './conference.clocks';
import type { Booking, ConferenceContext, Invitee, ProposedBooking } from './conference.context';
import type { ConferenceEffect, ConferenceNotifyEffect } from './conference.effects';
import type { ConferenceEvent } from './conference.events';
import { approverRole, isTheChair } from './conference.guards';
import {
  expectedReports,
  inviteeFromPayload,
  inviteesFromRequest,
  InvitationEffect,
  queueSending,
  someInviteeProposed,
  wentOut,
} from './conference.invitees';
import type { ConferenceRequestInput, SchedulePayload } from './conference.payloads';
import {
  CONFERENCE_EFFECTS,
  CONFERENCE_EVENTS as E,
  CONFERENCE_NOTIFY_ROLES as ROLES,
  CONFERENCE_TEMPLATES as T,
  ConferenceNotifyRole,
  ConferenceTemplate,
  ICalMethod,
  SOCIAL_WORKER_REPORT,
} from './conference.vocabulary';

/**
 * What each step of the machine changes and declares, as pure functions of the context and the
 * event: the machine's actions assign `changes` and emit `effects`, nothing else.
 */
export interface Update {
  changes: Partial<ConferenceContext>;
  effects: ConferenceEffect[];
}

const none: Update = { changes: {}, effects: [] };

function notify(
  role: ConferenceNotifyRole,
  template: ConferenceTemplate,
  reference: string,
): ConferenceNotifyEffect {
  return { type: CONFERENCE_EFFECTS.notify, role, template, reference };
}

const startedSection47 = (context: Pick<ConferenceContext, 'strategyDiscussions'>) =>
  context.strategyDiscussions.find((discussion) => discussion.startedSection47)?.heldOn ?? null;

// ---------------------------------------------------------------- the request

export function initialContext(input: ConferenceRequestInput & { meta: EventMeta }): ConferenceContext {
  const figures = { ...input.figures, localClosureDays: [...input.figures.localClosureDays] };
  const strategyDiscussions = input.strategyDiscussions.map((d) => ({
    id: d.id,
    heldOn: d.heldOn,
    startedSection47: d.startedSection47,
  }));
  const preBirthClock = input.preBirthClock
    ? { latestDate: input.preBirthClock.latestDate, idealDate: input.preBirthClock.idealDate }
    : null;
  const clock = requestClock(
    {
      kind: input.kind,
      requestDate: londonDateOf(input.meta.at),
      strategyDiscussionDate: startedSection47({ strategyDiscussions }),
      notifiedOn: input.transfer?.notifiedOn ?? null,
      preBirthClock,
      reviewDueDate: input.reviewDueDate ?? null,
    },
    figures,
  );
  const socialWorker = {
    personId: input.socialWorker.personId,
    teamId: input.socialWorker.teamId,
    teamManagerPersonId: input.socialWorker.teamManagerPersonId,
    agencyId: input.socialWorker.agencyId,
  };
  const invitees = inviteesFromRequest(input);
  return {
    reference: input.reference,
    area: input.area,
    kind: input.kind,
    requestedKind: input.kind,
    householdId: input.householdId,
    requestedAt: input.meta.at,
    children: input.children.map((child) => ({
      personId: child.personId,
      ageBand: child.ageBand,
      motherPersonId: child.motherPersonId ?? null,
      unbornPersonId: null,
    })),
    parentsAndCarers: input.parentsAndCarers.map((person) => ({
      personId: person.personId,
      relationship: person.relationship,
      parentalResponsibility: person.parentalResponsibility,
      confidentialAddress: person.confidentialAddress,
      childIds: [...person.childIds],
    })),
    strategyDiscussions,
    section47StartDate: input.section47StartDate ?? null,
    socialWorker,
    transfer: input.transfer
      ? {
          transferringAuthorityId: input.transfer.transferringAuthorityId,
          notifiedOn: input.transfer.notifiedOn,
        }
      : null,
    preBirthClock,
    reviewDueDate: input.reviewDueDate ?? null,
    figures,
    clocks: { dueDate: clock.dueDate, invitationsSendBy: null, reportsDueBy: null, reportToParentsBy: null },
    flags: {
      lateRequest: clock.lateRequest,
      dueAtOnce: clock.dueAtOnce,
      lateConference: false,
      afterIdealDate: false,
      movedRepeatedly: false,
    },
    chair: null,
    booking: null,
    proposedBooking: null,
    moves: [],
    invitees,
    lastSequenceSent: {},
    inviteesAgreed: null,
    reports: expectedReports({ invitees, reports: [], socialWorker }),
    withdrawal: null,
    cancellation: null,
    birth: null,
    convenedAt: null,
  };
}

export function announceRequest(context: ConferenceContext): Update {
  const effects: ConferenceEffect[] = [notify(ROLES.coordinator, T.requested, context.reference)];
  if (context.flags.lateRequest || context.flags.dueAtOnce)
    effects.push(notify(ROLES.manager, T.lateRequest, context.reference));
  return { changes: {}, effects };
}

// ---------------------------------------------------------------- sendings

/** Queues one sending per person chosen, with a SEQUENCE above any that person was sent before. */
function queueFor(
  context: ConferenceContext,
  chosen: (person: Invitee) => boolean,
  method: ICalMethod,
  sequence: number,
): Pick<Update, 'effects'> & { invitees: Invitee[]; lastSequenceSent: Record<string, number> } {
  const effects: InvitationEffect[] = [];
  const lastSequenceSent = { ...context.lastSequenceSent };
  const invitees = context.invitees.map((person) => {
    if (!chosen(person)) return person;
    const previous = lastSequenceSent[person.personId];
    const next = previous === undefined ? sequence : Math.max(sequence, previous + 1);
    const queued = queueSending(person, context.reference, next, method);
    lastSequenceSent[person.personId] = next;
    effects.push(queued.effect);
    return queued.invitee;
  });
  return { invitees, lastSequenceSent, effects };
}

/** Once the conference is booked, every invitation the chair has agreed goes out. */
function sendAgreed(context: ConferenceContext): Update {
  if (context.booking === null) return none;
  const { effects, ...changes } = queueFor(
    context,
    (p) => p.status === 'agreed',
    'REQUEST',
    context.booking.sequence,
  );
  return { changes, effects };
}

/** Everyone an invitation went out to is told the conference will not take place (METHOD:CANCEL). */
function cancelSent(context: ConferenceContext): Update {
  if (context.booking === null) return none;
  const { effects, ...changes } = queueFor(context, wentOut, 'CANCEL', context.booking.sequence + 1);
  return { changes, effects };
}

function merge(context: ConferenceContext, ...steps: ((c: ConferenceContext) => Update)[]): Update {
  let current = context;
  const changes: Partial<ConferenceContext> = {};
  const effects: ConferenceEffect[] = [];
  for (const step of steps) {
    const update = step(current);
    Object.assign(changes, update.changes);
    effects.push(...update.effects);
    current = { ...current, ...update.changes };
  }
  return { changes, effects };
}

// ---------------------------------------------------------------- withdrawal, chair

export function withdraw(context: ConferenceContext, event: ConferenceEvent): Update {
  if (event.type !== E.withdrawn) return none;
  return merge(
    context,
    () => ({
      changes: {
        withdrawal: { at: event.meta.at, reason: event.reason, note: event.note ?? null },
        proposedBooking: null,
      },
      effects: [notify(ROLES.coordinator, T.withdrawn, context.reference)],
    }),
    cancelSent,
  );
}

export function assignChair(context: ConferenceContext, event: ConferenceEvent): Update {
  if (event.type !== E.chairAssigned) return none;
  const proposal = context.proposedBooking;
  return {
    changes: {
      chair: {
        sub: event.chairSub,
        selection: event.selection,
        reason: event.reason ?? null,
        assignedAt: event.meta.at,
      },
      // The agreement of a chair who no longer chairs the conference does not stand.
      proposedBooking: proposal ? { ...proposal, agreedBy: { ...proposal.agreedBy, chair: null } } : null,
    },
    effects: [notify(ROLES.chair, T.chairAssigned, context.reference)],
  };
}

// ---------------------------------------------------------------- booking

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
        laterThanPreBirthIdeal(booking.date, context.preBirthClock.idealDate),
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
  const stood = standBooking({ ...context, moves }, booking);
  const moved = { ...context, moves, ...stood.changes };
  const resent = queueFor(moved, wentOut, 'REQUEST', booking.sequence);
  const { effects: resentEffects, ...resentChanges } = resent;
  return {
    changes: {
      ...stood.changes,
      ...resentChanges,
      moves,
      flags: { ...moved.flags, movedRepeatedly: moved.flags.movedRepeatedly || flaggedNow },
    },
    effects: [
      ...stood.effects,
      ...resentEffects,
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

// ---------------------------------------------------------------- pregnancy

export function reviseDeliveryDate(context: ConferenceContext, event: ConferenceEvent): Update {
  if (event.type !== E.deliveryDateRevised) return none;
  const preBirthClock = {
    latestDate: event.preBirthClock.latestDate,
    idealDate: event.preBirthClock.idealDate,
  };
  const clock = requestClock(
    {
      kind: context.kind,
      requestDate: londonDateOf(context.requestedAt),
      strategyDiscussionDate: startedSection47(context),
      notifiedOn: null,
      preBirthClock,
      reviewDueDate: null,
    },
    context.figures,
  );
  const date = context.booking?.date;
  return {
    changes: {
      preBirthClock,
      clocks: { ...context.clocks, dueDate: clock.dueDate },
      flags: {
        ...context.flags,
        dueAtOnce: clock.dueAtOnce,
        lateConference: date !== undefined && date > clock.dueDate,
        afterIdealDate: date !== undefined && laterThanPreBirthIdeal(date, preBirthClock.idealDate),
      },
    },
    effects: [],
  };
}

/** A birth before the pre-birth conference: an initial conference for the born child, on the initial clock. */
export function recordBirth(context: ConferenceContext, event: ConferenceEvent): Update {
  if (event.type !== E.birthRecorded) return none;
  const discussion = startedSection47(context);
  const dueDate =
    discussion !== null ? dueDateAfterBirth(discussion, context.figures) : context.clocks.dueDate;
  const date = context.booking?.date;
  return {
    changes: {
      kind: 'initial',
      children: context.children.map((child) =>
        child.personId === event.unbornPersonId
          ? {
              personId: event.childPersonId,
              ageBand: 'under-invitation-age',
              motherPersonId: null,
              unbornPersonId: child.personId,
            }
          : child,
      ),
      invitees: context.invitees.map((person) => ({
        ...person,
        directContactWith: person.directContactWith.map((id) =>
          id === event.unbornPersonId ? event.childPersonId : id,
        ),
      })),
      parentsAndCarers: context.parentsAndCarers.map((person) => ({
        ...person,
        childIds: person.childIds.map((id) => (id === event.unbornPersonId ? event.childPersonId : id)),
      })),
      birth: {
        recordedAt: event.meta.at,
        unbornPersonId: event.unbornPersonId,
        childPersonId: event.childPersonId,
      },
      clocks: {
        ...context.clocks,
        dueDate,
        ...(date !== undefined ? bookingClocks(date, 'initial', context.figures) : {}),
      },
      flags: {
        ...context.flags,
        dueAtOnce: false,
        afterIdealDate: false,
        lateConference: date !== undefined && date > dueDate,
      },
    },
    effects: [notify(ROLES.coordinator, T.converted, context.reference)],
  };
}

// ---------------------------------------------------------------- invitees

export function addInvitee(context: ConferenceContext, event: ConferenceEvent): Update {
  if (event.type !== E.inviteeAdded) return none;
  const band = context.children.find((child) => child.personId === event.personId)?.ageBand;
  const invitees = [...context.invitees, inviteeFromPayload(event, band, isTheChair(context, event))];
  const added = { ...context, invitees, reports: expectedReports({ ...context, invitees }) };
  const sent = sendAgreed(added);
  return { changes: { invitees, reports: added.reports, ...sent.changes }, effects: sent.effects };
}

export function removeInvitee(context: ConferenceContext, event: ConferenceEvent): Update {
  if (event.type !== E.inviteeRemoved) return none;
  const leaving = (person: Invitee) => person.personId === event.personId;
  const told =
    context.booking !== null
      ? queueFor(context, (p) => leaving(p) && wentOut(p), 'CANCEL', context.booking.sequence + 1)
      : { invitees: context.invitees, lastSequenceSent: context.lastSequenceSent, effects: [] };
  const invitees = told.invitees.filter((person) => !leaving(person));
  return {
    changes: {
      invitees,
      lastSequenceSent: told.lastSequenceSent,
      reports: expectedReports({ ...context, invitees }),
    },
    effects: told.effects,
  };
}

export function agreeInvitees(context: ConferenceContext, event: ConferenceEvent): Update {
  if (event.type !== E.inviteesAgreed) return none;
  const agreed = {
    ...context,
    inviteesAgreed: { sub: event.meta.actor.sub, at: event.meta.at },
    invitees: context.invitees.map((person) =>
      person.status === 'proposed' ? { ...person, status: 'agreed' as const } : person,
    ),
  };
  const sent = sendAgreed(agreed);
  return {
    changes: { inviteesAgreed: agreed.inviteesAgreed, invitees: agreed.invitees, ...sent.changes },
    effects: sent.effects,
  };
}

function updateInvitee(context: ConferenceContext, personId: string, change: (person: Invitee) => Invitee) {
  return context.invitees.map((person) => (person.personId === personId ? change(person) : person));
}

export function markSent(context: ConferenceContext, event: ConferenceEvent): Update {
  if (event.type !== E.invitationSent && event.type !== E.letterPosted) return none;
  const postedOn = event.type === E.letterPosted ? event.postedOn : null;
  return {
    changes: {
      invitees: updateInvitee(context, event.personId, (person) => ({
        ...person,
        status: 'sent',
        sentAt: event.meta.at,
        letterPostedOn: postedOn,
      })),
    },
    effects: [],
  };
}

export function markRejected(context: ConferenceContext, event: ConferenceEvent): Update {
  if (event.type !== E.invitationRejected) return none;
  return {
    changes: {
      invitees: updateInvitee(context, event.personId, (person) => ({ ...person, status: 'rejected' })),
    },
    effects: [notify(ROLES.coordinator, T.invitationRejected, context.reference)],
  };
}

export function resend(context: ConferenceContext, event: ConferenceEvent): Update {
  if (event.type !== E.invitationResent || context.booking === null) return none;
  const changed = {
    ...context,
    invitees: updateInvitee(context, event.personId, (p) => ({ ...p, contactBy: event.contactBy })),
  };
  const person = changed.invitees.find((p) => p.personId === event.personId)!;
  const { effects, ...changes } = queueFor(
    changed,
    (p) => p.personId === event.personId,
    person.method ?? 'REQUEST',
    person.sequence ?? context.booking.sequence,
  );
  return { changes, effects };
}

export function recordAnswer(context: ConferenceContext, event: ConferenceEvent): Update {
  if (event.type !== E.invitationAnswered) return none;
  return {
    changes: {
      invitees: updateInvitee(context, event.personId, (person) => ({
        ...person,
        status: event.answer,
        answer: { answer: event.answer, withReport: event.withReport ?? false, at: event.meta.at },
      })),
    },
    effects: [],
  };
}

// ---------------------------------------------------------------- reports

export function receiveReport(context: ConferenceContext, event: ConferenceEvent): Update {
  if (event.type !== E.reportReceived) return none;
  const key = event.author === 'social-worker' ? SOCIAL_WORKER_REPORT : event.agencyId;
  return {
    changes: {
      reports: context.reports.map((report) =>
        report.key === key
          ? {
              ...report,
              received: {
                at: event.meta.at,
                documentId: event.documentId ?? null,
                caseManagementReference: event.caseManagementReference ?? null,
              },
            }
          : report,
      ),
    },
    effects: [],
  };
}

export function requestWithholding(context: ConferenceContext, event: ConferenceEvent): Update {
  if (event.type !== E.reportWithholdingRequested) return none;
  return {
    changes: {
      reports: context.reports.map((report) =>
        report.key === event.agencyId
          ? { ...report, withholding: { requestedAt: event.meta.at, reason: event.reason, decision: null } }
          : report,
      ),
    },
    effects: [notify(ROLES.chair, T.withholdingRequested, context.reference)],
  };
}

export function decideWithholding(context: ConferenceContext, event: ConferenceEvent): Update {
  if (event.type !== E.reportWithholdingDecided) return none;
  return {
    changes: {
      reports: context.reports.map((report) =>
        report.key === event.agencyId && report.withholding
          ? {
              ...report,
              withholding: {
                ...report.withholding,
                decision: {
                  withhold: event.withhold,
                  reason: event.reason,
                  by: event.meta.actor.sub,
                  at: event.meta.at,
                },
              },
            }
          : report,
      ),
    },
    effects: [],
  };
}

export function shareReport(context: ConferenceContext, event: ConferenceEvent): Update {
  if (event.type !== E.socialWorkerReportShared) return none;
  return {
    changes: {
      reports: context.reports.map((report) =>
        report.key === SOCIAL_WORKER_REPORT ? { ...report, sharedWithParentsOn: event.sharedOn } : report,
      ),
    },
    effects: [],
  };
}

export function convene(_context: ConferenceContext, event: ConferenceEvent): Update {
  return { changes: { convenedAt: event.meta.at, proposedBooking: null }, effects: [] };
}
