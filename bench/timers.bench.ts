// `npm run bench:timers [-- --backend redis|postgres]`: the deadline timers at scale, on the local
// PostgreSQL and on the queue backend named (Redis by default; `postgres` is BullMQ's PostgreSQL
// backend, in the bench's scratch database).
//  1. 100,000 open deadlines (workflow and deadline rows inserted with SQL): time to schedule their
//     step jobs with a reconciler pass (addBulk in batches), and the storage the jobs take (Redis
//     used_memory, or the size of BullMQ's tables).
//  2. Their jobs lost (every key of the bench's queue prefix deleted, as FLUSHALL would for a Redis
//     of our own: a real FLUSHALL here would take other users' keys with it; or every row of
//     BullMQ's schema deleted): time to reconcile.
//  3. 1,000 steps due in the same second: lateness from each step's intended fire time to the
//     start of its processor, on the real clock (the injected clock is the real one plus a fixed
//     offset that puts "now" ten seconds before a 12:00 warning on a working day).
// Runs in a scratch database and under a queue prefix of its own, both removed at the end.
// Figures vary with the machine and with whatever else uses the same Redis: report, don't assert.
import { parseArgs } from 'node:util';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import {
  AppConfigModule,
  EngineModule,
  loadConfig,
  PersistenceModule,
  WorkflowEngine,
} from '@app/persistence';
import {
  DEADLINE_STEPS_QUEUE,
  DeadlineQueue,
  DeadlineReconciler,
  DeadlineStepJobData,
  DeadlineStepProcessor,
  DeadlineTimersModule,
  loseQueueContents,
  QueueBackend,
  queueStorageBytes,
} from '@app/timers';
import { Clock, londonMidnight, nextDay, SYSTEM_ACTOR, WorkingDayCalendar } from '@app/workflows';
import { benchDefinition } from './bench-machine';
import { scratchDatabase } from './scratch-database';

const DEADLINES = Number(process.env.BENCH_DEADLINES ?? 100_000);
const SAME_SECOND = Number(process.env.BENCH_SAME_SECOND ?? 1_000);
/** The 'bench' deadline's ladder: four steps, as the ICPC's (two warnings, the due instant, a daily repeat). */
const BENCH_LADDER = {
  steps: [
    { id: 'warn-5', kind: 'warning', offsetWorkingDays: -5, at: '09:00', notify: ['coordinator'] },
    { id: 'warn-noon', kind: 'warning', offsetWorkingDays: 0, at: '12:00', notify: ['coordinator'] },
    { id: 'due', kind: 'due', offsetWorkingDays: 0, notify: ['duty_manager'] },
    {
      id: 'repeat',
      kind: 'repeat',
      offsetWorkingDays: 1,
      at: '09:00',
      everyWorkingDays: 1,
      notify: ['duty_manager'],
    },
  ],
};
/** Phase 3's step: the 12:00 warning on Tuesday 1 December 2026 (GMT), a working day. */
const SAME_SECOND_DUE_DATE = '2026-12-01';
const SAME_SECOND_AT = Date.parse('2026-12-01T12:00:00Z');

/** The real clock shifted by an offset the bench sets: it ticks in real time, on the day the bench chooses. */
class OffsetClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

const seconds = (startedNs: bigint) => Number(process.hrtime.bigint() - startedNs) / 1e9;
const mib = (bytes: number) => bytes / 1024 / 1024;

