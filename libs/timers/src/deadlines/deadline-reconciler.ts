import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, Clock, WorkingDayCalendar } from '@app/workflows';
import { DeadlineQueue } from './deadline-queue';
import { DeadlineStore } from './deadline-store';
import { DeadlineTimers } from './deadline-timers.service';
import { OpenDeadline, planSteps, PlannedStep } from './step-plan';

/** Open deadlines read per query; their jobs are added in one addBulk per batch. */
const BATCH_SIZE = 1000;

export interface ReconcileReport {
  /** Open deadlines looked at. */
  deadlines: number;
  /** Upcoming steps, each of which should have a delayed job. */
  upcoming: number;
  /** Of those, the jobs that were missing and were added (all of them after Redis lost its data). */
  added: number;
  /** Due steps missing from the journal, made to run now. */
  fired: number;
  /** Deadlines that could not be planned (each logged by id); the pass carries on past them. */
  failed: number;
}

/** A pass that could not plan some deadlines: the scheduler's job fails visibly, after the others are done. */
export class ReconcileIncomplete extends Error {
  constructor(readonly failed: number) {
    super(`${failed} open deadlines could not be reconciled`);
    this.name = 'ReconcileIncomplete';
  }
}

/**
 * Rebuilds the timers from PostgreSQL, which is the source of truth: for every open deadline,
 * each upcoming step has its job (adding an id the queue has is a no-op), and every step whose
 * time has passed on the injected clock without being journaled runs now. It runs when a worker
 * starts and on a BullMQ job scheduler every reconcilePeriodSeconds, so losing Redis entirely
 * (FLUSHALL, a new empty instance) delays an escalation by at most one period and loses nothing.
 */
@Injectable()
export class DeadlineReconciler {
  private readonly logger = new Logger(DeadlineReconciler.name);
  private last: Promise<unknown> = Promise.resolve();
  private stopping = false;

  constructor(
    private readonly store: DeadlineStore,
    private readonly timers: DeadlineTimers,
    private readonly queue: DeadlineQueue,
    private readonly calendar: WorkingDayCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** One full pass. Passes asked for in this process run one after another, each from the start. */
  reconcile(): Promise<ReconcileReport> {
    const pass = this.last.catch(() => undefined).then(() => this.pass());
    this.last = pass;
    return pass;
  }

  /** Ends the pass under way at its next batch (at shutdown) and waits for it. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.last.catch(() => undefined);
  }

  private async pass(): Promise<ReconcileReport> {
    const report: ReconcileReport = { deadlines: 0, upcoming: 0, added: 0, fired: 0, failed: 0 };
    const now = this.clock.now();
    let after: string | null = null;
    while (!this.stopping) {
      const batch = await this.store.openAfter(after, BATCH_SIZE);
      if (batch.length === 0) break;
      after = batch[batch.length - 1]!.id;
      report.deadlines += batch.length;
      const upcoming: PlannedStep[] = [];
      const due: { deadline: OpenDeadline; step: PlannedStep }[] = [];
      for (const deadline of batch) {
        try {
          const plan = planSteps(this.timers.ladderOf(deadline), deadline, now, this.calendar);
          upcoming.push(...plan.upcoming);
          due.push(...plan.due.map((step) => ({ deadline, step })));
        } catch (error) {
          // e.g. a date past the calendar's known bank holidays: one deadline must not stop the others.
          report.failed += 1;
          this.logger.error(
            { deadlineId: deadline.id, err: { name: (error as Error).name } },
            'Could not plan deadline steps',
          );
        }
      }
      report.upcoming += upcoming.length;
      report.added += await this.queue.addMissing(upcoming, now);
      const recorded = await this.store.recordedAmong(
        due.map(({ deadline, step }) => ({ workflowId: deadline.workflowId, eventId: step.jobId })),
      );
      for (const { step } of due) {
        if (recorded.has(step.jobId)) continue;
        await this.queue.ensureRunsNow(step);
        report.fired += 1;
      }
    }
    if (report.added > 0 || report.fired > 0 || report.failed > 0)
      this.logger.log({ ...report }, 'Reconciled deadline timers');
    if (report.failed > 0) throw new ReconcileIncomplete(report.failed);
    return report;
  }
}
