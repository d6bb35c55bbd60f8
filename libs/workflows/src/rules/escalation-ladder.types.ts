import type { DeadlineStepKind } from '../engine/workflow-definition';

/**
 * Who an escalation step tells. Resolved at send time by libs/timers: the workflow's area and the
 * duty rota for that day pick the person; the team's address is the fallback.
 */
export type EscalationRecipient = 'coordinator' | 'chair' | 'lado' | 'duty_manager' | 'service_manager';

/**
 * One rung of a deadline's escalation ladder. Its time is counted in working days from the due
 * date (-5: five working days before; 0: the due date; 1: the next working day) at a London time
 * of day; a 'due' step without `at` fires at the deadline's dueAt, the instant it is missed. For
 * an hour clock (a 24-hour enquiry target) a warning or due step may instead be timed in hours
 * from dueAt (-2: two hours before it is missed). Steps whose time falls before the deadline
 * opened are skipped, except for a deadline already missed when it opened (a contact entered
 * late): the furthest along of them is sent at once.
 */
export interface LadderStep {
  /** Stable within the ladder ('warn-5', 'due', 'repeat'): part of the timer job id. */
  id: string;
  kind: DeadlineStepKind;
  /** Working days from the due date; every step but an `offsetHours` one has it. */
  offsetWorkingDays?: number;
  /** Hours on the wall clock from dueAt, for a warning (before it) or a due step (at or after it); no `at`. */
  offsetHours?: number;
  /** 'HH:MM', Europe/London. */
  at?: string;
  notify: EscalationRecipient[];
  /** For 'repeat': again every N working days until the deadline is met. */
  everyWorkingDays?: number;
}

export interface EscalationLadder {
  steps: LadderStep[];
}

/**
 * The payload of a 'deadline.step' event the timers send into a workflow, which the engine turns
 * into a 'deadline.escalate' effect (same fields) when the machine does not handle it itself.
 * Ids and dates only: no personal data.
 */
export interface DeadlineStepPayload {
  deadlineId: string;
  kind: string;
  ladder: string;
  stepId: string;
  step: DeadlineStepKind;
  /** For repeats: 1, 2, 3… (0 for other steps). */
  occurrence: number;
  /** The item of a clock declared one per item (forEach), so the machine knows which one. */
  key?: string;
  dueDate: string;
  dueAt: string;
  notify: EscalationRecipient[];
}
