import type { EntityManager } from 'typeorm';
import type { EventMeta, ReadModelDeclaration, TransitionOutcome, WorkflowSubject } from '@app/workflows';
import { addDeadlineWrites, OpenDeadlineRow, planDeadlineSync } from './deadline-sync';
import type { TransitionResult } from './engine.types';
import { InstanceRow, nextDue, openDeadlineKinds, stuckAfter } from './instance-row';
import { Statement } from './statement';
import { addSubjectWrites, sameSubjects } from './subjects';
import { withLinkKeys } from './workflow-links';

/** Everything one start or transition writes, decided; the writer only writes it. */
export interface TransitionWrite {
  workflowId: string;
  workflowType: string;
  machineVersion: number;
  /** The locked row of an existing workflow; absent when this write starts one. */
  before?: InstanceRow;
  /** For a start: its idempotency key, and the workflow that started it. */
  start?: { startKey: string | null; parent?: { id: string; seq: number } };
  outcome: TransitionOutcome;
  openDeadlines: OpenDeadlineRow[];
  /** The subjects before and after, when the definition declares subjects. */
  subjects?: { before: WorkflowSubject[]; after: WorkflowSubject[] };
  /** The definition's read-model row after this transition, when it declares one. */
  readModel?: ReadModelWrite;
  event: { type: string; payload: Record<string, unknown>; meta: EventMeta; hash: string };
  now: Date;
  /** A reassignment: the member of staff the workflow is now assigned to (null: no one). Absent: unchanged. */
  assignee?: string | null;
}

/**
 * The one writer of a workflow's snapshot, journal, outbox, deadlines and subjects, for a start
 * and for every later transition alike: one statement, so a transition costs the same round trips
 * whatever it changes. Runs inside the caller's transaction, with the instance row locked (or not
 * yet existing, for a start).
 */
export async function writeTransition(tx: EntityManager, w: TransitionWrite): Promise<TransitionResult> {
  const { before, outcome, now, event } = w;
  const seq = (before?.seq ?? 0) + 1;
  const answer: TransitionResult = {
    id: w.workflowId,
    type: w.workflowType,
    machineVersion: w.machineVersion,
    state: outcome.state,
    status: outcome.status,
    seq,
    allowedEvents: outcome.allowedEvents,
  };
  const deadlines = planDeadlineSync(w.openDeadlines, outcome.deadlines);
  const effects = [...withLinkKeys(outcome.effects, w.workflowId, seq), ...deadlines.effects];

  const s = new Statement();
  const id = s.shared('workflowId', w.workflowId, '::uuid');
  const at = s.shared('now', now, '::timestamptz');
  const seqParam = s.shared('seq', seq, '::int');
  s.with('instance', before ? updateInstance(s, w, before) : insertInstance(s, w));
  s.with(
    'journal',
    `INSERT INTO workflow_journal (workflow_id, seq, event_id, event_type, payload, actor_sub, actor_role,
                                  from_state, to_state, machine_version, occurred_at, request_hash, result)
     SELECT instance.id, ${seqParam}, ${s.p(event.meta.eventId)}, ${s.shared('eventType', event.type, '::text')},
            ${s.p(event.payload, '::jsonb')}, ${s.p(event.meta.actor.sub)}, ${s.p(event.meta.actor.role)},
            ${s.p(before?.state ?? null, '::text')}, ${s.p(outcome.state)}, ${s.p(w.machineVersion)},
            ${s.p(event.meta.at)}::timestamptz, ${s.p(event.hash)}, ${s.p(answer, '::jsonb')}
       FROM instance
     RETURNING seq`,
  );
  if (effects.length > 0) {
    const rows = effects.map((e) => `(${s.p(e.type)}, ${s.p(e, '::jsonb')})`);
    s.with(
      'outbox_rows',
      `INSERT INTO outbox (workflow_id, journal_seq, effect_type, payload, available_at, created_at)
       SELECT instance.id, ${seqParam}, v.effect_type, v.payload, ${at}, ${at}
         FROM instance CROSS JOIN (VALUES ${rows.join(', ')}) AS v (effect_type, payload)`,
    );
  }
  addDeadlineWrites(s, { workflowId: w.workflowId, seq, cause: event.type, now }, deadlines);
  if (w.subjects && !sameSubjects(w.subjects.before, w.subjects.after)) {
    addSubjectWrites(s, id, w.subjects.after, before !== undefined);
  }
  if (w.readModel) addReadModelWrite(s, w.readModel);
  const [written] = (await tx.query(
    s.text(`SELECT (SELECT count(*) FROM instance)::int AS instances, (SELECT count(*) FROM journal)::int AS journaled`),
    s.params,
  )) as { instances: number; journaled: number }[];
  if (written?.instances !== 1 || written.journaled !== 1) {
    throw new Error('Transition lost its instance row under lock'); // cannot happen while the row is locked
  }
  return answer;
}

