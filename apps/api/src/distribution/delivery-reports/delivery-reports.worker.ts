import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Queue, Worker } from 'bullmq';
import { AppConfig } from '@app/persistence';
import { QueueBackend, SchedulerKeeper } from '@app/timers';
import { BounceMailbox, imapErrorSummary, type PollSummary } from './bounce-mailbox';
import { DeliveryReportsService } from './delivery-reports.service';

/** The BullMQ queue of the bounce mailbox's polls, and its job scheduler. */
export const DELIVERY_REPORTS_QUEUE = 'delivery-reports';
export const DELIVERY_REPORTS_SCHEDULER_ID = 'delivery-reports-poll';
const POLL_JOB = 'poll';

/**
 * Reads the bounce mailbox in the processes that run the outbox ('worker' and 'all'), when
 * DELIVERY_REPORTS_IMAP_HOST is set: a BullMQ job scheduler asks for one poll every
 * DELIVERY_REPORTS_POLL_SECONDS (one job per period, whichever worker takes it, so several workers
 * do not read the mailbox at once), registered at start and put back by a watchdog when the queue's
 * datastore has lost it (a Redis flush, a new instance). Nothing is lost with it: the mailbox keeps
 * every report until its outcome is committed. A poll that fails (the IMAP server down, a wrong
 * password) is logged and the next one tries again; it never stops the process.
 */
@Injectable()
export class DeliveryReportsWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeliveryReportsWorker.name);
  private queue?: Queue;
  private worker?: Worker;
  private scheduler?: SchedulerKeeper;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly config: AppConfig,
    private readonly backend: QueueBackend,
    private readonly mailbox: BounceMailbox,
    private readonly reports: DeliveryReportsService,
  ) {}

  get enabled(): boolean {
    return this.config.processRole !== 'api' && this.mailbox.enabled;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    this.queue = this.backend.queue(DELIVERY_REPORTS_QUEUE, {
      defaultJobOptions: { removeOnComplete: true, removeOnFail: { count: 100 } },
    });
    this.queue.on('error', (error) =>
      this.logger.warn({
        msg: 'Delivery reports queue error',
        err: { name: error.name, message: error.message },
      }),
    );
    this.worker = this.backend.worker(DELIVERY_REPORTS_QUEUE, () => this.poll(), { concurrency: 1 });
    this.worker.on('error', (error) =>
      this.logger.warn({
        msg: 'Delivery reports worker error',
        err: { name: error.name, message: error.message },
      }),
    );
    this.scheduler = new SchedulerKeeper(
      this.queue,
      {
        id: DELIVERY_REPORTS_SCHEDULER_ID,
        jobName: POLL_JOB,
        everyMs: this.config.deliveryReportsPollSeconds * 1000,
        label: 'Delivery reports',
      },
      this.logger,
    );
    await this.scheduler.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.scheduler?.stop();
    await this.worker?.close();
    await this.running.catch(() => undefined);
  }

  /**
   * One poll of the mailbox; polls asked for in this process run one after another. The scheduled
   * job runs it; tests may call it directly. Throws when the mailbox cannot be read (the job fails,
   * logged; the next period polls again).
   */
  poll(): Promise<PollSummary> {
    const next = this.running.catch(() => undefined).then(() => this.pollOnce());
    this.running = next;
    return next;
  }

  /** Puts the scheduler back if the queue's datastore lost it; true when it had to. */
  checkScheduler(): Promise<boolean> {
    return this.scheduler?.check() ?? Promise.resolve(false);
  }

  private async pollOnce(): Promise<PollSummary> {
    const started = Date.now();
    try {
      const summary = await this.mailbox.poll((message) => this.reports.apply(message));
      if (summary.read > 0)
        this.logger.log({ msg: 'Bounce mailbox read', ...summary, ms: Date.now() - started });
      return summary;
    } catch (error) {
      this.logger.warn({
        msg: 'Bounce mailbox poll failed; the next poll retries',
        err: imapErrorSummary(error),
      });
      throw error;
    }
  }
}
