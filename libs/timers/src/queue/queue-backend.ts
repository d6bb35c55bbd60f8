import type { OnApplicationShutdown } from '@nestjs/common';
import type { DefaultJobOptions, Processor, Queue, QueueEvents, Worker } from 'bullmq';

export type QueueBackendKind = 'redis' | 'postgres';

export interface QueueOptions {
  defaultJobOptions?: DefaultJobOptions;
}

export interface WorkerOptions {
  concurrency: number;
}

/**
 * The one place the service's BullMQ objects are made: every Queue, Worker and QueueEvents is
 * built here, on connections made for the configured backend (Redis through ioredis, or BullMQ's
 * own PostgreSQL backend in a schema of the service's database). Nothing else constructs a BullMQ
 * object or a connection to the queue's datastore.
 *
 * Both backends hold the same jobs with the same ids, and both can lose them: PostgreSQL's
 * workflow rows are the truth, and the reconciler rebuilds the jobs from them on either.
 */
export abstract class QueueBackend implements OnApplicationShutdown {
  private readonly closables: { close(): Promise<void> }[] = [];

  abstract readonly kind: QueueBackendKind;
  /** Where the jobs are, without credentials (the start-up line, health, Bull Board's operators). */
  abstract readonly location: string;

  /** A producer: adds, reads and removes jobs; its commands fail fast while the datastore is away. */
  abstract queue<D>(name: string, options?: QueueOptions): Queue<D>;

  /** A consumer: its connections wait and retry for as long as the datastore is away. */
  abstract worker<D, R>(name: string, processor: Processor<D, R>, options: WorkerOptions): Worker<D, R>;

  abstract queueEvents(name: string): QueueEvents;

  /** Of these job ids, those the queue holds in any state: one round trip, whatever their number. */
  abstract presentJobIds(queue: Queue, ids: readonly string[]): Promise<Set<string>>;

  /** Resolves when the datastore answers and holds a usable queue store; rejects otherwise (health). */
  abstract check(timeoutMs: number): Promise<void>;

  /**
   * Closes every queue, worker and listener made here (closing one twice is harmless, so their
   * owners may have closed them already), then the connections the backend opened itself. At
   * application shutdown, whatever order Nest calls its providers' hooks in.
   */
  async close(): Promise<void> {
    await Promise.allSettled(this.closables.splice(0).map((made) => made.close()));
    await this.closeConnections();
  }

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  protected abstract closeConnections(): Promise<void>;

  protected track<T extends { close(): Promise<void> }>(made: T): T {
    this.closables.push(made);
    return made;
  }
}

/** Rejects after timeoutMs unless the promise settles first; the timer never outlives the answer. */
export async function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
