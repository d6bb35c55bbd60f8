import type { Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';

/** What a periodic job's scheduler is: its id on the queue, the job it adds, and how often. */
export interface KeptScheduler {
  id: string;
  jobName: string;
  everyMs: number;
  /** Names the work in log lines ('Reconciler', 'Delivery reports'). */
  label: string;
}

/**
 * Keeps one BullMQ job scheduler on its queue: set at start, and put back by a watchdog (every
 * period) when the queue's datastore has lost it (a Redis flush, a new instance; it lives there
 * with the jobs). One scheduler asks for one job a period, whichever worker takes it. A check
 * that fails is logged and tried again next period; it never stops the process.
 */
export class SchedulerKeeper {
  private watchdog?: NodeJS.Timeout;
  private watching?: Promise<unknown>;

  constructor(
    private readonly queue: Queue,
    private readonly scheduler: KeptScheduler,
    private readonly logger: Logger,
    /** Runs after the scheduler had to be put back (the reconciler catches up at once). */
    private readonly onRestored: () => Promise<unknown> = async () => undefined,
  ) {}

  async start(): Promise<void> {
    try {
      await this.ensure();
    } catch (error) {
      this.logger.warn({
        msg: `${this.scheduler.label} scheduler not set yet; the watchdog retries`,
        err: errorSummary(error),
      });
    }
    this.watchdog = setInterval(() => void this.check(), this.scheduler.everyMs);
    this.watchdog.unref();
  }

  async stop(): Promise<void> {
    if (this.watchdog) clearInterval(this.watchdog);
    await Promise.allSettled([this.watching]);
  }

  /** Puts the scheduler back if the datastore lost it; true when it had to. Tests may call it directly. */
  check(): Promise<boolean> {
    const check = (async () => {
      if (await this.queue.getJobScheduler(this.scheduler.id)) return false;
      this.logger.warn({ msg: `The ${this.scheduler.label.toLowerCase()} scheduler was missing from the queue: restored` });
      await this.ensure();
      await this.onRestored();
      return true;
    })();
    this.watching = check.catch((error: unknown) =>
      this.logger.warn({ msg: `${this.scheduler.label} watchdog check failed`, err: errorSummary(error) }),
    );
    return check;
  }

  private async ensure(): Promise<void> {
    await this.queue.upsertJobScheduler(
      this.scheduler.id,
      { every: this.scheduler.everyMs },
      { name: this.scheduler.jobName, data: {}, opts: { removeOnComplete: true, removeOnFail: { count: 100 } } },
    );
  }
}

/**
 * What a log line says of a queue or database error: its class, code and message (BullMQ's and
 * node-postgres' messages name queues, tables and states, never a person). Under `cause`, since
 * the logger redacts every `name` field.
 */
export const errorSummary = (error: unknown) => ({
  cause: error instanceof Error ? error.constructor.name : typeof error,
  code: (error as { code?: unknown })?.code,
  message: error instanceof Error ? error.message : undefined,
});
