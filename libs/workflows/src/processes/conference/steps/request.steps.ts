import type { EventMeta } from '../../../engine';
import {
  bookingClocks,
  dueDateAfterBirth,
  bookedAfterIdealDate,
  londonDateOf,
  requestClock,
} from '../conference.clocks';
import type { ConferenceContext } from '../conference.context';
import type { ConferenceEffect } from '../conference.effects';
import type { ConferenceEvent } from '../conference.events';
import { expectedReports, inviteesFromRequest } from '../conference.invitees';
import type { ConferenceRequestInput } from '../conference.payloads';
import {
  CONFERENCE_EVENTS as E,
  CONFERENCE_NOTIFY_ROLES as ROLES,
  CONFERENCE_TEMPLATES as T,
} from '../conference.vocabulary';
import { initialOutcome } from './attendance.steps';
import { cancelSent, merge, none, notify, startedSection47, Update } from './step';

/** The request and what changes it: the context it starts, withdrawal, the chair, the pregnancy. */
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
    births: [],
    convenedAt: null,
    outcome: initialOutcome(input),
  };
}

export function announceRequest(context: ConferenceContext): Update {
  const effects: ConferenceEffect[] = [notify(ROLES.coordinator, T.requested, context.reference)];
  if (context.flags.lateRequest || context.flags.dueAtOnce)
    effects.push(notify(ROLES.manager, T.lateRequest, context.reference));
  return { changes: {}, effects };
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
        afterIdealDate: date !== undefined && bookedAfterIdealDate(date, preBirthClock.idealDate),
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
      births: [
        ...context.births,
        {
          recordedAt: event.meta.at,
          unbornPersonId: event.unbornPersonId,
          childPersonId: event.childPersonId,
        },
      ],
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