async function jobCount(queue: DeadlineQueue): Promise<number> {
  const counts = await queue.queue.getJobCounts('delayed', 'waiting', 'active', 'prioritized');
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { backend: { type: 'string', default: 'redis' } } });
  if (values.backend !== 'redis' && values.backend !== 'postgres') {
    throw new Error('usage: npm run bench:timers -- [--backend redis|postgres]');
  }
  const base = loadConfig();
  const prefix = `cpwbench${process.pid}`;
  const scratch = await scratchDatabase(base.databaseUrl, `cpw_timers_bench_${process.pid}`);
  const databaseUrl = scratch.url;

  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    MIGRATE_ON_START: 'false',
    PROCESS_ROLE: 'worker',
    QUEUE_PREFIX: prefix,
    QUEUE_BACKEND: values.backend,
    REDIS_URL: base.redisUrl,
    RECONCILE_PERIOD_SECONDS: '3600', // the bench runs its passes itself
    ESCALATION_LADDERS: JSON.stringify({ bench: BENCH_LADDER }),
    LOG_LEVEL: 'error',
    ...(process.env.BENCH_TIMER_CONCURRENCY
      ? { TIMER_CONCURRENCY: process.env.BENCH_TIMER_CONCURRENCY }
      : {}),
  });
  const clock = new OffsetClock();
  @Module({
    imports: [
      AppConfigModule.register(config, clock),
      PersistenceModule,
      EngineModule.register([benchDefinition]),
      DeadlineTimersModule,
    ],
  })
  class TimersBenchModule {}
  const app = await NestFactory.createApplicationContext(TimersBenchModule, { logger: ['error'] });
  const engine = app.get(WorkflowEngine);
  const queue = app.get(DeadlineQueue);
  const reconciler = app.get(DeadlineReconciler);
  const calendar = app.get(WorkingDayCalendar);
  const backend = app.get(QueueBackend);
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  const rows: [string, string][] = [];

  try {
    // --- 1. 100,000 open deadlines, scheduled ---------------------------------------------
    const template = await engine.start(
      'bench-case',
      { area: 'north', receivedAt: '2027-01-04' },
      { actor: SYSTEM_ACTOR },
    );
    // Anchors on the working days of 2027 and early 2028; each deadline due 15 working days on.
    const anchors: string[] = [];
    for (let day = '2027-01-04'; anchors.length < 260; day = calendar.addWorkingDays(day, 1))
      anchors.push(day);
    const dueDates = anchors.map((a) => calendar.addWorkingDays(a, 15));
    const dueAts = dueDates.map((d) => londonMidnight(nextDay(d)).toISOString());
    let started = process.hrtime.bigint();
    await pg.query(`DELETE FROM outbox`);
    await pg.query(
      `UPDATE workflow_deadline SET status = 'cancelled', closed_at = now() WHERE workflow_id = $1`,
      [template.id],
    );
    await pg.query(
      `WITH n AS (SELECT g, gen_random_uuid() AS wf, ((g - 1) % $2) + 1 AS k FROM generate_series(1, $1) g),
            wf AS (
              INSERT INTO workflow_instance (id, type, machine_version, state, status, snapshot, area, reference, seq,
                                             created_at, updated_at, last_transition_at, next_due_at)
              SELECT n.wf, i.type, i.machine_version, i.state, i.status,
                     jsonb_set(i.snapshot, '{context,receivedAt}', to_jsonb(($3::text[])[n.k])),
                     i.area, 'BENCH-' || n.g, 1, now(), now(), now(), ($5::timestamptz[])[n.k]
                FROM n CROSS JOIN (SELECT * FROM workflow_instance WHERE id = $6) i
              RETURNING id)
       INSERT INTO workflow_deadline (id, workflow_id, kind, ladder, status, anchor_date, due_date, due_at, opened_at, opened_seq)
       SELECT gen_random_uuid(), n.wf, 'bench', 'bench', 'open', ($3::date[])[n.k], ($4::date[])[n.k],
              ($5::timestamptz[])[n.k], now(), 1
         FROM n`,
      [DEADLINES, anchors.length, anchors, dueDates, dueAts, template.id],
    );
    const insertSeconds = seconds(started);

    await loseQueueContents(backend);
    await queue.queue.waitUntilReady();
    const memoryBefore = await queueStorageBytes(backend);
    started = process.hrtime.bigint();
    const scheduled = await reconciler.reconcile();
    const scheduleSeconds = seconds(started);
    const jobs = await jobCount(queue);
    const memoryAfter = await queueStorageBytes(backend);
    rows.push(
      [
        'open deadlines (rows inserted with SQL)',
        `${DEADLINES.toLocaleString('en-GB')} in ${insertSeconds.toFixed(1)} s`,
      ],
      ['step jobs scheduled (delayed, 4 steps each)', jobs.toLocaleString('en-GB')],
      [
        'time to schedule them (reconciler pass, addBulk)',
        `${scheduleSeconds.toFixed(1)} s (${(jobs / scheduleSeconds).toFixed(0)} jobs/s, ${(scheduled.deadlines / scheduleSeconds).toFixed(0)} deadlines/s)`,
      ],
      [
        backend.kind === 'redis'
          ? 'Redis memory used by the jobs (INFO used_memory)'
          : "storage used by the jobs (BullMQ's tables, pg_total_relation_size)",
        `${mib(memoryAfter - memoryBefore).toFixed(0)} MiB (${((memoryAfter - memoryBefore) / jobs).toFixed(0)} bytes/job)`,
      ],
    );

    started = process.hrtime.bigint();
    const steady = await reconciler.reconcile();
    rows.push([
      'reconciler pass with every job present',
      `${seconds(started).toFixed(1)} s (${steady.added} jobs missing)`,
    ]);

    // --- 2. Redis loses everything; reconcile ----------------------------------------------
    started = process.hrtime.bigint();
    const deletedKeys = await loseQueueContents(backend);
    const flushSeconds = seconds(started);
    started = process.hrtime.bigint();
    await reconciler.reconcile();
    const restoreSeconds = seconds(started);
    const restored = await jobCount(queue);
    rows.push(
      [
        backend.kind === 'redis'
          ? 'keys lost (the prefix deleted, as a FLUSHALL)'
          : "rows lost (BullMQ's tables emptied)",
        `${deletedKeys.toLocaleString('en-GB')} in ${flushSeconds.toFixed(1)} s`,
      ],
      [
        'time to reconcile after the flush',
        `${restoreSeconds.toFixed(1)} s (${restored.toLocaleString('en-GB')} jobs restored of ${jobs.toLocaleString('en-GB')})`,
      ],
    );

    // --- 3. 1,000 steps due in the same second ---------------------------------------------
    await pg.query(
      `UPDATE workflow_deadline SET status = 'cancelled', closed_at = now() WHERE status = 'open'`,
    );
    await loseQueueContents(backend);
    const anchor = calendar.addWorkingDays(SAME_SECOND_DUE_DATE, -15);
    clock.offsetMs = SAME_SECOND_AT - 120_000 - Date.now(); // opened two minutes before their noon warning
    for (let i = 0; i < SAME_SECOND; i++) {
      await engine.start('bench-case', { area: 'north', receivedAt: anchor }, { actor: SYSTEM_ACTOR });
    }
    const starts = new Map<string, number>();
    const processor = app.get(DeadlineStepProcessor);
    const fire = processor.fire.bind(processor);
    processor.fire = (job: DeadlineStepJobData) => {
      if (job.stepId === 'warn-noon') starts.set(job.deadlineId, Date.now());
      return fire(job);
    };
    clock.offsetMs = SAME_SECOND_AT - 5_000 - Date.now(); // five seconds to go
    const intended = SAME_SECOND_AT - clock.offsetMs; // the noon warning's instant on the real clock
    await reconciler.reconcile(); // schedules them: delayed until noon on the injected clock
    const deadlineForAll = Date.now() + 120_000;
    let recorded = 0;
    while (Date.now() < deadlineForAll) {
      recorded = Number(
        (await pg.query(`SELECT count(*) AS n FROM workflow_journal WHERE event_type = 'deadline.step'`))
          .rows[0].n,
      );
      if (recorded >= SAME_SECOND) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const allDoneMs = Date.now() - intended;
    const lateness = [...starts.values()].map((at) => at - intended).sort((a, b) => a - b);
    rows.push(
      [
        `steps due in the same second`,
        `${SAME_SECOND.toLocaleString('en-GB')} (worker concurrency ${config.timerConcurrency})`,
      ],
      ['firing lateness p50 (intended time → processor start)', `${percentile(lateness, 50)} ms`],
      ['firing lateness p99', `${percentile(lateness, 99)} ms`],
      ['firing lateness max', `${lateness[lateness.length - 1]} ms`],
      [
        'all journaled after the intended time',
        `${(allDoneMs / 1000).toFixed(1)} s (${recorded} of ${SAME_SECOND})`,
      ],
    );

    const width = Math.max(...rows.map(([k]) => k.length));
    console.log(
      `\nDeadline timers (queue '${DEADLINE_STEPS_QUEUE}' on ${backend.location})`,
    );
    console.log(`${'measure'.padEnd(width)} | result`);
    console.log(`${'-'.repeat(width)} | ${'-'.repeat(40)}`);
    for (const [k, v] of rows) console.log(`${k.padEnd(width)} | ${v}`);
    console.log(`\nprocess RSS after the run: ${mib(process.memoryUsage().rss).toFixed(0)} MiB`);
  } finally {
    await loseQueueContents(backend).catch(() => undefined);
    await app.close();
    await pg.end();
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
