import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  applyEvent,
  canonicalJson,
  CLOCK,
  Clock,
  describeSnapshot,
  DomainError,
  DomainErrorCode,
  Effect,
  DEADLINE_STEP,
  ENGINE_EVENTS,
  EventMeta,
  forceState,
  PersistedWorkflowSnapshot,
  startWorkflow,
  TransitionEnv,
  TransitionOutcome,
  WorkflowRegistry,
  WorkingDayCalendar,
} from '@app/workflows';
import { AppConfig } from '../config/app-config';
import { decodeCursor, encodeCursor } from './cursor';
import type {
  IncidentView,
  JournalEntryView,
  ListFilters,
  OpenDeadlineView,
  Page,
  SendOptions,
  StartOptions,
  TransitionResult,
  WorkflowDetails,
  WorkflowSummary,
  WriteOptions,
} from './engine.types';
import { OutboxSignal } from './outbox-signal';

interface InstanceRow {
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
}

interface EarlierAnswer {
  request_hash: string;
  result: TransitionResult;
}

interface OpenDeadlineRow {
  id: string;
  kind: string;
  /** Epoch milliseconds. */
  dueAt: number;
  anchorDate: string;
}

interface LockedInstance {
  row: InstanceRow;
  earlier?: EarlierAnswer;
  openDeadlines: OpenDeadlineRow[];
}

interface PendingTransition {
  row: InstanceRow;
  outcome: TransitionOutcome;
  openDeadlines: OpenDeadlineRow[];
  now: Date;
  meta: EventMeta;
  type: string;
  payload: Record<string, unknown>;
  hash: string;
  machineVersion: number;
}

/** What the lock query reads besides the row: the earlier answer to this event id and the open deadlines. */
interface AfterLock {
  earlier: EarlierAnswer | null;
  open_deadlines: { id: string; kind: string; due_at: string; anchor_date: string }[];
}

/** The select-list items of AfterLock, for the workflow `workflowId` (a column or a parameter) and event id $2. */
const EARLIER_AND_OPEN_DEADLINES = (workflowId: string) => `
  (SELECT json_build_object('request_hash', j.request_hash, 'result', j.result)
     FROM workflow_journal j WHERE j.workflow_id = ${workflowId} AND j.event_id = $2) AS earlier,
  (SELECT coalesce(json_agg(json_build_object('id', d.id, 'kind', d.kind, 'due_at', d.due_at,
                                              'anchor_date', d.anchor_date)), '[]'::json)
     FROM workflow_deadline d WHERE d.workflow_id = ${workflowId} AND d.status = 'open') AS open_deadlines`;

const UNIQUE_VIOLATION = '23505';
const requestHash = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');

/**
 * The transactional engine. Every write is one transaction: lock the instance row, compute the
 * transition with the pure core, then write the snapshot and its indexed columns, one journal row,
 * the deadline changes and an outbox row per effect. Nothing leaves the database before commit.
 */
