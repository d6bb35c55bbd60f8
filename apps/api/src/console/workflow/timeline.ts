import type { JournalEntryView } from '@app/persistence';
import { ENGINE_EVENTS, isIsoDate, longDate } from '@app/workflows';
import { words } from '../http/views';

type JournalEntryViewLike = Pick<JournalEntryView, 'seq' | 'type' | 'payload' | 'actor' | 'fromState' | 'toState' | 'occurredAt'>;

export interface TimelineEntry {
  seq: number;
  at: string;
  who: string;
  what: string;
  reason: string | null;
}

const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : null);

/** The label people know a state by: the definition's label when it has one, else its name in words. */
export type StateLabel = (path: string | null) => string;

/**
 * A journal entry in words: who (role and pseudonymous id, never a name), what happened in the
 * domain's words, and the reason a manager gave. Payloads hold ids and facts, never free text
 * other than reasons, so nothing else is shown from them.
 */
export function timelineEntry(entry: JournalEntryViewLike, label: StateLabel): TimelineEntry {
  const p = entry.payload;
  const who = entry.actor.role === 'system' ? 'The service' : `${words(entry.actor.role)} ${entry.actor.sub}`;
  const moved = entry.fromState !== null && entry.fromState !== entry.toState;
  let what: string;
  switch (entry.type) {
    case ENGINE_EVENTS.started:
      what = `Started in ${label(entry.toState)}`;
      break;
    case ENGINE_EVENTS.forced:
      what = `Moved by force from ${label(entry.fromState)} to ${label(entry.toState)}`;
      break;
    case ENGINE_EVENTS.incidentResolved:
      what = p.retry === true ? 'Resolved an incident and retried its failed step' : 'Resolved an incident without a retry';
      break;
    case ENGINE_EVENTS.reassigned:
      what =
        p.toSub === null
          ? `Unassigned (was assigned to ${String(p.fromSub)})`
          : `Assigned to ${String(p.toSub)}${p.fromSub ? ` (was ${String(p.fromSub)})` : ''}`;
      break;
    case ENGINE_EVENTS.migrated:
      what = `Moved to version ${String(p.toVersion)} of the process (from version ${String(p.fromVersion)})`;
      break;
    case ENGINE_EVENTS.deadlineStep:
      what = `${p.step === 'warning' ? 'Warning' : p.step === 'due' ? 'Deadline missed' : 'Reminder'}: ${words(String(p.kind ?? 'deadline'))} deadline (due by the end of ${isIsoDate(p.dueDate) ? longDate(p.dueDate) : String(p.dueDate ?? '')})`;
      break;
    default:
      what = words(entry.type).replace(/^./, (c) => c.toUpperCase());
      if (moved) what += `: moved from ${label(entry.fromState)} to ${label(entry.toState)}`;
  }
  return { seq: entry.seq, at: entry.occurredAt, who, what, reason: text(p.reason) };
}
