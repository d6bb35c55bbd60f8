// `npm run bench`: persisted transitions per second through the engine at concurrency 1, 8 and 32,
// against a plain SQL transaction of the same shape (lock row, update row, insert journal row,
// insert outbox row) on the same server, so the engine's overhead reads as a ratio.
// Runs in a scratch database it creates and drops. Figures vary with the machine: report, don't assert.
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import {
  AppConfigModule,
  EngineModule,
  loadConfig,
  PersistenceModule,
  WorkflowEngine,
} from '@app/persistence';
import { SYSTEM_ACTOR, SystemClock } from '@app/workflows';
import { benchDefinition } from './bench-machine';
import { scratchDatabase } from './scratch-database';

const WORKFLOWS = 256;
const TRANSITIONS_PER_LEVEL = Number(process.env.BENCH_TRANSITIONS ?? 3000);
const LEVELS = [1, 8, 32];
const POOL_SIZE = 20;

async function run(concurrency: number, total: number, step: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) await step(i);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return total / seconds;
}

async function main(): Promise<void> {
  const base = loadConfig();
  const scratch = await scratchDatabase(base.databaseUrl, `cpw_bench_${process.pid}`);
  const databaseUrl = scratch.url;

  const config = loadConfig({ DATABASE_URL: databaseUrl, MIGRATE_ON_START: 'false', PROCESS_ROLE: 'api' });
  @Module({
    imports: [AppConfigModule.register(config, new SystemClock()), PersistenceModule, EngineModule.register([benchDefinition])],
  })
  class BenchModule {}
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error'] });
  const engine = app.get(WorkflowEngine);
  const pool = new Pool({ connectionString: databaseUrl, max: POOL_SIZE });

  try {
    const ids: string[] = [];
    for (let i = 0; i < WORKFLOWS; i++) {
      const started = await engine.start('bench-case', { area: 'north', receivedAt: '2026-11-20' }, { actor: SYSTEM_ACTOR });
      ids.push(started.id);
    }
    // Rows for the plain transaction: same table, same snapshot size.
    const plainIds = ids.map(() => randomUUID());
    const snapshot = (await pool.query(`SELECT snapshot FROM workflow_instance WHERE id = $1`, [ids[0]])).rows[0].snapshot;
    for (const id of plainIds) {
      await pool.query(
        `INSERT INTO workflow_instance (id, type, machine_version, state, status, snapshot, seq, created_at, updated_at, last_transition_at)
         VALUES ($1, 'plain', 1, 'open', 'active', $2, 1, now(), now(), now())`,
        [id, snapshot],
      );
    }

    let plainEvents = 0;
    const plainStep = async (i: number) => {
      const id = plainIds[i % plainIds.length]!;
      const eventId = `plain-${plainEvents++}`;
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const row = (await client.query(`SELECT seq, snapshot FROM workflow_instance WHERE id = $1 FOR UPDATE`, [id])).rows[0];
        const seq = row.seq + 1;
        await client.query(`UPDATE workflow_instance SET snapshot = $2, seq = $3, updated_at = now() WHERE id = $1`, [
          id,
          row.snapshot,
          seq,
        ]);
        await client.query(
          `INSERT INTO workflow_journal (workflow_id, seq, event_id, event_type, payload, actor_sub, actor_role, from_state,
             to_state, machine_version, occurred_at, request_hash, result)
           VALUES ($1, $2, $3, 'note.added', '{"text":"x"}', 'system', 'system', 'open', 'open', 1, now(), 'h', '{}')`,
          [id, seq, eventId],
        );
        await client.query(
          `INSERT INTO outbox (workflow_id, journal_seq, effect_type, payload, available_at, created_at)
           VALUES ($1, $2, 'bench.effect', '{}', now(), now())`,
          [id, seq],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    };

    const results: { concurrency: number; engine: number; plain: number }[] = [];
    let round = 0;
    for (const concurrency of LEVELS) {
      round++;
      // Warm up both paths, then measure.
      await run(concurrency, 200, plainStep);
      await run(concurrency, 200, (i) =>
        engine.send(ids[i % ids.length]!, { type: 'note.added', text: 'x' }, { eventId: `w${round}-${i}`, actor: SYSTEM_ACTOR }).then(() => undefined),
      );
      const plain = await run(concurrency, TRANSITIONS_PER_LEVEL, plainStep);
      const engineRate = await run(concurrency, TRANSITIONS_PER_LEVEL, (i) =>
        engine
          .send(ids[i % ids.length]!, { type: 'note.added', text: 'x' }, { eventId: `b${round}-${i}`, actor: SYSTEM_ACTOR })
          .then(() => undefined),
      );
      results.push({ concurrency, engine: engineRate, plain });
    }

    const rss = process.memoryUsage().rss / 1024 / 1024;
    console.log(`\nPersisted transitions per second (${TRANSITIONS_PER_LEVEL} per level, ${WORKFLOWS} workflows, pool ${POOL_SIZE})`);
    console.log('concurrency | engine tx/s | plain SQL tx/s | engine / plain');
    console.log('----------- | ----------- | -------------- | --------------');
    for (const r of results) {
      console.log(
        `${String(r.concurrency).padStart(11)} | ${r.engine.toFixed(0).padStart(11)} | ${r.plain.toFixed(0).padStart(14)} | ${(r.engine / r.plain).toFixed(2).padStart(14)}`,
      );
    }
    console.log(`\nprocess RSS after the run: ${rss.toFixed(0)} MiB`);
  } finally {
    await pool.end();
    await app.close();
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  const e = error as { name?: string; code?: string; message?: string; stack?: string };
  console.error(`bench failed: ${e.name ?? 'Error'}${e.code ? ` (${e.code})` : ''}: ${e.message ?? String(error)}`);
  console.error(e.stack ?? '');
  process.exit(1);
});