@Injectable()
export class WorkflowEngine {
  private readonly env: TransitionEnv;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: WorkflowRegistry,
    config: AppConfig,
    calendar: WorkingDayCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly outboxSignal: OutboxSignal,
  ) {
    this.env = { settings: config.statutory, calendar };
  }

  get definitions(): WorkflowRegistry {
    return this.registry;
  }

  /** The settings and calendar transitions are computed with (for replays and inspection). */
  get transitionEnv(): TransitionEnv {
    return this.env;
  }

  async start(
    type: string,
    input: Record<string, unknown>,
    options: StartOptions,
  ): Promise<TransitionResult> {
    const definition = this.registry.latest(type);
    const hash = requestHash({ type, input });
    if (options.idempotencyKey) {
      const earlier = await this.findStart(this.dataSource.manager, type, options.idempotencyKey, hash);
      if (earlier) return earlier;
    }
    const id = randomUUID();
    const now = this.clock.now();
    const meta: EventMeta = {
      at: now.toISOString(),
      actor: options.actor,
      eventId: options.idempotencyKey ?? `start-${id}`,
    };
    const outcome = startWorkflow(definition, input, meta, this.env);
    options.authorize?.({ area: outcome.area, type });
    const result: TransitionResult = {
      id,
      type,
      machineVersion: definition.version,
      state: outcome.state,
      status: outcome.status,
      seq: 1,
      allowedEvents: outcome.allowedEvents,
    };
    try {
      await this.dataSource.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO workflow_instance (id, type, machine_version, state, status, snapshot, area, reference, seq,
             start_key, created_at, updated_at, last_transition_at, stuck_after, next_due_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10, $10, $10, $11, $12)`,
          [
            id,
            type,
            definition.version,
            outcome.state,
            outcome.status,
            outcome.snapshot,
            outcome.area,
            outcome.reference,
            options.idempotencyKey ?? null,
            now,
            this.stuckAfter(now, outcome),
            this.nextDue(outcome),
          ],
        );
        await this.appendJournal(
          tx,
          id,
          1,
          ENGINE_EVENTS.started,
          input,
          meta,
          null,
          outcome,
          definition.version,
          hash,
          result,
        );
        await this.writeConsequences(tx, id, 1, ENGINE_EVENTS.started, outcome, now);
        await options.alsoInTransaction?.(tx, id);
      });
    } catch (error) {
      // The same key raced us: answer with what the winner recorded.
      if (options.idempotencyKey && (error as { code?: string }).code === UNIQUE_VIOLATION) {
        const earlier = await this.findStart(this.dataSource.manager, type, options.idempotencyKey, hash);
        if (earlier) return earlier;
      }
      throw error;
    }
    this.outboxSignal.notify();
    return result;
  }

  async send(
    id: string,
    body: { type: string; [key: string]: unknown },
    options: SendOptions,
  ): Promise<TransitionResult> {
    const { type, ...payload } = body;
    return this.writeEvent(id, options, type, payload, async ({ tx, row, now, meta }) => {
      const definition = this.registry.get(row.type, row.machine_version);
      const outcome = applyEvent(definition, row.snapshot, { ...payload, type, meta }, this.env);
      return {
        outcome,
        thenInTransaction:
          type === ENGINE_EVENTS.deadlineStep
            ? () => this.recordDeadlineStep(tx, id, payload, now)
            : undefined,
      };
    });
  }

  /**
   * An audited administrative move of one instance to the next machine version, through the
   * migration that version declares. Recorded in the journal, so replay follows it.
   */
  async migrate(id: string, toVersion: number, reason: string, options: WriteOptions & { eventId: string }) {
    return this.writeEvent(id, options, ENGINE_EVENTS.migrated, { toVersion, reason }, async ({ row }) => {
      if (!this.registry.has(row.type, toVersion)) {
        throw new DomainError(DomainErrorCode.InvalidInput, `${row.type} has no version ${toVersion}`);
      }
      const target = this.registry.get(row.type, toVersion);
      if (!target.migration || target.migration.fromVersion !== row.machine_version) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          `${row.type} v${toVersion} declares no migration from v${row.machine_version}`,
        );
      }
      return {
        outcome: describeSnapshot(target, target.migration.migrate(row.snapshot), this.env),
        payload: { fromVersion: row.machine_version, toVersion, reason },
        machineVersion: toVersion,
      };
    });
  }

  /** A manager moves a workflow to a state by force, with a reason; journaled, so replay follows it. */
  async force(id: string, toState: string, reason: string, options: WriteOptions & { eventId: string }) {
    return this.writeEvent(id, options, ENGINE_EVENTS.forced, { toState, reason }, async ({ row }) => ({
      outcome: forceState(this.registry.get(row.type, row.machine_version), row.snapshot, toState, this.env),
    }));
  }

  /**
   * A manager resolves an incident with a reason and, when `retry`, puts its failed effect back in
   * the outbox with fresh attempts. Journaled without a state change.
   */
  async resolveIncident(
    id: string,
    incidentId: string,
    resolution: { reason: string; retry: boolean },
    options: WriteOptions & { eventId: string },
  ): Promise<TransitionResult> {
    const request = { incidentId, ...resolution };
    return this.writeEvent(id, options, ENGINE_EVENTS.incidentResolved, request, async ({ tx, row, now }) => {
      const incidents = (await tx.query(
        `SELECT id, outbox_id, resolved_at FROM workflow_incident WHERE id = $1 AND workflow_id = $2`,
        [incidentId, id],
      )) as { id: string; outbox_id: string | null; resolved_at: Date | null }[];
      const incident = incidents[0];
      if (!incident) throw new DomainError(DomainErrorCode.NotFound, 'Incident not found');
      if (incident.resolved_at)
        throw new DomainError(DomainErrorCode.Conflict, 'The incident is already resolved');
      if (resolution.retry && !incident.outbox_id) {
        throw new DomainError(DomainErrorCode.GuardRejected, 'This incident has no effect to retry', {
          rules: ['hasEffect'],
        });
      }
      await tx.query(
        `UPDATE workflow_incident SET resolved_at = $2, resolved_by = $3, resolution = $4 WHERE id = $1`,
        [incidentId, now, options.actor.sub, resolution.reason],
      );
      await tx.query(`UPDATE workflow_instance SET open_incidents = open_incidents - 1 WHERE id = $1`, [id]);
      if (resolution.retry) {
        // 'done' too: an effect that ran and reached no one (a notification-undeliverable incident) runs again.
        await tx.query(
          `UPDATE outbox SET status = 'pending', attempts = 0, available_at = $2, done_at = NULL, last_error = NULL
            WHERE id = $1 AND status IN ('failed', 'done')`,
          [incident.outbox_id, now],
        );
      }
      return {
        outcome: describeSnapshot(this.registry.get(row.type, row.machine_version), row.snapshot, this.env),
      };
    });
  }

  /**
   * The shape of every write to an existing workflow, once: lock the row, answer a repeated event
   * id from the journal, let `decide` compute the outcome (throwing refuses and writes nothing),
   * commit snapshot, journal, deadlines and outbox, run the caller's in-transaction step, and nudge
   * the dispatcher after commit. `request` is what the idempotency hash covers.
   */
  private async writeEvent(
    id: string,
    options: WriteOptions & { eventId: string },
    type: string,
    request: Record<string, unknown>,
    decide: (ctx: { tx: EntityManager; row: InstanceRow; now: Date; meta: EventMeta }) => Promise<{
      outcome: TransitionOutcome;
      /** What the journal records, when it differs from the request. */
      payload?: Record<string, unknown>;
      machineVersion?: number;
      thenInTransaction?: () => Promise<void>;
    }>,
  ): Promise<TransitionResult> {
    const hash = requestHash({ type, payload: request });
    const result = await this.oncePerEventId(id, options.eventId, hash, () =>
      this.dataSource.transaction(async (tx) => {
        const { row, earlier, openDeadlines } = await this.lockForEvent(tx, id, options.eventId);
        options.authorize?.({ area: row.area, type: row.type });
        if (earlier) return this.replayedAnswer(earlier, hash, 'event on this workflow');
        const now = this.clock.now();
        const meta: EventMeta = { at: now.toISOString(), actor: options.actor, eventId: options.eventId };
        const decided = await decide({ tx, row, now, meta });
        const answer = await this.commitTransition(tx, {
          row,
          outcome: decided.outcome,
          openDeadlines,
          now,
          meta,
          type,
          payload: decided.payload ?? request,
          hash,
          machineVersion: decided.machineVersion ?? row.machine_version,
        });
        await decided.thenInTransaction?.();
        await options.alsoInTransaction?.(tx, id);
        return answer;
      }),
    );
    if (!result.replayed) this.outboxSignal.notify();
    return result;
  }

  async get(id: string, authorize?: WriteOptions['authorize']): Promise<WorkflowDetails> {
    const row = await this.findRow(this.dataSource.manager, id);
    authorize?.({ area: row.area, type: row.type });
    const definition = this.registry.get(row.type, row.machine_version);
    const described = describeSnapshot(definition, row.snapshot, this.env);
    const now = this.clock.now();
    const deadlines = (await this.dataSource.query(
      `SELECT id, kind, ladder, status, anchor_date::text AS anchor_date, due_date::text AS due_date, due_at,
              last_step, warned_at, overdue_at
         FROM workflow_deadline WHERE workflow_id = $1 AND status = 'open' ORDER BY due_at, kind`,
      [id],
    )) as {
      id: string;
      kind: string;
      ladder: string;
      status: 'open';
      anchor_date: string;
      due_date: string;
      due_at: Date;
      last_step: string | null;
      warned_at: Date | null;
      overdue_at: Date | null;
    }[];
    const incidents = (await this.dataSource.query(
      `SELECT id, kind, detail, created_at, resolved_at FROM workflow_incident WHERE workflow_id = $1 ORDER BY created_at`,
      [id],
    )) as { id: string; kind: string; detail: string; created_at: Date; resolved_at: Date | null }[];
    return {
      id: row.id,
      type: row.type,
      machineVersion: row.machine_version,
      state: row.state,
      status: row.status,
      area: row.area,
      reference: row.reference,
      context: row.snapshot.context,
      allowedEvents: described.allowedEvents,
      deadlines: deadlines.map((d): OpenDeadlineView => ({
        id: d.id,
        kind: d.kind,
        ladder: d.ladder,
        status: d.status,
        anchorDate: d.anchor_date,
        dueDate: d.due_date,
        dueAt: d.due_at.toISOString(),
        lastStep: d.last_step,
        warnedAt: d.warned_at?.toISOString() ?? null,
        overdueAt: d.overdue_at?.toISOString() ?? null,
      })),
      incidents: incidents.map((i): IncidentView => ({
        id: i.id,
        kind: i.kind,
        detail: i.detail,
        createdAt: i.created_at.toISOString(),
        resolvedAt: i.resolved_at?.toISOString() ?? null,
      })),
      overdue: row.status === 'active' && !!row.next_due_at && row.next_due_at <= now,
      stuck: row.status === 'active' && !!row.stuck_after && row.stuck_after <= now,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      lastTransitionAt: row.last_transition_at.toISOString(),
      seq: row.seq,
    };
  }

  async history(id: string, authorize?: WriteOptions['authorize']): Promise<JournalEntryView[]> {
    const row = await this.findRow(this.dataSource.manager, id);
    authorize?.({ area: row.area, type: row.type });
    const rows = (await this.dataSource.query(
      `SELECT seq, event_id, event_type, payload, actor_sub, actor_role, from_state, to_state, machine_version, occurred_at
         FROM workflow_journal WHERE workflow_id = $1 ORDER BY seq`,
      [id],
    )) as {
      seq: number;
      event_id: string;
      event_type: string;
      payload: Record<string, unknown>;
      actor_sub: string;
      actor_role: string;
      from_state: string | null;
      to_state: string;
      machine_version: number;
      occurred_at: Date;
    }[];
    return rows.map((r) => ({
      seq: r.seq,
      eventId: r.event_id,
      type: r.event_type,
      payload: r.payload,
      actor: { sub: r.actor_sub, role: r.actor_role },
      fromState: r.from_state,
      toState: r.to_state,
      machineVersion: r.machine_version,
      occurredAt: r.occurred_at.toISOString(),
    }));
  }

  /** Lists instances from the indexed columns only (never by reading snapshots), newest change first. */
  async list(filters: ListFilters): Promise<Page<WorkflowSummary>> {
    const now = this.clock.now();
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filters.type) add('type = ?', filters.type);
    if (filters.state) add('state = ?', filters.state);
    if (filters.status) add('status = ?', filters.status);
    if (filters.overdue === true) add(`status = 'active' AND next_due_at <= ?`, now);
    if (filters.overdue === false) add(`(status <> 'active' OR next_due_at IS NULL OR next_due_at > ?)`, now);
    if (filters.stuck === true) add(`status = 'active' AND stuck_after <= ?`, now);
    if (filters.stuck === false) add(`(status <> 'active' OR stuck_after IS NULL OR stuck_after > ?)`, now);
    if (filters.atRisk === true) where.push(`status = 'active' AND warned`);
    if (filters.failed === true) where.push('open_incidents > 0');
    if (filters.updatedBefore) add('updated_at < ?', filters.updatedBefore);
    if (filters.areas && filters.areas !== 'all') add('area = ANY(?)', filters.areas);
    if (filters.excludeTypes && filters.excludeTypes.length > 0)
      add('NOT (type = ANY(?))', filters.excludeTypes);
    if (filters.cursor) {
      const cursor = decodeCursor(filters.cursor);
      params.push(cursor.updatedAt, cursor.id);
      where.push(`(updated_at, id) < ($${params.length - 1}, $${params.length})`);
    }
    const limit = Math.min(Math.max(filters.limit ?? 50, 1), 200);
    params.push(limit + 1);
    const rows = (await this.dataSource.query(
      `SELECT id, type, machine_version, state, status, area, reference, next_due_at, stuck_after, open_incidents,
              last_transition_at, updated_at
         FROM workflow_instance ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY updated_at DESC, id DESC LIMIT $${params.length}`,
      params,
    )) as Omit<InstanceRow, 'snapshot' | 'seq' | 'created_at'>[];
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        id: r.id,
        type: r.type,
        machineVersion: r.machine_version,
        state: r.state,
        status: r.status,
        area: r.area,
        reference: r.reference,
        nextDueAt: r.next_due_at?.toISOString() ?? null,
        overdue: r.status === 'active' && !!r.next_due_at && r.next_due_at <= now,
        stuck: r.status === 'active' && !!r.stuck_after && r.stuck_after <= now,
        openIncidents: r.open_incidents,
        lastTransitionAt: r.last_transition_at.toISOString(),
        updatedAt: r.updated_at.toISOString(),
      })),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ updatedAt: last.updated_at.toISOString(), id: last.id })
          : null,
    };
  }

  /** A fired step marks its deadline (warned, overdue) and the instance as at risk, for the managers' lists. */
  private async recordDeadlineStep(
    tx: EntityManager,
    id: string,
    payload: Record<string, unknown>,
    now: Date,
  ) {
    const deadlineId = typeof payload.deadlineId === 'string' ? payload.deadlineId : null;
    const step = typeof payload.step === 'string' ? payload.step : null;
    if (!deadlineId || !step) return;
    const overdue = step === DEADLINE_STEP.due || step === DEADLINE_STEP.repeat;
    // Steps that fall due together (after an outage, or a clock jump) are recorded in any order:
    // the last step shown is the furthest up the ladder, never a late-recorded warning.
    const rank = (column: string) =>
      `CASE ${column} WHEN '${DEADLINE_STEP.warning}' THEN 1 WHEN '${DEADLINE_STEP.due}' THEN 2 WHEN '${DEADLINE_STEP.repeat}' THEN 3 ELSE 0 END`;
    await tx.query(
      `UPDATE workflow_deadline
          SET last_step = CASE WHEN ${rank('$3::text')} >= ${rank('last_step')} THEN $3 ELSE last_step END,
              last_step_at = CASE WHEN ${rank('$3::text')} >= ${rank('last_step')} THEN $4 ELSE last_step_at END,
              warned_at = COALESCE(warned_at, $4),
              overdue_at = CASE WHEN $5 THEN COALESCE(overdue_at, $4) ELSE overdue_at END
        WHERE id = $1 AND workflow_id = $2 AND status = 'open'`,
      [deadlineId, id, step, now, overdue],
    );
    await tx.query(`UPDATE workflow_instance SET warned = true WHERE id = $1 AND status = 'active'`, [id]);
  }

  // --- the steps of a write -------------------------------------------------------------

  /**
   * One round trip: locks the instance row and brings back, with it, the earlier answer for this
   * event id (if any) and the open deadlines. Those two are read with the statement's snapshot,
   * taken before any wait for the lock, while the row is the version the lock got. When the lock
   * waited for a transition that committed meanwhile (the row's seq has moved past the one the
   * snapshot saw), both are read again (readAfterLockWait): otherwise a retry would be judged
   * against the state its first delivery left, and another event would write deadlines that are
   * no longer there. Without a wait, the single round trip is all.
   */
  private async lockForEvent(tx: EntityManager, id: string, eventId: string): Promise<LockedInstance> {
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
      seq_before_lock === instance.seq
        ? { earlier, open_deadlines }
        : await this.readAfterLockWait(tx, id, eventId);
    return {
      row: instance,
      earlier: current.earlier ?? undefined,
      openDeadlines: current.open_deadlines.map((d) => ({
        id: d.id,
        kind: d.kind,
        dueAt: Date.parse(d.due_at),
        anchorDate: d.anchor_date,
      })),
    };
  }

  /** The earlier answer and the open deadlines in a statement of its own, which sees what committed while the lock waited. */
  private async readAfterLockWait(tx: EntityManager, id: string, eventId: string): Promise<AfterLock> {
    const rows = (await tx.query(`SELECT ${EARLIER_AND_OPEN_DEADLINES('$1::uuid')}`, [
      id,
      eventId,
    ])) as AfterLock[];
    return rows[0]!;
  }

  private async findRow(manager: EntityManager, id: string): Promise<InstanceRow> {
    const rows = (await manager.query(`SELECT * FROM workflow_instance WHERE id = $1`, [
      id,
    ])) as InstanceRow[];
    if (!rows[0]) throw new DomainError(DomainErrorCode.NotFound, 'Workflow not found');
    return rows[0];
  }

  /**
   * Runs a write at most once per event id. A second delivery that waited for the first is answered
   * from the journal by lockForEvent; should one still reach the journal's unique (workflow, event
   * id), the last word is the database's, and it answers with what the first recorded.
   */
  private async oncePerEventId(
    id: string,
    eventId: string,
    hash: string,
    write: () => Promise<TransitionResult>,
  ): Promise<TransitionResult> {
    try {
      return await write();
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string };
      if (code !== UNIQUE_VIOLATION || constraint !== 'workflow_journal_event_once') throw error;
      const rows = (await this.dataSource.query(
        `SELECT request_hash, result FROM workflow_journal WHERE workflow_id = $1 AND event_id = $2`,
        [id, eventId],
      )) as EarlierAnswer[];
      if (!rows[0]) throw error;
      return this.replayedAnswer(rows[0], hash, 'event on this workflow');
    }
  }

  /** The recorded answer to a repeated delivery; a reused key with a different request is a 409. */
  private replayedAnswer(earlier: EarlierAnswer, hash: string, what: string): TransitionResult {
    if (earlier.request_hash !== hash) {
      throw new DomainError(
        DomainErrorCode.IdempotencyKeyReused,
        `This idempotency key was already used for a different ${what}`,
      );
    }
    return { ...earlier.result, replayed: true };
  }

  private async findStart(
    manager: EntityManager,
    type: string,
    key: string,
    hash: string,
  ): Promise<TransitionResult | undefined> {
    const rows = (await manager.query(
      `SELECT j.request_hash, j.result FROM workflow_instance i
         JOIN workflow_journal j ON j.workflow_id = i.id AND j.seq = 1
        WHERE i.type = $1 AND i.start_key = $2`,
      [type, key],
    )) as EarlierAnswer[];
    return rows[0] ? this.replayedAnswer(rows[0], hash, 'workflow start') : undefined;
  }

  private stuckAfter(now: Date, outcome: TransitionOutcome): Date | null {
    return outcome.stuckAfterHours === undefined
      ? null
      : new Date(now.getTime() + outcome.stuckAfterHours * 3_600_000);
  }

  private nextDue(outcome: TransitionOutcome): Date | null {
    const times = outcome.deadlines.map((d) => Date.parse(d.dueAt));
    return times.length > 0 ? new Date(Math.min(...times)) : null;
  }

  /**
   * Writes a transition of a locked instance: deadline changes (only when there are any), then
   * the instance update, the journal row and the outbox rows in one statement.
   */
  private async commitTransition(tx: EntityManager, t: PendingTransition): Promise<TransitionResult> {
    const { row, outcome, now, meta } = t;
    const seq = row.seq + 1;
    const answer: TransitionResult = {
      id: row.id,
      type: row.type,
      machineVersion: t.machineVersion,
      state: outcome.state,
      status: outcome.status,
      seq,
      allowedEvents: outcome.allowedEvents,
    };
    const effects = [
      ...outcome.effects,
      ...(await this.syncDeadlines(tx, row.id, seq, t.type, outcome, t.openDeadlines, now)),
    ];
    const params: unknown[] = [];
    const p = (value: unknown, cast = '') => {
      params.push(value);
      return `$${params.length}${cast}`;
    };
    const id = p(row.id);
    const nowParam = p(now);
    const seqParam = p(seq);
    const moved = p(outcome.changed);
    const outboxRows = effects.map((e) => `(${p(e.type)}, ${p(e, '::jsonb')})`);
    const sql = `
      WITH upd AS (
        UPDATE workflow_instance
           SET snapshot = ${p(outcome.snapshot, '::jsonb')}, state = ${p(outcome.state)}, status = ${p(outcome.status)},
               area = ${p(outcome.area)}, reference = ${p(outcome.reference)}, seq = ${seqParam}, updated_at = ${nowParam},
               machine_version = ${p(t.machineVersion)},
               last_transition_at = CASE WHEN ${moved}::boolean THEN ${nowParam}::timestamptz ELSE last_transition_at END,
               stuck_after = CASE WHEN ${moved}::boolean THEN ${p(this.stuckAfter(now, outcome))}::timestamptz ELSE stuck_after END,
               next_due_at = ${p(this.nextDue(outcome))}::timestamptz,
               warned = CASE WHEN ${p(outcome.deadlines.length === 0)}::boolean THEN false ELSE warned END
         WHERE id = ${id} AND seq = ${p(row.seq)}
        RETURNING id),
      journal AS (
        INSERT INTO workflow_journal (workflow_id, seq, event_id, event_type, payload, actor_sub, actor_role,
                                      from_state, to_state, machine_version, occurred_at, request_hash, result)
        SELECT upd.id, ${seqParam}, ${p(meta.eventId)}, ${p(t.type)}, ${p(t.payload, '::jsonb')}, ${p(meta.actor.sub)},
               ${p(meta.actor.role)}, ${p(row.state)}, ${p(outcome.state)}, ${p(t.machineVersion)}, ${p(meta.at)}::timestamptz,
               ${p(t.hash)}, ${p(answer, '::jsonb')}
          FROM upd
        RETURNING seq)
      ${
        outboxRows.length > 0
          ? `, outbox_rows AS (
        INSERT INTO outbox (workflow_id, journal_seq, effect_type, payload, available_at, created_at)
        SELECT upd.id, ${seqParam}, v.effect_type, v.payload, ${nowParam}, ${nowParam}
          FROM upd CROSS JOIN (VALUES ${outboxRows.join(', ')}) AS v(effect_type, payload))`
          : ''
      }
      SELECT (SELECT count(*) FROM upd)::int AS updated, (SELECT count(*) FROM journal)::int AS journaled`;
    const [result] = (await tx.query(sql, params)) as { updated: number; journaled: number }[];
    if (result?.updated !== 1 || result.journaled !== 1) {
      throw new Error('Transition lost its instance row under lock'); // cannot happen while the row is locked
    }
    return answer;
  }

  private async appendJournal(
    tx: EntityManager,
    id: string,
    seq: number,
    type: string,
    payload: Record<string, unknown>,
    meta: EventMeta,
    fromState: string | null,
    outcome: TransitionOutcome,
    machineVersion: number,
    hash: string,
    result: TransitionResult,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO workflow_journal (workflow_id, seq, event_id, event_type, payload, actor_sub, actor_role,
         from_state, to_state, machine_version, occurred_at, request_hash, result)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        id,
        seq,
        meta.eventId,
        type,
        payload,
        meta.actor.sub,
        meta.actor.role,
        fromState,
        outcome.state,
        machineVersion,
        meta.at,
        hash,
        result,
      ],
    );
  }

  /** The first transition's effects and deadlines (there is nothing open yet). */
  private async writeConsequences(
    tx: EntityManager,
    id: string,
    seq: number,
    eventType: string,
    outcome: TransitionOutcome,
    now: Date,
  ): Promise<void> {
    const effects = [
      ...outcome.effects,
      ...(await this.syncDeadlines(tx, id, seq, eventType, outcome, [], now)),
    ];
    if (effects.length === 0) return;
    const values: string[] = [];
    const params: unknown[] = [id, seq, now];
    for (const effect of effects) {
      params.push(effect.type, effect);
      values.push(`($1, $2, $${params.length - 1}, $${params.length}, $3, $3)`);
    }
    await tx.query(
      `INSERT INTO outbox (workflow_id, journal_seq, effect_type, payload, available_at, created_at) VALUES ${values.join(', ')}`,
      params,
    );
  }

  /**
   * Brings the deadline rows in line with what the active states declare and returns the
   * 'deadline.*' effects for libs/timers to schedule or cancel jobs. No statement when nothing changed.
   */
  private async syncDeadlines(
    tx: EntityManager,
    id: string,
    seq: number,
    eventType: string,
    outcome: TransitionOutcome,
    open: OpenDeadlineRow[],
    now: Date,
  ): Promise<Effect[]> {
    const effects: Effect[] = [];
    const wanted = new Map(outcome.deadlines.map((d) => [d.kind, d]));
    for (const existing of open) {
      const desired = wanted.get(existing.kind);
      if (!desired) {
        await tx.query(
          `UPDATE workflow_deadline SET status = 'met', closed_at = $2, closed_seq = $3, closed_by = $4 WHERE id = $1`,
          [existing.id, now, seq, eventType],
        );
        effects.push({ type: 'deadline.closed', deadlineId: existing.id, kind: existing.kind });
      } else if (Date.parse(desired.dueAt) !== existing.dueAt || desired.anchorDate !== existing.anchorDate) {
        await tx.query(
          `UPDATE workflow_deadline SET anchor_date = $2, due_date = $3, due_at = $4, revision = revision + 1,
                  warned_at = NULL, overdue_at = NULL, last_step = NULL, last_step_at = NULL
            WHERE id = $1`,
          [existing.id, desired.anchorDate, desired.dueDate, desired.dueAt],
        );
        effects.push({
          type: 'deadline.moved',
          deadlineId: existing.id,
          kind: existing.kind,
          dueAt: desired.dueAt,
        });
      }
      wanted.delete(existing.kind);
    }
    for (const desired of wanted.values()) {
      const deadlineId = randomUUID();
      await tx.query(
        `INSERT INTO workflow_deadline (id, workflow_id, kind, ladder, status, anchor_date, due_date, due_at, opened_at, opened_seq)
         VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8, $9)`,
        [
          deadlineId,
          id,
          desired.kind,
          desired.ladder,
          desired.anchorDate,
          desired.dueDate,
          desired.dueAt,
          now,
          seq,
        ],
      );
      effects.push({ type: 'deadline.opened', deadlineId, kind: desired.kind, dueAt: desired.dueAt });
    }
    return effects;
  }
}