function insertInstance(s: Statement, w: TransitionWrite): string {
  const { outcome } = w;
  const at = s.shared('now', w.now, '::timestamptz');
  return `INSERT INTO workflow_instance (id, type, machine_version, state, status, snapshot, area, reference, seq,
                                   start_key, parent_id, parent_seq, created_at, updated_at, last_transition_at,
                                   stuck_after, next_due_at, open_deadline_kinds)
          VALUES (${s.shared('workflowId', w.workflowId, '::uuid')}, ${s.p(w.workflowType)}, ${s.p(w.machineVersion)},
                  ${s.p(outcome.state)}, ${s.p(outcome.status)}, ${s.p(outcome.snapshot, '::jsonb')}, ${s.p(outcome.area)},
                  ${s.p(outcome.reference)}, ${s.shared('seq', 1, '::int')}, ${s.p(w.start?.startKey ?? null, '::text')},
                  ${s.p(w.start?.parent?.id ?? null, '::uuid')}, ${s.p(w.start?.parent?.seq ?? null, '::int')},
                  ${at}, ${at}, ${at}, ${s.p(stuckAfter(w.now, outcome), '::timestamptz')},
                  ${s.p(nextDue(outcome), '::timestamptz')}, ${s.p(openDeadlineKinds(outcome), '::text[]')})
          RETURNING id`;
}

function updateInstance(s: Statement, w: TransitionWrite, before: InstanceRow): string {
  const { outcome } = w;
  const at = s.shared('now', w.now, '::timestamptz');
  const moved = s.p(outcome.changed, '::boolean');
  const assignment =
    w.assignee === undefined
      ? ''
      : `assignee_sub = ${s.p(w.assignee, '::text')}, assigned_at = CASE WHEN ${s.p(w.assignee === null, '::boolean')} THEN NULL ELSE ${at} END,`;
  return `UPDATE workflow_instance
             SET snapshot = ${s.p(outcome.snapshot, '::jsonb')}, state = ${s.p(outcome.state)}, status = ${s.p(outcome.status)},
                 area = ${s.p(outcome.area)}, reference = ${s.p(outcome.reference)}, seq = ${s.shared('seq', before.seq + 1, '::int')},
                 updated_at = ${at}, machine_version = ${s.p(w.machineVersion)},
                 last_transition_at = CASE WHEN ${moved} THEN ${at} ELSE last_transition_at END,
                 stuck_after = CASE WHEN ${moved} THEN ${s.p(stuckAfter(w.now, outcome), '::timestamptz')} ELSE stuck_after END,
                 next_due_at = ${s.p(nextDue(outcome), '::timestamptz')},
                 open_deadline_kinds = ${s.p(openDeadlineKinds(outcome), '::text[]')}, ${assignment}
                 warned = CASE WHEN ${s.p(outcome.deadlines.length === 0, '::boolean')} THEN false ELSE warned END
           WHERE id = ${s.shared('workflowId', w.workflowId, '::uuid')} AND seq = ${s.p(before.seq, '::int')}
          RETURNING id`;
}

export interface ReadModelWrite {
  table: string;
  columns: ReadModelDeclaration['columns'];
  row: Record<string, string | number | boolean | null>;
}

const SQL_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/** The definition's read-model row, as of this transition: inserted, or replaced whole. */
export function readModelWriteOf(
  declaration: ReadModelDeclaration | undefined,
  outcome: Pick<TransitionOutcome, 'snapshot' | 'status'>,
): ReadModelWrite | undefined {
  if (!declaration) return undefined;
  return {
    table: declaration.table,
    columns: declaration.columns,
    row: declaration.rowOf(outcome.snapshot.context, outcome.status),
  };
}

function addReadModelWrite(s: Statement, write: ReadModelWrite): void {
  const names = Object.keys(write.columns);
  for (const name of [write.table, ...names]) {
    if (!SQL_NAME.test(name)) throw new Error(`Read model name '${name}' is not a plain SQL name`);
  }
  const missing = names.filter((name) => !(name in write.row));
  if (missing.length > 0) throw new Error(`Read model ${write.table} row lacks ${missing.join(', ')}`);
  const values = names.map((name) => `${s.p(write.row[name] ?? null)}::${write.columns[name]}`);
  s.with(
    'read_model',
    `INSERT INTO ${write.table} (workflow_id, ${names.join(', ')})
     SELECT instance.id, ${values.join(', ')} FROM instance
     ON CONFLICT (workflow_id) DO UPDATE SET ${names.map((n) => `${n} = EXCLUDED.${n}`).join(', ')}`,
  );
}
