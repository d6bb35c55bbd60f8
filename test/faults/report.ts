import type { TerminationReport } from '../support/pg-terminator';
import type { CheckedCounts } from './invariants';

/** What one fault did to the load, and how long the service took to be healthy after it. */
export interface PhaseReport {
  name: string;
  /** Requests the clients meant to make (each with its own Idempotency-Key). */
  requests: number;
  /** Times they were sent, re-sends included. */
  attempts: number;
  /** Of the requests, those with a 2xx and their journal row (all of them, once re-sent). */
  committed: number;
  /** Requests sent again, with the same key, after getting no 2xx. */
  resent: number;
  /** Requests first sent after the fault, because their referral's create had had no answer. */
  deferred: number;
  /** 2xx answers that were the first answer replayed (the first attempt had committed). */
  replayed: number;
  /** Attempts that got no answer at all (the process was down). */
  noAnswer: number;
  byStatus5xx: Record<string, number>;
  /** From the end of each fault (a kill: the kill itself) to /health answering 200. */
  healthyAfterMs: number[];
}

/** The figures of a run, as the suite prints them (and as the issue asks to quote them). */
export function formatReport(
  phases: PhaseReport[],
  counts: CheckedCounts,
  faults: { kills: number; terminations: TerminationReport },
): string {
  const rows = phases.map(
    (p) =>
      `  ${p.name.padEnd(34)} requests ${String(p.requests).padStart(4)}  attempts ${String(p.attempts).padStart(4)}` +
      `  committed ${String(p.committed).padStart(4)}  re-sent ${String(p.resent).padStart(3)}  deferred ${String(p.deferred).padStart(3)}` +
      `  replayed ${String(p.replayed).padStart(3)}  no answer ${String(p.noAnswer).padStart(3)}` +
      `  5xx ${JSON.stringify(p.byStatus5xx)}  healthy after ${p.healthyAfterMs.join(', ')} ms`,
  );
  const total = (key: 'requests' | 'attempts' | 'resent' | 'replayed' | 'deferred') =>
    phases.reduce((n, p) => n + p[key], 0);
  return [
    '',
    'Fault suite: what was checked',
    ...rows,
    `  faults: ${faults.kills} SIGKILLs; ${faults.terminations.rounds} rounds of termination, ${faults.terminations.terminated} backends terminated; Redis stopped once and flushed once`,
    `  totals: ${total('requests')} requests, ${total('attempts')} attempts, ${total('resent')} re-sent, ${total('deferred')} deferred, ${total('replayed')} replayed`,
    `  checked: ${counts.workflows} workflows, ${counts.journalRows} journal rows, ${counts.effects} outbox rows (effects),` +
      ` ${counts.notifications} notifications, ${counts.deliveries} deliveries, ${counts.webhooksReceived} webhooks received` +
      ` (${counts.webhookRedeliveries} redelivered), ${counts.openDeadlines} open deadlines with ${counts.timerJobs} timer jobs,` +
      ` ${counts.replayed} journals replayed; ${counts.effectsRetried} effects needed more than one attempt`,
    '',
  ].join('\n');
}
