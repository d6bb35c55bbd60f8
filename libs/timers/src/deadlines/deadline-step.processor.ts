import { Inject, Injectable } from '@nestjs/common';
import { WorkflowEngine } from '@app/persistence';
import {
  CLOCK,
  Clock,
  DEADLINE_STEP,
  DomainError,
  DomainErrorCode,
  ENGINE_EVENTS,
  EscalationLadder,
  LadderStep,
  SYSTEM_ACTOR,
  WorkingDayCalendar,
} from '@app/workflows';
import { DeadlineStepJobData, stepJobId } from './deadline-step-job';
import { DeadlineQueue } from './deadline-queue';
import { DeadlineStore, StaleDeadlineStep } from './deadline-store';
import { DeadlineTimers } from './deadline-timers.service';
import { judgeStep, OpenDeadline, plannedRepeat, stepPayload } from './step-plan';

const UNIQUE_VIOLATION = '23505';

/** What running a step job did. */
export type StepOutcome =
  /** The step is now in the journal (and, unless the machine handled it, a 'deadline.escalate' is in the outbox). */
  | { outcome: 'sent' }
  /** It already was: a second delivery of the same job changes nothing. */
  | { outcome: 'recorded' }
  /** The deadline was met, cancelled or moved, or its ladder no longer has the step: nothing to do. */
  | { outcome: 'stale' }
  /** A later occurrence of the repeat is due too: that one was queued instead. */
  | { outcome: 'superseded' }
  /** Not due yet on the injected clock: the worker puts the job back until then. */
  | { outcome: 'early'; fireAt: Date };

/** Another event than a deadline step is journaled under a step job's id: the step cannot be recorded. */
export class StepEventIdTaken extends Error {
  constructor() {
    super('Another event is journaled under this deadline step id');
    this.name = 'StepEventIdTaken';
  }
}

/**
 * Runs one step job: re-reads the deadline from PostgreSQL, checks the step is still due for it,
 * and sends a 'deadline.step' event into its workflow with the job id as the event id, so the
 * journal's unique (workflow, event id) makes any number of deliveries one escalation. A repeat
 * then schedules its next occurrence. Errors are thrown for BullMQ to retry, never swallowed.
 */
@Injectable()
export class DeadlineStepProcessor {
  constructor(
    private readonly store: DeadlineStore,
    private readonly timers: DeadlineTimers,
    private readonly queue: DeadlineQueue,
    private readonly engine: WorkflowEngine,
    private readonly calendar: WorkingDayCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async fire(job: DeadlineStepJobData): Promise<StepOutcome> {
    const deadline = await this.store.find(job.deadlineId);
    if (!deadline || deadline.status !== 'open' || deadline.revision !== job.revision)
      return { outcome: 'stale' };
    const ladder = this.timers.ladderOf(deadline);
    const verdict = judgeStep(ladder, deadline, job, this.clock.now(), this.calendar);
    if (verdict.verdict === 'not-in-ladder') return { outcome: 'stale' };
    if (verdict.verdict === 'early') return { outcome: 'early', fireAt: verdict.fireAt };
    if (verdict.verdict === 'superseded') {
      await this.queue.ensureRunsNow(verdict.latest);
      return { outcome: 'superseded' };
    }

    const eventId = stepJobId(job);
    const outcome = await this.send(deadline, job, eventId, verdict.step);
    if (outcome.outcome === 'stale') return outcome;
    if (verdict.step.kind === DEADLINE_STEP.repeat) await this.scheduleNextRepeat(ladder, deadline, job);
    return outcome;
  }

  private async send(
    deadline: OpenDeadline,
    job: DeadlineStepJobData,
    eventId: string,
    step: LadderStep,
  ): Promise<StepOutcome> {
    if (await this.alreadyRecorded(deadline.workflowId, eventId)) return { outcome: 'recorded' };
    try {
      const result = await this.engine.send(
        deadline.workflowId,
        { type: ENGINE_EVENTS.deadlineStep, ...stepPayload(deadline, step, job.occurrence) },
        {
          eventId,
          actor: SYSTEM_ACTOR,
          alsoInTransaction: (tx) => this.store.throwIfStale(tx, deadline.workflowId, job),
        },
      );
      return { outcome: result.replayed ? 'recorded' : 'sent' };
    } catch (error) {
      if (error instanceof StaleDeadlineStep) return { outcome: 'stale' };
      if (error instanceof DomainError && error.code === DomainErrorCode.EventNotAccepted) {
        // The workflow finished after we read the deadline; its deadlines closed with it.
        const now = await this.store.find(job.deadlineId);
        if (!now || now.status !== 'open' || now.revision !== job.revision) return { outcome: 'stale' };
      }
      const recordedMeanwhile =
        // Recorded by an earlier delivery under ladder settings that have changed since…
        (error instanceof DomainError && error.code === DomainErrorCode.IdempotencyKeyReused) ||
        // …or by a delivery running at the same time, which won the journal's unique (workflow, event id).
        (error as { code?: unknown }).code === UNIQUE_VIOLATION;
      if (recordedMeanwhile && (await this.alreadyRecorded(deadline.workflowId, eventId)))
        return { outcome: 'recorded' };
      throw error;
    }
  }

  /** True when the step is journaled; throws when its id is taken by another kind of event. */
  private async alreadyRecorded(workflowId: string, eventId: string): Promise<boolean> {
    const type = await this.store.recordedEventType(workflowId, eventId);
    if (type === undefined) return false;
    if (type !== ENGINE_EVENTS.deadlineStep) throw new StepEventIdTaken();
    return true;
  }

  /** After occurrence n of a repeat, occurrence n + 1 (delayed until its time; at once if that has come too). */
  private async scheduleNextRepeat(
    ladder: EscalationLadder,
    deadline: OpenDeadline,
    job: DeadlineStepJobData,
  ) {
    const next = plannedRepeat(ladder, deadline, job.stepId, job.occurrence + 1, this.calendar);
    if (next) await this.queue.add([next], this.clock.now());
  }
}
