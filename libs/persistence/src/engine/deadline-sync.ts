import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DesiredDeadline, Effect, ENGINE_EFFECTS } from '@app/workflows';
import { Statement } from './statement';

/** An open deadline of a locked workflow, as the lock query brings it back. */
export interface OpenDeadlineRow {
  id: string;
  kind: string;
  /** '' for a clock that is one of its kind. */
  key: string;
  /** Epoch milliseconds. */
  dueAt: number;
  anchorDate: string;
}

/** What a transition changes in its workflow's deadlines, and the effects that tell libs/timers. */
export interface DeadlineChanges {
  closed: OpenDeadlineRow[];
  moved: { row: OpenDeadlineRow; desired: DesiredDeadline }[];
  opened: { id: string; desired: DesiredDeadline }[];
  effects: Effect[];
}

/** A deadline's identity within its workflow: its kind and its item key. */
const identity = (kind: string, key: string | undefined) => `${kind}\u0000${key ?? ''}`;

/** The key as the effects carry it: only when the clock has one. */
const keyField = (key: string | undefined) => (key ? { key } : {});

/**
 * Matches the open deadlines with those the active states declare, on (kind, key): one no longer
 * declared is met, one whose anchor or due time changed is moved, one newly declared is opened.
 * Pure; the first declaration of an identity wins.
 */
export function planDeadlineSync(
  open: OpenDeadlineRow[],
  desired: DesiredDeadline[],
  newId: () => string = randomUUID,
): DeadlineChanges {
  const wanted = new Map<string, DesiredDeadline>();
  for (const deadline of desired) {
    const id = identity(deadline.kind, deadline.key);
    if (!wanted.has(id)) wanted.set(id, deadline);
  }
  const changes: DeadlineChanges = { closed: [], moved: [], opened: [], effects: [] };
  for (const row of open) {
    const id = identity(row.kind, row.key);
    const declared = wanted.get(id);
    wanted.delete(id);
    if (!declared) {
      changes.closed.push(row);
      changes.effects.push({ type: ENGINE_EFFECTS.deadlineClosed, deadlineId: row.id, kind: row.kind, ...keyField(row.key) });
    } else if (Date.parse(declared.dueAt) !== row.dueAt || declared.anchorDate !== row.anchorDate) {
      changes.moved.push({ row, desired: declared });
      changes.effects.push({
        type: ENGINE_EFFECTS.deadlineMoved,
        deadlineId: row.id,
        kind: row.kind,
        ...keyField(row.key),
        dueAt: declared.dueAt,
      });
    }
  }
  for (const declared of wanted.values()) {
    const deadlineId = newId();
    changes.opened.push({ id: deadlineId, desired: declared });
    changes.effects.push({
      type: ENGINE_EFFECTS.deadlineOpened,
      deadlineId,
      kind: declared.kind,
      ...keyField(declared.key),
      dueAt: declared.dueAt,
    });
  }
  return changes;
}

/** The values every deadline change is written with. */
export interface DeadlineWriteFacts {
  workflowId: string;
  seq: number;
  /** The event type of the transition: it is what closed a deadline. */
  cause: string;
  now: Date;
}

/**
 * Adds the changes to a statement: one part per kind of change, none when nothing changed. The
 * shared values go in as the statement's 'workflowId', 'seq', 'eventType' and 'now'.
 */
export function addDeadlineWrites(s: Statement, facts: DeadlineWriteFacts, changes: DeadlineChanges): void {
  const refs = {
    get workflowId() {
      return s.shared('workflowId', facts.workflowId, '::uuid');
    },
    get seq() {
      return s.shared('seq', facts.seq, '::int');
    },
    get cause() {
      return s.shared('eventType', facts.cause, '::text');
    },
    get now() {
      return s.shared('now', facts.now, '::timestamptz');
    },
  };
  if (changes.closed.length > 0) {
    s.with(
      'deadlines_met',
      `UPDATE workflow_deadline SET status = 'met', closed_at = ${refs.now}, closed_seq = ${refs.seq}, closed_by = ${refs.cause}
        WHERE workflow_id = ${refs.workflowId} AND id = ANY(${s.p(changes.closed.map((d) => d.id))}::uuid[])`,
    );
  }
  if (changes.moved.length > 0) {
    const column = (pick: (m: DeadlineChanges['moved'][number]) => string) => s.p(changes.moved.map(pick));
    s.with(
      'deadlines_moved',
      `UPDATE workflow_deadline d
          SET anchor_date = v.anchor_date, due_date = v.due_date, due_at = v.due_at, revision = d.revision + 1,
              warned_at = NULL, overdue_at = NULL, last_step = NULL, last_step_at = NULL
         FROM unnest(${column((m) => m.row.id)}::uuid[], ${column((m) => m.desired.anchorDate)}::date[],
                     ${column((m) => m.desired.dueDate)}::date[], ${column((m) => m.desired.dueAt)}::timestamptz[])
              AS v (id, anchor_date, due_date, due_at)
        WHERE d.id = v.id AND d.workflow_id = ${refs.workflowId}`,
    );
  }
  if (changes.opened.length > 0) {
    const column = (pick: (o: DeadlineChanges['opened'][number]) => string) => s.p(changes.opened.map(pick));
    s.with(
      'deadlines_opened',
      `INSERT INTO workflow_deadline (id, workflow_id, kind, item_key, ladder, status, anchor_date, due_date, due_at,
                                      opened_at, opened_seq)
       SELECT v.id, ${refs.workflowId}, v.kind, v.item_key, v.ladder, 'open', v.anchor_date, v.due_date, v.due_at,
              ${refs.now}, ${refs.seq}
         FROM unnest(${column((o) => o.id)}::uuid[], ${column((o) => o.desired.kind)}::text[],
                     ${column((o) => o.desired.key ?? '')}::text[], ${column((o) => o.desired.ladder)}::text[],
                     ${column((o) => o.desired.anchorDate)}::date[], ${column((o) => o.desired.dueDate)}::date[],
                     ${column((o) => o.desired.dueAt)}::timestamptz[])
              AS v (id, kind, item_key, ladder, anchor_date, due_date, due_at)`,
    );
  }
}

/**
 * Brings a workflow's deadline rows in line with the declared ones in one statement (none when
 * nothing changed) and returns the deadline.* effects for the outbox. The transition writer folds
 * the same parts into its own statement; this is the standalone form, inside the caller's
 * transaction with the workflow row locked.
 */
export async function syncDeadlines(
  tx: EntityManager,
  args: { workflowId: string; seq: number; cause: string; open: OpenDeadlineRow[]; desired: DesiredDeadline[]; now: Date },
): Promise<Effect[]> {
  const changes = planDeadlineSync(args.open, args.desired);
  const s = new Statement();
  addDeadlineWrites(s, args, changes);
  if (s.hasParts) await tx.query(s.text('SELECT 1'), s.params);
  return changes.effects;
}
