import type { PersistedWorkflowSnapshot, TransitionOutcome } from '@app/workflows';

/** A workflow_instance row as the engine reads it. */
export interface InstanceRow {
  id: string;
  type: string;
  machine_version: number;
  state: string;
  status: 'active' | 'done';
  snapshot: PersistedWorkflowSnapshot;
  area: string | null;
  reference: string | null;
  seq: number;
  created_at: Date;
  updated_at: Date;
  last_transition_at: Date;
  stuck_after: Date | null;
  next_due_at: Date | null;
  open_incidents: number;
  parent_id: string | null;
  parent_seq: number | null;
  assignee_sub: string | null;
  assigned_at: Date | null;
}

/** The flags every view shows, from the indexed columns alone. */
export function flagsOf(
  row: Pick<InstanceRow, 'status' | 'next_due_at' | 'stuck_after'>,
  now: Date,
): { overdue: boolean; stuck: boolean } {
  return {
    overdue: row.status === 'active' && !!row.next_due_at && row.next_due_at <= now,
    stuck: row.status === 'active' && !!row.stuck_after && row.stuck_after <= now,
  };
}

/** When a state with a stuck limit counts as stuck, from the moment it was entered. */
export function stuckAfter(now: Date, outcome: TransitionOutcome): Date | null {
  return outcome.stuckAfterHours === undefined
    ? null
    : new Date(now.getTime() + outcome.stuckAfterHours * 3_600_000);
}

/** The earliest due time among the open deadlines, for the overdue list. */
export function nextDue(outcome: TransitionOutcome): Date | null {
  const times = outcome.deadlines.map((d) => Date.parse(d.dueAt));
  return times.length > 0 ? new Date(Math.min(...times)) : null;
}

/** The kinds of the open deadlines, distinct and sorted, for the board's deadline-kind filter. */
export function openDeadlineKinds(outcome: TransitionOutcome): string[] {
  return [...new Set(outcome.deadlines.map((d) => d.kind))].sort();
}
