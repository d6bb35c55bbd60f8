import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DelayedError, Job, UnrecoverableError, Worker } from 'bullmq';
import { AppConfig } from '@app/persistence';
import { CLOCK, Clock } from '@app/workflows';
import {
  DEADLINE_JOBS,
  DEADLINE_STEPS_QUEUE,
  DeadlineStepJobData,
  RECONCILER_SCHEDULER_ID,
} from './deadline-step-job';
import { DeadlineQueue } from './deadline-queue';
import { DeadlineReconciler } from './deadline-reconciler';
import { DeadlineStepProcessor } from './deadline-step.processor';
import { DeadlineStore } from './deadline-store';
import { QueueBackend } from '../queue/queue-backend';
import { errorSummary, SchedulerKeeper } from '../queue/scheduler-keeper';

/** A step put back because the injected clock says it is early waits at least this long (no busy loop). */
const MIN_REDELAY_MS = 1000;

/**
 * The timer worker of a 'worker' or 'all' process (an 'api' process has none): a BullMQ Worker on
 * the deadline-steps queue running step jobs and reconciler passes, the job scheduler that asks for
 * a pass every reconcilePeriodSeconds, a pass at start, and a watchdog that puts the scheduler back
 * when the queue's datastore has lost it (it lives there too, on Redis or PostgreSQL).
 */
@Injectable()
export class DeadlineWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeadlineWorker.name);
  private worker?: Worker<DeadlineStepJobData | Record<string, never>>;
  private scheduler?: SchedulerKeeper;
  private startupPass?: Promise<unknown>;

  constructor(
    private readonly config: AppConfig,
    private readonly queue: DeadlineQueue,
    private readonly backend: QueueBackend,
    private readonly reconciler: DeadlineReconciler,
    private readonly processor: DeadlineStepProcessor,
    private readonly store: DeadlineStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** True when this process consumes timer jobs. */
  get running(): boolean {
    return this.worker?.isRunning() ?? false;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.processRole === 'api') return;
    // A worker waits on its datastore and retries across reconnections (see QueueBackend.worker).
    this.worker = this.backend.worker<DeadlineStepJobData | Record<string, never>, string>(
      DEADLINE_STEPS_QUEUE,
      (job, token) => this.run(job, token),
      { concurrency: this.config.timerConcurrency },
    );
    this.worker.on('error', (error) =>
      this.logger.warn({ err: { name: error.name, message: error.message } }, 'Timer worker error'),
    );
    this.worker.on('failed', (job, error) => {
      if (job) void this.recordIfExhausted(job, error);
    });
    this.scheduler = new SchedulerKeeper(
      this.queue.queue,
      {
        id: RECONCILER_SCHEDULER_ID,
        jobName: DEADLINE_JOBS.reconcile,
        everyMs: this.config.reconcilePeriodSeconds * 1000,
        label: 'Reconciler',
      },
      this.logger,
      // Put back: reconcile at once, for what fell due while it was gone.
      () => this.reconciler.reconcile(),
    );
    await this.scheduler.start();
    this.startupPass = this.reconciler
      .reconcile()
      .catch((error: unknown) =>
        this.logger.error(
          { err: errorSummary(error) },
          'Start-up reconcile failed; the scheduler retries',
        ),
      );
  }

  async onModuleDestroy(): Promise<void> {
    await this.scheduler?.stop();
    await this.reconciler.stop();
    await Promise.allSettled([this.startupPass]);
    await this.worker?.close();
  }

  /**
   * Puts the reconciler's job scheduler back if the queue's datastore lost it, and then reconciles
   * at once. Returns true when it had to. The watchdog calls it every period; tests may call it directly.
   */
  checkScheduler(): Promise<boolean> {
    return this.scheduler?.check() ?? Promise.resolve(false);
  }

  private async run(job: Job<DeadlineStepJobData | Record<string, never>>, token?: string): Promise<string> {
    if (job.name === DEADLINE_JOBS.reconcile) {
      const report = await this.reconciler.reconcile();
      return `${report.deadlines} deadlines, ${report.fired} fired`;
    }
    if (job.name !== DEADLINE_JOBS.step) throw new UnrecoverableError(`Unknown job ${job.name}`);
    const result = await this.processor.fire(job.data as DeadlineStepJobData);
    if (result.outcome === 'early') {
      const wait = Math.max(MIN_REDELAY_MS, result.fireAt.getTime() - this.clock.now().getTime());
      await job.moveToDelayed(Date.now() + wait, token);
      throw new DelayedError();
    }
    return result.outcome;
  }

  /** A step job that has used its last attempt becomes an incident on its workflow. */
  private async recordIfExhausted(
    job: Job<DeadlineStepJobData | Record<string, never>>,
    error: Error,
  ): Promise<void> {
    if (job.name !== DEADLINE_JOBS.step || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    const data = job.data as DeadlineStepJobData;
    this.logger.warn(
      { jobId: job.id, attempts: job.attemptsMade, err: { name: error.name } },
      'Deadline step failed for good',
    );
    try {
      const deadline = await this.store.find(data.deadlineId);
      if (deadline)
        await this.store.recordFailedStep(
          deadline.workflowId,
          job.id!,
          job.attemptsMade,
          error.name,
          this.clock.now(),
        );
    } catch (failure) {
      // The job stays failed in the queue (Bull Board) and the reconciler retries it; only the incident row is missing.
      this.logger.error(
        { jobId: job.id, err: { name: (failure as Error).name } },
        'Could not record the failed step as an incident',
      );
    }
  }
}
