import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, DomainErrorCode } from '@app/workflows';

/** The kinds of incident the service raises. */
export const INCIDENT_KINDS = {
  /** An effect used up its attempts. */
  effectFailed: 'effect-failed',
  /** A deadline step job used up its attempts. */
  timerFailed: 'timer-failed',
  /** Nobody could be found, or reached, to tell. */
  notificationUndeliverable: 'notification-undeliverable',
  /** A workflow.start the engine refused (unknown type, invalid input). */
  startRefused: 'start-refused',
  /** A workflow.signal its target refused (its state does not accept the event, a rule refuses it) or that has no target. */
  signalRefused: 'signal-refused',
} as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[keyof typeof INCIDENT_KINDS];

export interface IncidentToRaise {
  workflowId: string;
  kind: IncidentKind;
  /** What went wrong, for managers: ids, effect types and error classes only, never personal data. */
  detail: string;
  /** The effect that failed, so that resolving the incident can retry it. */
  outboxId?: string | null;
  /** What the incident is about: while one with this key is open on the workflow, raising it again adds none. */
  onceKey?: string;
  at: Date;
}

export interface IncidentResolution {
  workflowId: string;
  incidentId: string;
  /** Who resolved it (the token's subject). */
  by: string;
  reason: string;
  /** Put the failed effect back in the outbox with fresh attempts. */
  retry: boolean;
  at: Date;
}

/**
 * The only code that raises and resolves incidents, and so the only code that keeps
 * workflow_instance.open_incidents (the managers' "failed" list) equal to the open incidents.
 * Both run in the caller's transaction when given its EntityManager.
 */
@Injectable()
export class IncidentService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The new incident's id; undefined when one with the same once-key is open already. */
  async raise(incident: IncidentToRaise, manager: EntityManager = this.dataSource.manager): Promise<string | undefined> {
    const rows = (await manager.query(
      `WITH raised AS (
         INSERT INTO workflow_incident (id, workflow_id, kind, detail, outbox_id, once_key, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (workflow_id, once_key) WHERE resolved_at IS NULL AND once_key IS NOT NULL DO NOTHING
         RETURNING id, workflow_id),
       counted AS (
         UPDATE workflow_instance SET open_incidents = open_incidents + 1 WHERE id IN (SELECT workflow_id FROM raised))
       SELECT id FROM raised`,
      [
        randomUUID(),
        incident.workflowId,
        incident.kind,
        incident.detail.slice(0, 500),
        incident.outboxId ?? null,
        incident.onceKey ?? null,
        incident.at,
      ],
    )) as { id: string }[];
    return rows[0]?.id;
  }

  /**
   * Resolves an open incident of the workflow with a reason and, when `retry`, puts its failed
   * effect back in the outbox. 404 for an incident of another workflow, 409 for one resolved
   * already, 422 for a retry of an incident that has no effect.
   */
  async resolve(resolution: IncidentResolution, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const incidents = (await manager.query(
      `SELECT id, outbox_id, resolved_at FROM workflow_incident WHERE id = $1 AND workflow_id = $2 FOR UPDATE`,
      [resolution.incidentId, resolution.workflowId],
    )) as { id: string; outbox_id: string | null; resolved_at: Date | null }[];
    const incident = incidents[0];
    if (!incident) throw new DomainError(DomainErrorCode.NotFound, 'Incident not found');
    if (incident.resolved_at) throw new DomainError(DomainErrorCode.Conflict, 'The incident is already resolved');
    if (resolution.retry && !incident.outbox_id) {
      throw new DomainError(DomainErrorCode.GuardRejected, 'This incident has no effect to retry', {
        rules: ['hasEffect'],
      });
    }
    await manager.query(
      `WITH resolved AS (
         UPDATE workflow_incident SET resolved_at = $3, resolved_by = $4, resolution = $5
          WHERE id = $1 AND resolved_at IS NULL RETURNING workflow_id)
       UPDATE workflow_instance SET open_incidents = open_incidents - 1
        WHERE id = $2 AND id IN (SELECT workflow_id FROM resolved)`,
      [resolution.incidentId, resolution.workflowId, resolution.at, resolution.by, resolution.reason],
    );
    if (resolution.retry) {
      // 'done' too: an effect that ran and reached no one (a notification-undeliverable incident) runs again.
      await manager.query(
        `UPDATE outbox SET status = 'pending', attempts = 0, available_at = $2, done_at = NULL, last_error = NULL
          WHERE id = $1 AND status IN ('failed', 'done')`,
        [incident.outbox_id, resolution.at],
      );
    }
  }
}
