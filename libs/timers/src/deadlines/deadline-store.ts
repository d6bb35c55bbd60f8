import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { INCIDENT_KINDS, IncidentService } from '@app/persistence';
import { ENGINE_EVENTS } from '@app/workflows';
import { DeadlineStepJobData } from './deadline-step-job';
import { OpenDeadline } from './step-plan';

interface DeadlineRow {
  id: string;
  workflow_id: string;
  kind: string;
  /** '' for a clock that is one of its kind. */
  item_key: string;
  ladder: string;
  status: 'open' | 'met' | 'cancelled';
  revision: number;
  due_date: string;
  due_at: Date;
  opened_at: Date;
}

export interface DeadlineRecord extends OpenDeadline {
  status: DeadlineRow['status'];
}

const COLUMNS = `id, workflow_id, kind, item_key, ladder, status, revision, due_date::text AS due_date, due_at, opened_at`;

const toRecord = (row: DeadlineRow): DeadlineRecord => ({
  id: row.id,
  workflowId: row.workflow_id,
  kind: row.kind,
  // The item of a keyed clock, so its step names it (a late report: which one).
  ...(row.item_key ? { key: row.item_key } : {}),
  ladder: row.ladder,
  status: row.status,
  revision: row.revision,
  dueDate: row.due_date,
  dueAt: row.due_at,
  openedAt: row.opened_at,
});

/** Thrown inside a step's transaction when its deadline was met, cancelled or moved meanwhile: nothing is written. */
export class StaleDeadlineStep extends Error {
  constructor() {
    super('The deadline was met, cancelled or moved before the step was recorded');
    this.name = 'StaleDeadlineStep';
  }
}

/** What the timers read from PostgreSQL (the source of truth) and the one thing they write: incidents. */
@Injectable()
export class DeadlineStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly incidents: IncidentService,
  ) {}

  async find(id: string): Promise<DeadlineRecord | undefined> {
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM workflow_deadline WHERE id = $1`, [
      id,
    ])) as DeadlineRow[];
    return rows[0] && toRecord(rows[0]);
  }

  /** The next batch of open deadlines after `afterId`, in id order (keyset pagination, so a pass never skips one). */
  async openAfter(afterId: string | null, limit: number): Promise<OpenDeadline[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM workflow_deadline
        WHERE status = 'open' AND ($1::uuid IS NULL OR id > $1::uuid)
        ORDER BY id LIMIT $2`,
      [afterId, limit],
    )) as DeadlineRow[];
    return rows.map(toRecord);
  }

  /** The step event ids already in a deadline's workflow journal (every revision). */
  async recordedSteps(workflowId: string, deadlineId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT event_id FROM workflow_journal
        WHERE workflow_id = $1 AND event_type = $2 AND event_id LIKE $3`,
      [workflowId, ENGINE_EVENTS.deadlineStep, `${deadlineId}.%`],
    )) as { event_id: string }[];
    return rows.map((r) => r.event_id);
  }

  /** Which of these (workflow, step event id) pairs the journal holds. */
  async recordedAmong(steps: { workflowId: string; eventId: string }[]): Promise<Set<string>> {
    if (steps.length === 0) return new Set();
    const rows = (await this.dataSource.query(
      `SELECT j.event_id FROM unnest($1::uuid[], $2::text[]) AS wanted (workflow_id, event_id)
         JOIN workflow_journal j ON j.workflow_id = wanted.workflow_id AND j.event_id = wanted.event_id
        WHERE j.event_type = $3`,
      [steps.map((s) => s.workflowId), steps.map((s) => s.eventId), ENGINE_EVENTS.deadlineStep],
    )) as { event_id: string }[];
    return new Set(rows.map((r) => r.event_id));
  }

  /** The type of the journal row recorded under this event id, if any. */
  async recordedEventType(workflowId: string, eventId: string): Promise<string | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT event_type FROM workflow_journal WHERE workflow_id = $1 AND event_id = $2`,
      [workflowId, eventId],
    )) as { event_type: string }[];
    return rows[0]?.event_type;
  }

  /**
   * Inside the step's own transaction, after the engine has locked the instance (so no transition
   * can close or move the deadline concurrently): is the step still for the deadline as it is? A
   * deadline the step event itself closed (a machine that handles deadline.step) counts as current.
   */
  async throwIfStale(tx: EntityManager, workflowId: string, job: DeadlineStepJobData): Promise<void> {
    const rows = (await tx.query(
      `SELECT d.status, d.revision, d.closed_seq, i.seq
         FROM workflow_deadline d JOIN workflow_instance i ON i.id = d.workflow_id
        WHERE d.id = $1 AND d.workflow_id = $2`,
      [job.deadlineId, workflowId],
    )) as { status: string; revision: number; closed_seq: number | null; seq: number }[];
    const row = rows[0];
    const closedByThisStep = row?.closed_seq != null && row.closed_seq === row.seq;
    if (!row || row.revision !== job.revision || (row.status !== 'open' && !closedByThisStep)) {
      throw new StaleDeadlineStep();
    }
  }

  /**
   * A step job that has used up its attempts becomes an incident on its workflow (the managers'
   * "failed" list), once while it stays unresolved. The detail holds ids and an error class only.
   */
  async recordFailedStep(
    workflowId: string,
    jobId: string,
    attempts: number,
    errorName: string,
    now: Date,
  ): Promise<void> {
    await this.incidents.raise({
      workflowId,
      kind: INCIDENT_KINDS.timerFailed,
      detail: `deadline step ${jobId} failed ${attempts} times: ${errorName}`,
      onceKey: `timer.${jobId}`,
      at: now,
    });
  }
}
