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

/**
 * One round trip: locks the instance row and brings back, with it, the earlier answer for this
 * event id (if any) and the open deadlines.
 */
export async function lockForEvent(tx: EntityManager, id: string, eventId: string): Promise<LockedInstance> {
  const rows = (await tx.query(
    `SELECT i.*,
            (SELECT json_build_object('request_hash', j.request_hash, 'result', j.result)
               FROM workflow_journal j WHERE j.workflow_id = i.id AND j.event_id = $2) AS earlier,
            (SELECT coalesce(json_agg(json_build_object('id', d.id, 'kind', d.kind, 'item_key', d.item_key,
                                                        'due_at', d.due_at, 'anchor_date', d.anchor_date)), '[]'::json)
               FROM workflow_deadline d WHERE d.workflow_id = i.id AND d.status = 'open') AS open_deadlines
       FROM workflow_instance i WHERE i.id = $1 FOR UPDATE OF i`,
    [id, eventId],
  )) as (InstanceRow & {
    earlier: EarlierAnswer | null;
    open_deadlines: { id: string; kind: string; item_key: string; due_at: string; anchor_date: string }[];
  })[];
  const row = rows[0];
  if (!row) throw new DomainError(DomainErrorCode.NotFound, 'Workflow not found');
  const { earlier, open_deadlines, ...instance } = row;
  return {
    row: instance,
    earlier: earlier ?? undefined,
    openDeadlines: open_deadlines.map((d) => ({
      id: d.id,
      kind: d.kind,
      key: d.item_key,
      dueAt: Date.parse(d.due_at),
      anchorDate: d.anchor_date,
    })),
  };
}
