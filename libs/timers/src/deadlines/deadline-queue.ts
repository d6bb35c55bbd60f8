import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { AppConfig } from '@app/persistence';
import { QueueBackend } from '../queue/queue-backend';
import { DEADLINE_JOBS, DEADLINE_STEPS_QUEUE, DeadlineStepJobData } from './deadline-step-job';
import { PlannedStep } from './step-plan';

/** Failed step jobs kept for Bull Board: the newest few thousand, for a fortnight at most. */
const KEEP_FAILED = { count: 5000, age: 14 * 24 * 3600 };

/** Jobs per addBulk call: one round trip each, and bounded memory on both sides. */
const ADD_CHUNK = 2000;

/**
 * The 'deadline-steps' queue, as a producer: every process has it (the API for Bull Board, workers
 * to schedule). Made by the QueueBackend, on Redis or PostgreSQL as configured; the worker has its
 * own connections (deadline-worker.ts).
 *
 * On time: a job's delay is how long BullMQ waits on the real clock (its score is the adding
 * process's Date.now() plus the delay, and workers promote it when their real clock passes that).
 * What is due is decided by the injected Clock: delays are computed as fireAt minus clock.now(),
 * and a step job re-checks the injected clock when it runs. In production both clocks are the
 * system clock. In tests the injected clock stands still or jumps, so nothing waits on a delay:
 * the reconciler (or a test's fireDue) promotes what the injected clock says is due, and a job
 * BullMQ runs before the injected clock says so is put back (see DeadlineStepProcessor).
 */
@Injectable()
export class DeadlineQueue implements OnApplicationShutdown {
  private readonly logger = new Logger(DeadlineQueue.name);
  readonly queue: Queue<DeadlineStepJobData | Record<string, never>>;

  constructor(
    config: AppConfig,
    private readonly backend: QueueBackend,
  ) {
    // A producer fails fast while its datastore is away (the outbox retries the effect later).
    this.queue = backend.queue(DEADLINE_STEPS_QUEUE, {
      defaultJobOptions: {
        attempts: config.timerAttempts,
        backoff: { type: 'exponential', delay: config.timerBackoffMs },
        removeOnComplete: true,
        removeOnFail: KEEP_FAILED,
      },
    });
    this.queue.on('error', (error) =>
      this.logger.warn({ err: { name: error.name, message: error.message } }, 'Deadline queue error'),
    );
  }

  /**
   * Adds a job per planned step, delayed until its time on the injected clock (0 when due). An id
   * that is already in the queue keeps its job: adding is idempotent.
   */
  async add(steps: PlannedStep[], now: Date): Promise<void> {
    for (let i = 0; i < steps.length; i += ADD_CHUNK) {
      await this.queue.addBulk(
        steps.slice(i, i + ADD_CHUNK).map((step) => ({
          name: DEADLINE_JOBS.step,
          data: step.data,
          opts: { jobId: step.jobId, delay: Math.max(0, step.fireAt.getTime() - now.getTime()) },
        })),
      );
    }
  }

  /**
   * Adds the jobs of those planned steps that have none in the queue, and returns how many. One
   * presence check per chunk first (a pipelined EXISTS on Redis, one SELECT on PostgreSQL), so a
   * reconciler pass over jobs that are all there costs a round trip per chunk instead of an add
   * per job.
   */
  async addMissing(steps: PlannedStep[], now: Date): Promise<number> {
    let added = 0;
    for (let i = 0; i < steps.length; i += ADD_CHUNK) {
      const chunk = steps.slice(i, i + ADD_CHUNK);
      const present = await this.backend.presentJobIds(
        this.queue,
        chunk.map((step) => step.jobId),
      );
      const missing = chunk.filter((step) => !present.has(step.jobId));
      await this.add(missing, now);
      added += missing.length;
    }
    return added;
  }

  /**
   * Makes a due step's job run now, whatever became of it: added if missing, promoted if delayed,
   * retried if it failed for good. A job waiting or running is left alone.
   */
  async ensureRunsNow(step: PlannedStep): Promise<'added' | 'promoted' | 'retried' | 'pending'> {
    const job = (await this.queue.getJob(step.jobId)) as Job<DeadlineStepJobData> | undefined;
    const state = job ? await job.getState() : 'unknown';
    switch (state) {
      case 'unknown':
        await this.queue.add(DEADLINE_JOBS.step, step.data, { jobId: step.jobId });
        return 'added';
      case 'delayed':
        await job!.promote();
        return 'promoted';
      case 'failed':
        await job!.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        return 'retried';
      case 'completed':
        // Completed without its step in the journal (it found the step not yet due): run it again.
        await job!.remove();
        await this.queue.add(DEADLINE_JOBS.step, step.data, { jobId: step.jobId });
        return 'added';
      default:
        return 'pending';
    }
  }

  /** Removes jobs by id; an id with no job, or a job running now, is left as it is. */
  async remove(jobIds: string[]): Promise<void> {
    await Promise.all(jobIds.map((id) => this.queue.remove(id)));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
