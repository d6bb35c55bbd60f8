// `npm run bench:console`: answer times of the console's board and of a workflow's page over HTTP,
// with 100,000 workflows loaded (BENCH_WORKFLOWS to change it). A few workflows are started through
// the engine; the rest are copies of them made in SQL with spread-out deadlines, areas, states of
// warning and incidents, then ANALYZEd. Runs in a scratch database it creates and drops, signed in
// by a session row as the console writes one. Figures vary with the machine: report, don't assert.
import type { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import { loadConfig, WorkflowEngine } from '@app/persistence';
import { SYSTEM_ACTOR, SystemClock } from '@app/workflows';
import { createApp } from '../apps/api/src/bootstrap';
import { ConsoleSessionStore } from '../apps/api/src/console/session/console-session.store';
import { Role } from '../apps/api/src/auth/role';
import { benchDefinition } from './bench-machine';
import { scratchDatabase } from './scratch-database';

const WORKFLOWS = Number(process.env.BENCH_WORKFLOWS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 40);
const PORT = Number(process.env.BENCH_PORT ?? 3977);

async function load(pool: Pool, templateId: string): Promise<void> {
  await pool.query(
    `INSERT INTO workflow_instance (id, type, machine_version, state, status, snapshot, area, reference, seq, created_at,
                                    updated_at, last_transition_at, stuck_after, next_due_at, open_deadline_kinds, warned,
                                    open_incidents)
     SELECT gen_random_uuid(), t.type, t.machine_version, t.state, t.status, t.snapshot,
            (ARRAY['north', 'south', 'east'])[1 + i % 3], 'BENCH-' || i, t.seq, t.created_at,
            now() - (i % 90) * interval '1 day', now() - (i % 60) * interval '1 day',
            now() - (i % 60) * interval '1 day' + interval '48 hours',
            CASE WHEN i % 11 = 0 THEN NULL ELSE now() + ((i % 61) - 30) * interval '1 day' END,
            CASE WHEN i % 11 = 0 THEN '{}'::text[] ELSE ARRAY['bench'] END, i % 7 = 0, CASE WHEN i % 500 = 0 THEN 1 ELSE 0 END
       FROM workflow_instance t, generate_series(1, $2::int) AS i
      WHERE t.id = $1`,
    [templateId, WORKFLOWS],
  );
  await pool.query(
    `INSERT INTO workflow_deadline (id, workflow_id, kind, ladder, status, anchor_date, due_date, due_at, opened_at, opened_seq)
     SELECT gen_random_uuid(), id, 'bench', 'bench', 'open', (next_due_at - interval '21 days')::date, next_due_at::date,
            next_due_at, created_at, 1
       FROM workflow_instance WHERE reference LIKE 'BENCH-%' AND next_due_at IS NOT NULL`,
  );
  await pool.query(
    `INSERT INTO workflow_journal (workflow_id, seq, event_id, event_type, payload, actor_sub, actor_role, from_state, to_state,
                                   machine_version, occurred_at, request_hash, result)
     SELECT i.id, 1, j.event_id, j.event_type, j.payload, j.actor_sub, j.actor_role, j.from_state, j.to_state, j.machine_version,
            i.created_at, j.request_hash, j.result
       FROM workflow_instance i, workflow_journal j
      WHERE i.reference LIKE 'BENCH-%' AND j.workflow_id = $1 AND j.seq = 1`,
    [templateId],
  );
  await pool.query(
    `INSERT INTO workflow_incident (id, workflow_id, kind, detail, created_at)
     SELECT gen_random_uuid(), id, 'effect-failed', 'bench.effect failed', now() FROM workflow_instance WHERE open_incidents > 0`,
  );
  // As autovacuum leaves a table in service: statistics and the visibility map (index-only counts).
  await pool.query('VACUUM ANALYZE workflow_instance, workflow_deadline, workflow_journal, workflow_incident');
}

async function timeGet(url: string, cookie: string): Promise<{ ms: number[]; status: number }> {
  const ms: number[] = [];
  let status = 0;
  for (let i = 0; i < SAMPLES + 3; i++) {
    const started = process.hrtime.bigint();
    const res = await fetch(url, { headers: { cookie: `cpw_console=${cookie}`, accept: 'text/html' }, redirect: 'manual' });
    await res.text();
    status = res.status;
    // The first few warm the pool, the statement cache and the statechart's layout.
    if (i >= 3) ms.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return { ms: ms.sort((a, b) => a - b), status };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(): Promise<void> {
  const base = loadConfig();
  const scratch = await scratchDatabase(base.databaseUrl, `cpw_bench_console_${process.pid}`);
  const config = loadConfig({
    DATABASE_URL: scratch.url,
    MIGRATE_ON_START: 'false',
    PROCESS_ROLE: 'api',
    PORT: String(PORT),
    QUEUE_PREFIX: `bench-console-${process.pid}`,
    LOG_LEVEL: 'error',
    RATE_LIMIT_MAX_REQUESTS: '1000000',
  });
  const pool = new Pool({ connectionString: scratch.url, max: 2 });
  let app: INestApplication | undefined;
  try {
    app = await createApp(config, new SystemClock(), { definitions: [benchDefinition] });
    await app.listen(PORT, '127.0.0.1');
    const engine = app.get(WorkflowEngine);
    const template = await engine.start('bench-case', { area: 'north', receivedAt: '2026-11-20' }, { actor: SYSTEM_ACTOR });
    const loadStarted = Date.now();
    await load(pool, template.id);
    const loadSeconds = (Date.now() - loadStarted) / 1000;

    const sessions = app.get(ConsoleSessionStore);
    const signIn = (roles: Role[], area?: string) =>
      sessions
        .beginSignIn({ codeVerifier: 'bench', state: 'bench', nonce: 'bench', returnTo: '/console' })
        .then((id) => sessions.completeSignIn(id, { sub: `bench-${roles.join('-')}`, roles, area, coveringAreas: [] }));
    const manager = await signIn([Role.Manager]);
    const coordinator = await signIn([Role.Coordinator], 'north');
    const [{ id: sample }] = (await pool.query(`SELECT id FROM workflow_instance WHERE reference = $1`, [`BENCH-${Math.min(4242, WORKFLOWS)}`])).rows as { id: string }[];
    const url = `http://127.0.0.1:${PORT}`;
    const counts = (await pool.query(`SELECT count(*)::int AS n FROM workflow_instance`)).rows[0] as { n: number };

    const cases: [string, string, string][] = [
      ['board, overdue (manager, every area)', `${url}/console`, manager],
      ['board, at risk (manager)', `${url}/console?view=at-risk`, manager],
      ['board, failed (manager)', `${url}/console?view=failed`, manager],
      ['board, overdue, deadline kind and 10+ days in state', `${url}/console?view=overdue&deadline=bench&days=10`, manager],
      ['board, overdue (co-ordinator, north only)', `${url}/console`, coordinator],
      ['workflow page', `${url}/console/workflows/${sample}`, manager],
      ['charts (manager)', `${url}/console/charts`, manager],
    ];
    process.stdout.write(`bench:console — ${counts.n} workflows (loaded in ${loadSeconds.toFixed(1)} s), ${SAMPLES} requests each, sequential\n`);
    for (const [name, target, cookie] of cases) {
      const { ms, status } = await timeGet(target, cookie);
      process.stdout.write(
        `${name.padEnd(55)} HTTP ${status}  p50 ${pct(ms, 50).toFixed(1)} ms  p95 ${pct(ms, 95).toFixed(1)} ms  max ${ms[ms.length - 1].toFixed(1)} ms\n`,
      );
    }
  } finally {
    await app?.close();
    await pool.end();
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  const e = error as { name?: string; code?: string; message?: string };
  process.stderr.write(`bench:console failed: ${e.name ?? 'Error'} ${e.code ?? ''} ${e.message ?? String(error)}\n`);
  process.exit(1);
});
