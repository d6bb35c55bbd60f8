import type { ConferenceContext, Invitee } from '../conference.context';
import type { ConferenceEvent } from '../conference.events';
import { isTheChair } from '../conference.guards';
import { expectedReports, inviteeFromPayload, wentOut } from '../conference.invitees';
import {
  CONFERENCE_EVENTS as E,
  CONFERENCE_NOTIFY_ROLES as ROLES,
  CONFERENCE_TEMPLATES as T,
} from '../conference.vocabulary';
import { none, notify, queueFor, sendAgreed, Update } from './step';

/** The invitee list and each invitation's life, to its answer. */

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
      ? queueFor(
          context,
          (p) => leaving(p) && wentOut(p),
          'CANCEL',
          context.booking.sequence + 1,
          context.booking,
        )
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
    context.booking,
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
