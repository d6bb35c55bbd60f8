import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  applyEvent,
  CLOCK,
  Clock,
  describeSnapshot,
  DomainError,
  DomainErrorCode,
  ENGINE_EVENTS,
  EventMeta,
  forceState,
  startWorkflow,
  TransitionEnv,
  TransitionOutcome,
  WorkflowRegistry,
} from '@app/workflows';
import { recordDeadlineStep } from './deadline-step-record';
import type { SendOptions, StartOptions, TransitionResult, WriteOptions } from './engine.types';
import { requestHash, replayedAnswer, WriteIdempotency } from './idempotency';
import { IncidentService } from './incidents.service';
import type { InstanceRow } from './instance-row';
import { OutboxSignal } from './outbox-signal';
import { subjectsOf } from './subjects';
import { lockForEvent } from './transition-lock';
import { TRANSITION_ENV } from './transition-env';
import { readModelWriteOf, writeTransition } from './transition-writer';

/** What a write to an existing workflow decided, for the writer to write. */
interface Decision {
  outcome: TransitionOutcome;
  /** What the journal records, when it differs from the request. */
  payload?: Record<string, unknown>;
  machineVersion?: number;
  /** A reassignment's new assignee (null: no one). */
  assignee?: string | null;
  thenInTransaction?: () => Promise<void>;
}

/**
 * Every write: a start, an event, a migration, a forced move, an incident resolved. Each is one
 * transaction whose snapshot, journal, outbox, deadlines and subjects go through the one writer
 * (transition-writer.ts); nothing leaves the database before commit, and the outbox dispatcher is
 * nudged after it.
 */
