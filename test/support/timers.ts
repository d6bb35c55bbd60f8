import {
  DEADLINE_STEPS_QUEUE,
  DeadlineQueue,
  DeadlineReconciler,
  loseQueueContents,
  openQueueBackend,
  OutboxDispatcher,
  PostgresQueues,
  QueueBackend,
  QueueBackendConfig,
  RedisQueues,
} from '@app/timers';
import { ENGINE_EFFECTS } from '@app/workflows';
import type { TestApp } from './app';
import { query } from './rows';

const POLL_MS = 20;

/** Polls until `done` says so (work finishing elsewhere, never time passing), bounded. */
export async function waitFor(what: string, done: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  return until(what, timeoutMs, done);
}

async function until(what: string, timeoutMs: number, done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await done()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Waits until the deadline-steps queue has nothing to do now: no job waiting, running or
 * prioritised, and no delayed job due within `horizonMs` on the real clock (a retry in a short
 * test backoff). It waits for work to finish, never for time to pass: tests move the injected
 * clock instead, and a job put back because the injected clock says it is early waits at least a
 * second, beyond the horizon. Whichever backend the app runs on.
 */
export async function waitForQueueIdle(
  t: Pick<TestApp, 'app'>,
  timeoutMs = 15_000,
  horizonMs = 500,
): Promise<void> {
  const backend = t.app.get(QueueBackend);
  const { queue } = t.app.get(DeadlineQueue);
  await until('the deadline-steps queue to be idle', timeoutMs, async () => {
    if (backend instanceof RedisQueues) {
      // One atomic read of every state a job passes through, so a job moving between two of them
      // (a retry promoted from delayed to waiting, say) is never missed between two reads.
      // A delayed job's score is its due time (ms) × 0x1000 plus a counter.
      const replies = await backend.connection
        .multi()
        .llen(queue.keys.wait!)
        .llen(queue.keys.active!)
        .zcard(queue.keys.prioritized!)
        .zcount(queue.keys.delayed!, 0, (Date.now() + horizonMs) * 0x1000)
        .exec();
      return (replies ?? []).every(([error, count]) => !error && count === 0);
    }
    // A job is one row whose state changes in place: one snapshot sees each job in one state.
    const postgres = backend as PostgresQueues;
    const { rows } = await postgres.pool().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${postgres.schema}".job
        WHERE queue = $1 AND (state IN ('waiting', 'active') OR (state = 'delayed' AND process_at_ms <= $2))`,
      [DEADLINE_STEPS_QUEUE, Date.now() + horizonMs],
    );
    return rows[0]!.n === 0;
  });
}

/** Performs the outbox until no effect of these types is pending (the deadline.* effects schedule jobs). */
export async function waitForOutbox(
  t: Pick<TestApp, 'app' | 'databaseUrl'>,
  types: string[] = [ENGINE_EFFECTS.deadlineOpened, ENGINE_EFFECTS.deadlineMoved, ENGINE_EFFECTS.deadlineClosed],
  timeoutMs = 15_000,
): Promise<void> {
  const dispatcher = t.app.get(OutboxDispatcher);
  await until(`the outbox to perform ${types.join(', ')}`, timeoutMs, async () => {
    await dispatcher.drain();
    const [row] = await query<{ n: number }>(
      t.databaseUrl,
      `SELECT count(*)::int AS n FROM outbox WHERE status = 'pending' AND effect_type = ANY($1)`,
      [types],
    );
    return row!.n === 0;
  });
}

/**
 * Fires every step that is due on the injected clock, as production does when BullMQ's delay
 * runs out or the reconciler passes: a reconciler pass (which promotes or adds the due jobs),
 * then waits for the worker to have run them.
 */
export async function fireDueSteps(t: Pick<TestApp, 'app'>): Promise<void> {
  await t.app.get(DeadlineReconciler).reconcile();
  await waitForQueueIdle(t);
}

/** The deadline-steps queue's step job ids by state, sorted. */
export async function stepJobs(
  t: Pick<TestApp, 'app'>,
): Promise<{ delayed: string[]; waiting: string[]; failed: string[] }> {
  const { queue } = t.app.get(DeadlineQueue);
  const ids = async (state: 'delayed' | 'waiting' | 'failed') =>
    (await queue.getJobs([state], 0, -1))
      .filter((job) => job?.name === 'deadline-step')
      .map((job) => job.id!)
      .sort();
  return { delayed: await ids('delayed'), waiting: await ids('waiting'), failed: await ids('failed') };
}

/** Takes every job, scheduler and event the app's queue holds, as a lost Redis would (see loseQueueContents). */
export const loseQueueData = loseQueueContents;

/** Deletes a suite's queue data (its prefix's keys, or its queue schema's rows) once its app has closed. */
export async function deleteQueueKeys(config: QueueBackendConfig): Promise<void> {
  const backend = await openQueueBackend(config);
  try {
    await loseQueueContents(backend);
  } finally {
    await backend.close();
  }
}
