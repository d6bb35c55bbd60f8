import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK, Clock } from '@app/workflows';
import { AppConfig, INCIDENT_KINDS, IncidentService, OutboxSignal } from '@app/persistence';
import { EFFECT_HANDLERS, EffectFailure, EffectHandler, EffectRefused, OutboxEffect } from './effect-handler';

interface ClaimedRow {
  id: string;
  workflow_id: string | null;
  journal_seq: number | null;
  effect_type: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/**
 * Performs the outbox after commit, at least once. Rows are claimed with FOR UPDATE SKIP LOCKED
 * and leased, so several workers share the work and a worker that dies mid-effect only delays it
 * until the lease runs out. A failure is retried with exponential backoff; one that has used up
 * its attempts, or that its handler says no retry can mend (EffectRefused), becomes an incident on
 * its workflow. Only effect types with a registered handler
 * are claimed, so an API-only process leaves the rest to the workers.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxDispatcher.name);
  private readonly handlers = new Map<string, EffectHandler>();
  private timer?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private draining?: Promise<void>;
  private again = false;
  private stopped = true;
  /** Effects being performed now: a slow receiver holds only its own slot, never the others. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly signal: OutboxSignal,
    private readonly incidents: IncidentService,
    @Optional() @Inject(EFFECT_HANDLERS) handlers: EffectHandler[] = [],
  ) {
    for (const handler of handlers ?? []) this.register(handler);
  }

  register(handler: EffectHandler): void {
    for (const type of handler.effectTypes) {
      if (this.handlers.has(type)) throw new Error(`Two handlers for effect ${type}`);
      this.handlers.set(type, handler);
    }
  }

  get handledTypes(): string[] {
    return [...this.handlers.keys()];
  }

  onApplicationBootstrap(): void {
    if (this.config.processRole === 'api') return;
    this.stopped = false;
    this.unsubscribe = this.signal.subscribe(() => this.kick());
    this.timer = setInterval(() => this.kick(), this.config.outboxPollMs);
    this.timer.unref();
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
    await this.draining;
    await Promise.allSettled([...this.inFlight]);
  }

  /** Starts a drain unless one is running; a kick during a drain makes it go round once more. */
  kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain(true)
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error({ err: error }, 'Outbox drain failed; will retry at next poll'))
      .finally(() => {
        this.draining = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }

  /**
   * Claims and starts everything due now. From the background loop it returns once nothing more
   * can be claimed (effects still being performed kick it again when they finish); called with
   * `untilSettled` (tests, shutdown) it also waits until every effect it started has finished.
   */
  async drain(fromLoop = false): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.dispatchBatch();
      total += claimed;
      if (fromLoop && (claimed === 0 || this.stopped)) return total;
      if (claimed === 0) {
        if (this.inFlight.size > 0) {
          await Promise.race([...this.inFlight]);
        } else if (!fromLoop && this.draining) {
          // A background pass may be between claiming rows and starting them: let it finish.
          await this.draining;
        } else {
          return total;
        }
      }
    }
  }

  /** Claims as many effects as there are free slots and starts them; returns how many it took. */
  async dispatchBatch(): Promise<number> {
    const types = this.handledTypes;
    const room = this.config.outboxBatchSize - this.inFlight.size;
    if (types.length === 0 || room <= 0) return 0;
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.config.outboxLeaseMs);
    const [claimed] = (await this.dataSource.query(
      `UPDATE outbox SET attempts = attempts + 1, available_at = $3
        WHERE id IN (SELECT id FROM outbox
                      WHERE status = 'pending' AND available_at <= $1 AND effect_type = ANY($2)
                      ORDER BY available_at, id
                      LIMIT $4
                      FOR UPDATE SKIP LOCKED)
        RETURNING id, workflow_id, journal_seq, effect_type, payload, attempts`,
      [now, types, leaseUntil, room],
    )) as [ClaimedRow[], number];
    for (const row of claimed) {
      const performing: Promise<void> = this.perform(row)
        .catch((error: unknown) => this.logger.error({ err: error, outboxId: row.id }, 'Recording an effect outcome failed'))
        .finally(() => {
          this.inFlight.delete(performing);
          this.kick();
        });
      this.inFlight.add(performing);
    }
    return claimed.length;
  }

  private async perform(row: ClaimedRow): Promise<void> {
    const handler = this.handlers.get(row.effect_type)!;
    const effect: OutboxEffect = {
      id: String(row.id),
      workflowId: row.workflow_id,
      journalSeq: row.journal_seq,
      type: row.effect_type,
      payload: row.payload,
      attempt: row.attempts,
    };
    try {
      await handler.handle(effect);
      await this.dataSource.query(`UPDATE outbox SET status = 'done', done_at = $2, last_error = NULL WHERE id = $1`, [
        row.id,
        this.clock.now(),
      ]);
    } catch (error) {
      await this.recordFailure(row, error);
    }
  }

  private async recordFailure(row: ClaimedRow, error: unknown): Promise<void> {
    // Only the kind of failure is kept: handler errors are written to carry no personal data,
    // and anything else is reduced to its class name.
    const message = (error instanceof EffectFailure ? error.message : `${(error as Error)?.name ?? 'Error'}`).slice(0, 500);
    const now = this.clock.now();
    const refused = error instanceof EffectRefused;
    if (refused || row.attempts >= this.config.outboxMaxAttempts) {
      await this.dataSource.transaction(async (tx) => {
        await tx.query(`UPDATE outbox SET status = 'failed', done_at = $2, last_error = $3 WHERE id = $1`, [
          row.id,
          now,
          message,
        ]);
        if (row.workflow_id) {
          await this.incidents.raise(
            {
              workflowId: row.workflow_id,
              kind: refused ? error.incidentKind : INCIDENT_KINDS.effectFailed,
              detail: refused
                ? `${row.effect_type} refused: ${message}`
                : `${row.effect_type} failed ${row.attempts} times: ${message}`,
              outboxId: String(row.id),
              // A redelivery racing this one (a lease that ran out) raises no second incident.
              onceKey: `outbox.${row.id}`,
              at: now,
            },
            tx,
          );
        }
      });
      this.logger.warn({ outboxId: row.id, effect: row.effect_type, attempts: row.attempts, refused }, 'Effect failed for good');
      return;
    }
    const delay = Math.min(this.config.outboxBackoffMs * 2 ** (row.attempts - 1), 3_600_000);
    await this.dataSource.query(`UPDATE outbox SET available_at = $2, last_error = $3 WHERE id = $1`, [
      row.id,
      new Date(now.getTime() + delay),
      message,
    ]);
  }
}
