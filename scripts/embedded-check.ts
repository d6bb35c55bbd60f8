// The checks scripts/ci-embedded-check.sh runs against a service started by `npm start` on a
// machine with nothing but Node (an embedded PostgreSQL, the timer queue on it):
//   node embedded-check.js first <base-url> <database-url> <state-file>
//     /health is 200 with the PostgreSQL queue backend; an ASV contact received a week ago is
//     recorded; its screening clock is set as if it had been opened on time and the service had
//     been down since (its opened_at moved back a week: a ladder's steps fire on working days
//     only, and only after their clock opened, so nothing else makes a step due within minutes
//     on any day of the week); the reconciler's next pass fires the missed step from a job on the
//     PostgreSQL queue, it is journaled, and the contact is screened; its id goes to the state file.
//   node embedded-check.js again <base-url> <database-url> <state-file>
//     after a restart of the service and of the embedded server: the contact is still there,
//     screened (the data is kept between runs).
// Every wait is bounded; the first failure ends the run with a non-zero status.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Client as PgClient } from 'pg';

const WAIT_MS = 120_000;
const POLL_MS = 250;

const [phase, base, databaseUrl, stateFile] = process.argv.slice(2);
if ((phase !== 'first' && phase !== 'again') || !base || !databaseUrl || !stateFile) {
  throw new Error('usage: embedded-check.js first|again <base-url> <database-url> <state-file>');
}
// Run from a copy outside the repository (npm start rebuilds dist/): its modules come from the
// repository's node_modules, where it runs.
const { Client } = createRequire(resolve('package.json'))('pg') as { Client: typeof PgClient };

function check(condition: unknown, what: string, detail?: unknown): asserts condition {
  if (!condition) throw new Error(`${what}${detail === undefined ? '' : `: ${JSON.stringify(detail)}`}`);
  console.log(`  ok  ${what}`);
}

async function until<T>(what: string, attempt: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const found = await attempt().catch(() => undefined);
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`gave up after ${WAIT_MS / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** A development token, minted as the README says (`npm run token`), by the built script. */
const token = (role: string) =>
  execFileSync(process.execPath, ['dist/scripts/token.js', '--role', role, '--area', 'north'], {
    encoding: 'utf8',
  }).trim();

async function call(method: string, path: string, auth: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${auth}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const limbs = (applying: string[]) =>
  Object.fromEntries(
    ['harmedChild', 'criminalOffence', 'riskOfHarm', 'transferableRisk'].map((limb) => [
      limb,
      {
        applies: applying.includes(limb),
        rationale: applying.includes(limb) ? 'Account given by the child' : 'No indication',
      },
    ]),
  );

async function healthy(): Promise<Record<string, { status: string; backend?: string }>> {
  const health = await until('GET /health to answer 200', async () => {
    const res = await fetch(`${base}/health`);
    return res.status === 200
      ? ((await res.json()) as { details: Record<string, { status: string }> })
      : undefined;
  });
  check(health.details.database?.status === 'up', '/health 200: database up', health.details);
  check(
    health.details.queue?.status === 'up' &&
      (health.details.queue as { backend?: string }).backend === 'postgres',
    '/health: the timer queue is up on the PostgreSQL backend',
    health.details,
  );
  return health.details;
}

async function first(): Promise<void> {
  await healthy();
  const coordinator = token('coordinator');
  const weekAgo = new Date(Date.now() - 7 * 24 * 3600 * 1000).toISOString();
  const received = await call('POST', '/asv-referrals', coordinator, {
    receivedAt: weekAgo,
    area: 'north',
    referrer: {
      type: 'employer',
      organisationId: 'org-ci-1',
      organisationName: 'Embedded Check Primary School',
    },
    subjectPersonId: 'person-ci-1',
    childIds: ['child-ci-1'],
    employerIds: ['org-ci-1'],
    concernCategory: 'physical-abuse',
  });
  check(received.status === 201, 'POST /asv-referrals: contact received (201)', received);
  const id = String(received.body.id);

  // As if its clock had opened a week ago and the service had been down since.
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const moved = await db.query(
      `UPDATE workflow_deadline SET opened_at = opened_at - interval '7 days' WHERE workflow_id = $1 AND status = 'open'`,
      [id],
    );
    check(moved.rowCount === 1, 'its screening clock is open (and now looks a week old)');
  } finally {
    await db.end();
  }
  // The reconciler's next pass (RECONCILE_PERIOD_SECONDS) fires the latest missed step, from a
  // job on the PostgreSQL queue; the step is journaled on the workflow by the system.
  const step = await until('a deadline step journaled from the PostgreSQL queue', async () => {
    const history = await call('GET', `/workflows/${id}/history`, coordinator);
    const entries = history.body as unknown as { type: string; payload?: { stepId?: string } }[];
    return Array.isArray(entries) ? entries.find((entry) => entry.type === 'deadline.step') : undefined;
  });
  check(
    step.payload?.stepId !== undefined,
    `deadline step '${step.payload?.stepId}' fired on the PostgreSQL queue`,
  );

  const screened = await call('POST', `/asv-referrals/${id}/screening`, coordinator, {
    decision: 'threshold-met',
    limbs: limbs(['harmedChild']),
  });
  check(
    screened.status === 200,
    'POST /asv-referrals/:id/screening: screened, threshold met (200)',
    screened,
  );
  writeFileSync(stateFile, id);
}

async function again(): Promise<void> {
  await healthy();
  const id = readFileSync(stateFile, 'utf8').trim();
  const coordinator = token('coordinator');
  const kept = await call('GET', `/asv-referrals/${id}`, coordinator);
  check(
    kept.status === 200,
    'the contact received before the restart is still there (data kept between runs)',
    kept,
  );
  const history = (await call('GET', `/workflows/${id}/history`, coordinator)).body as unknown as {
    type: string;
  }[];
  check(
    history.some((entry) => entry.type === 'screening.threshold-met'),
    'and its screening with it',
    history.map((entry) => entry.type),
  );
}

(phase === 'first' ? first() : again()).then(
  () => console.log(`embedded check (${phase}): passed`),
  (error: unknown) => {
    console.error(
      `embedded check (${phase}) FAILED: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  },
);