@Injectable()
export class WorkflowCommands {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: WorkflowRegistry,
    @Inject(TRANSITION_ENV) private readonly env: TransitionEnv,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly outboxSignal: OutboxSignal,
    private readonly idempotency: WriteIdempotency,
    private readonly incidents: IncidentService,
  ) {}

  async start(type: string, input: Record<string, unknown>, options: StartOptions): Promise<TransitionResult> {
    const definition = this.registry.latest(type);
    const key = options.idempotencyKey;
    const hash = requestHash({ type, input });
    if (key) {
      const earlier = await this.idempotency.findStart(this.dataSource.manager, type, key, hash);
      if (earlier) return earlier;
    }
    const id = randomUUID();
    const now = this.clock.now();
    const meta: EventMeta = { at: now.toISOString(), actor: options.actor, eventId: key ?? `start-${id}` };
    const outcome = startWorkflow(definition, input, meta, this.env);
    options.authorize?.({ area: outcome.area, type });
    const result = await this.idempotency.oncePerStartKey(type, key, hash, () =>
      this.dataSource.transaction(async (tx) => {
        const answer = await writeTransition(tx, {
          workflowId: id,
          workflowType: type,
          machineVersion: definition.version,
          start: { startKey: key ?? null, parent: options.parent },
          outcome,
          openDeadlines: [],
          subjects: definition.subjectsOf ? { before: [], after: subjectsOf(definition, outcome.snapshot.context) } : undefined,
          readModel: readModelWriteOf(definition.readModel, outcome),
          event: { type: ENGINE_EVENTS.started, payload: input, meta, hash },
          now,
        });
        await options.alsoInTransaction?.(tx, id);
        return answer;
      }),
    );
    if (!result.replayed) this.outboxSignal.notify();
    return result;
  }

  send(id: string, body: { type: string; [key: string]: unknown }, options: SendOptions): Promise<TransitionResult> {
    const { type, ...payload } = body;
    return this.writeEvent(id, options, type, payload, async ({ tx, row, now, meta }) => ({
      outcome: applyEvent(this.registry.get(row.type, row.machine_version), row.snapshot, { ...payload, type, meta }, this.env),
      thenInTransaction:
        type === ENGINE_EVENTS.deadlineStep ? () => recordDeadlineStep(tx, id, payload, now) : undefined,
    }));
  }

  /**
   * An audited administrative move of one instance to the next machine version, through the
   * migration that version declares. Recorded in the journal, so replay follows it.
   */
  migrate(id: string, toVersion: number, reason: string, options: WriteOptions & { eventId: string }) {
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
  force(id: string, toState: string, reason: string, options: WriteOptions & { eventId: string }) {
    return this.writeEvent(id, options, ENGINE_EVENTS.forced, { toState, reason }, async ({ row }) => ({
      outcome: forceState(this.registry.get(row.type, row.machine_version), row.snapshot, toState, this.env),
    }));
  }

  /**
   * A manager gives the workflow to another member of staff (their subject id), or to no one, with
   * a reason. Journaled without a state change (who from, who to, why); the instance row's
   * assignee columns are written in the same statement. A finished workflow, or one already with
   * that person, is refused.
   */
  reassign(id: string, toSub: string | null, reason: string, options: WriteOptions & { eventId: string }) {
    return this.writeEvent(id, options, ENGINE_EVENTS.reassigned, { toSub, reason }, async ({ row }) => {
      if (row.status !== 'active') {
        throw new DomainError(DomainErrorCode.Conflict, 'A finished workflow is not reassigned');
      }
      if (row.assignee_sub === toSub) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          toSub === null ? 'The workflow is assigned to no one already' : 'The workflow is assigned to that person already',
        );
      }
      return {
        outcome: describeSnapshot(this.registry.get(row.type, row.machine_version), row.snapshot, this.env),
        payload: { fromSub: row.assignee_sub, toSub, reason },
        assignee: toSub,
      };
    });
  }

  /**
   * A manager resolves an incident with a reason and, when `retry`, puts its failed effect back in
   * the outbox with fresh attempts. Journaled without a state change.
   */
  resolveIncident(
    id: string,
    incidentId: string,
    resolution: { reason: string; retry: boolean },
    options: WriteOptions & { eventId: string },
  ): Promise<TransitionResult> {
    const request = { incidentId, ...resolution };
    return this.writeEvent(id, options, ENGINE_EVENTS.incidentResolved, request, async ({ tx, row, now }) => {
      await this.incidents.resolve({ workflowId: id, incidentId, by: options.actor.sub, ...resolution, at: now }, tx);
      return {
        outcome: describeSnapshot(this.registry.get(row.type, row.machine_version), row.snapshot, this.env),
      };
    });
  }

  /**
   * The shape of every write to an existing workflow, once: lock the row, answer a repeated event
   * id from the journal, let `decide` compute the outcome (throwing refuses and writes nothing),
   * write snapshot, journal, outbox, deadlines and subjects, run the caller's in-transaction step,
   * and nudge the dispatcher after commit. `request` is what the idempotency hash covers.
   */
  private async writeEvent(
    id: string,
    options: WriteOptions & { eventId: string },
    type: string,
    request: Record<string, unknown>,
    decide: (ctx: { tx: EntityManager; row: InstanceRow; now: Date; meta: EventMeta }) => Promise<Decision>,
  ): Promise<TransitionResult> {
    const hash = requestHash({ type, payload: request });
    const result = await this.idempotency.oncePerEventId(id, options.eventId, hash, () =>
      this.dataSource.transaction(async (tx) => {
        const { row, earlier, openDeadlines } = await lockForEvent(tx, id, options.eventId);
        options.authorize?.({ area: row.area, type: row.type });
        if (earlier) return replayedAnswer(earlier, hash, 'event on this workflow');
        const now = this.clock.now();
        const meta: EventMeta = { at: now.toISOString(), actor: options.actor, eventId: options.eventId };
        const decided = await decide({ tx, row, now, meta });
        const machineVersion = decided.machineVersion ?? row.machine_version;
        const answer = await writeTransition(tx, {
          workflowId: row.id,
          workflowType: row.type,
          machineVersion,
          before: row,
          outcome: decided.outcome,
          openDeadlines,
          subjects: this.subjectChange(row, machineVersion, decided.outcome),
          readModel: readModelWriteOf(this.registry.get(row.type, machineVersion).readModel, decided.outcome),
          event: { type, payload: decided.payload ?? request, meta, hash },
          now,
          assignee: decided.assignee,
        });
        await decided.thenInTransaction?.();
        await options.alsoInTransaction?.(tx, id);
        return answer;
      }),
    );
    if (!result.replayed) this.outboxSignal.notify();
    return result;
  }

  /** The subjects before and after, computed from the contexts (no read): the writer writes only a change. */
  private subjectChange(row: InstanceRow, machineVersion: number, outcome: TransitionOutcome) {
    const before = this.registry.get(row.type, row.machine_version);
    const after = this.registry.get(row.type, machineVersion);
    if (!before.subjectsOf && !after.subjectsOf) return undefined;
    return {
      before: subjectsOf(before, row.snapshot.context),
      after: subjectsOf(after, outcome.snapshot.context),
    };
  }
}
