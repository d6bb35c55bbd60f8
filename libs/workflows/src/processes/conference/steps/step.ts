import type { Booking, ConferenceContext, Invitee } from '../conference.context';
import type { ConferenceEffect, ConferenceNotifyEffect } from '../conference.effects';
import { InvitationEffect, queueSending, wentOut } from '../conference.invitees';
import {
  CONFERENCE_EFFECTS,
  ConferenceNotifyRole,
  ConferenceTemplate,
  ICalMethod,
} from '../conference.vocabulary';

/**
 * What each step of the machine changes and declares, as pure functions of the context and the
 * event: the machine's actions assign `changes` and emit `effects`, nothing else.
 */
export interface Update {
  changes: Partial<ConferenceContext>;
  effects: ConferenceEffect[];
}

export const none: Update = { changes: {}, effects: [] };

export function notify(
  role: ConferenceNotifyRole,
  template: ConferenceTemplate,
  reference: string,
): ConferenceNotifyEffect {
  return { type: CONFERENCE_EFFECTS.notify, role, template, reference };
}

export const startedSection47 = (context: Pick<ConferenceContext, 'strategyDiscussions'>) =>
  context.strategyDiscussions.find((discussion) => discussion.startedSection47)?.heldOn ?? null;

// ---------------------------------------------------------------- sendings

/** Queues one sending per person chosen, with a SEQUENCE above any that person was sent before. */
export function queueFor(
  context: ConferenceContext,
  chosen: (person: Invitee) => boolean,
  method: ICalMethod,
  sequence: number,
  booking: Booking,
): Pick<Update, 'effects'> & { invitees: Invitee[]; lastSequenceSent: Record<string, number> } {
  const effects: InvitationEffect[] = [];
  const lastSequenceSent = { ...context.lastSequenceSent };
  const invitees = context.invitees.map((person) => {
    if (!chosen(person)) return person;
    const previous = lastSequenceSent[person.personId];
    const next = previous === undefined ? sequence : Math.max(sequence, previous + 1);
    const queued = queueSending(person, context.reference, next, method, booking);
    lastSequenceSent[person.personId] = next;
    effects.push(queued.effect);
    return queued.invitee;
  });
  return { invitees, lastSequenceSent, effects };
}

/** Once the conference is booked, every invitation the chair has agreed goes out. */
export function sendAgreed(context: ConferenceContext): Update {
  if (context.booking === null) return none;
  const { effects, ...changes } = queueFor(
    context,
    (p) => p.status === 'agreed',
    'REQUEST',
    context.booking.sequence,
    context.booking,
  );
  return { changes, effects };
}

/** Everyone an invitation went out to is told the conference will not take place (METHOD:CANCEL). */
export function cancelSent(context: ConferenceContext): Update {
  if (context.booking === null) return none;
  const { effects, ...changes } = queueFor(
    context,
    wentOut,
    'CANCEL',
    context.booking.sequence + 1,
    context.booking,
  );
  return { changes, effects };
}

export function merge(context: ConferenceContext, ...steps: ((c: ConferenceContext) => Update)[]): Update {
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
