import type { EntityManager } from 'typeorm';
import { DomainError, DomainErrorCode } from '@app/workflows';
import type { OpenDeadlineRow } from './deadline-sync';
import type { EarlierAnswer } from './idempotency';
import type { InstanceRow } from './instance-row';

export interface LockedInstance {
  row: InstanceRow;
  earlier?: EarlierAnswer;
  openDeadlines: OpenDeadlineRow[];
}

/** What the lock query reads besides the row: the earlier answer to this event id and the open deadlines. */
interface AfterLock {
  earlier: EarlierAnswer | null;
  open_deadlines: { id: string; kind: string; item_key: string; due_at: string; anchor_date: string }[];
}

/** The select-list items of AfterLock, for the workflow `workflowId` (a column or a parameter) and event id $2. */
const EARLIER_AND_OPEN_DEADLINES = (workflowId: string) => `
  (SELECT json_build_object('request_hash', j.request_hash, 'result', j.result)
     FROM workflow_journal j WHERE j.workflow_id = ${workflowId} AND j.event_id = $2) AS earlier,
  (SELECT coalesce(json_agg(json_build_object('id', d.id, 'kind', d.kind, 'item_key', d.item_key,
                                              'due_at', d.due_at, 'anchor_date', d.anchor_date)), '[]'::json)
     FROM workflow_deadline d WHERE d.workflow_id = ${workflowId} AND d.status = 'open') AS open_deadlines`;

/**
 * One round trip: locks the instance row and brings back, with it, the earlier answer for this
 * event id (if any) and the open deadlines. Those two are read with the statement's snapshot,
 * taken before any wait for the lock, while the row is the version the lock got. When the lock
 * waited for a transition that committed meanwhile (the row's seq has moved past the one the
 * snapshot saw), both are read again (readAfterLockWait): otherwise a retry would be judged
 * against the state its first delivery left, and another event would write deadlines that are
 * no longer there. Without a wait, the single round trip is all.
 */
export async function lockForEvent(tx: EntityManager, id: string, eventId: string): Promise<LockedInstance> {
  const rows = (await tx.query(
    `SELECT i.*,
            (SELECT s.seq FROM workflow_instance s WHERE s.id = $1) AS seq_before_lock,
            ${EARLIER_AND_OPEN_DEADLINES('i.id')}
       FROM workflow_instance i WHERE i.id = $1 FOR UPDATE OF i`,
    [id, eventId],
  )) as (InstanceRow & AfterLock & { seq_before_lock: number })[];
  const row = rows[0];
  if (!row) throw new DomainError(DomainErrorCode.NotFound, 'Workflow not found');
  const { seq_before_lock, earlier, open_deadlines, ...instance } = row;
  const current =
    seq_before_lock === instance.seq ? { earlier, open_deadlines } : await readAfterLockWait(tx, id, eventId);
  return {
    row: instance,
    earlier: current.earlier ?? undefined,
    openDeadlines: current.open_deadlines.map((d) => ({
      id: d.id,
      kind: d.kind,
      key: d.item_key,
      dueAt: Date.parse(d.due_at),
      anchorDate: d.anchor_date,
    })),
  };
}

/** The earlier answer and the open deadlines in a statement of its own, which sees what committed while the lock waited. */
async function readAfterLockWait(tx: EntityManager, id: string, eventId: string): Promise<AfterLock> {
  const rows = (await tx.query(`SELECT ${EARLIER_AND_OPEN_DEADLINES('$1::uuid')}`, [id, eventId])) as AfterLock[];
  return rows[0]!;
}
