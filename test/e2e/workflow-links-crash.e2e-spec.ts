import request from 'supertest';
import { loadConfig, ReplayService } from '@app/persistence';
import { ENGINE_EFFECTS, ManualClock } from '@app/workflows';
import { LINK_CHILD, LINK_EVENTS, LINK_PARENT, linkChild, linkParent } from '../fixtures/workflow-links.machine';
import { startTestApp } from '../support/app';
import { ServiceProcess } from '../support/child-process';
import { HeldChange } from '../support/hold';
import { createTestDatabase } from '../support/database';
import { query } from '../support/rows';
import { bearer } from '../support/tokens';

/** The advisory lock the test holds to stop a worker between performing an effect and recording it. */
const HOLD = 4242;

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100)); // polling other processes, not waiting on a clock
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * A parent that starts two children and signals the second, with the processes killed (SIGKILL,
 * no shutdown hooks) at the two moments that matter: after the parent's commit, before any effect
 * ran; and after the first child's start committed, before the worker recorded it done. Another
 * worker then finishes, and the parent, each child and the signal are there once.
 */
describe('Workflows that start and signal workflows, when the processes are killed', () => {
  let databaseUrl: string;
  let drop: () => Promise<void>;
  const running: ServiceProcess[] = [];
  const config = loadConfig({});
  const clock = new ManualClock(new Date());
  const env = () => ({
    DATABASE_URL: databaseUrl,
    MIGRATE_ON_START: 'false',
    QUEUE_PREFIX: `links${process.pid}`,
    OUTBOX_POLL_MS: '100',
    OUTBOX_LEASE_MS: '1000',
    OUTBOX_BACKOFF_MS: '100',
  });
  const launch = async (extra: Record<string, string>) => {
    const service = await ServiceProcess.start({ ...env(), ...extra });
    running.push(service);
    return service;
  };

  beforeAll(async () => {
    ({ url: databaseUrl, drop } = await createTestDatabase());
  });
  afterAll(async () => {
    await Promise.all(running.map((p) => p.kill()));
    await drop?.();
  });

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => query<T>(databaseUrl, text, params);
  const linkRows = (parentId: string) =>
    sql<{ effect_type: string; status: string; attempts: number }>(
      `SELECT effect_type, status, attempts FROM outbox WHERE workflow_id = $1 AND effect_type = ANY($2) ORDER BY id`,
      [parentId, [ENGINE_EFFECTS.workflowStart, ENGINE_EFFECTS.workflowSignal]],
    );
  const childrenOf = (parentId: string) =>
    sql<{ id: string; start_key: string; state: string }>(
      `SELECT id, start_key, state FROM workflow_instance WHERE parent_id = $1 ORDER BY start_key`,
      [parentId],
    );

  it('records the parent, each child and the signal once', async () => {
    // An API-only process commits the parent (and its three link effects) and is killed.
    const api = await launch({ PROCESS_ROLE: 'api' });
    const started = await request(api.url)
      .post('/workflows')
      .set('Authorization', await bearer(config, clock, 'coordinator', { area: 'north' }))
      .send({ type: LINK_PARENT, input: { reference: 'LINK-100', area: 'north' } });
    expect(started.status).toBe(201);
    const parentId = started.body.id as string;
    await api.kill();
    expect((await linkRows(parentId)).map((r) => [r.effect_type, r.status, r.attempts])).toEqual([
      [ENGINE_EFFECTS.workflowStart, 'pending', 0],
      [ENGINE_EFFECTS.workflowStart, 'pending', 0],
      [ENGINE_EFFECTS.workflowSignal, 'pending', 0],
    ]);

    // A worker (one effect at a time) starts the first child and is held, then killed, before it
    // records that effect done: a test trigger makes recording a start wait for the test's lock.
    const hold = await HeldChange.at(databaseUrl, {
      lock: HOLD,
      name: 'test_hold_recording',
      event: 'UPDATE',
      table: 'outbox',
      when: `OLD.status = 'pending' AND NEW.status = 'done' AND NEW.effect_type = '${ENGINE_EFFECTS.workflowStart}'`,
    });
    const worker = await launch({ PROCESS_ROLE: 'worker', OUTBOX_BATCH_SIZE: '1' });
    await until(async () => (await hold.waiting()).length === 1, 'the worker to be recording the first start');
    expect((await childrenOf(parentId)).map((c) => c.start_key)).toEqual([`${parentId}/first`]);
    await worker.kill();
    // PostgreSQL sees that a client died only when it next talks to it; ending the dead
    // worker's session as it would rolls back the recording it was waiting in.
    await hold.release();
    expect((await linkRows(parentId)).map((r) => [r.status, r.attempts])).toEqual([
      ['pending', 1], // performed, not recorded: it will be delivered again
      ['pending', 0],
      ['pending', 0],
    ]);

    // Another worker finishes: the first start again (answered from the journal), the second, the signal.
    await launch({ PROCESS_ROLE: 'worker' });
    await until(
      async () => (await linkRows(parentId)).every((r) => r.status === 'done'),
      'the second worker to perform every link',
    );

    const counts = await sql<{ type: string; n: number }>(
      `SELECT type, count(*)::int AS n FROM workflow_instance GROUP BY type ORDER BY type`,
    );
    expect(counts).toEqual([
      { type: LINK_CHILD, n: 2 },
      { type: LINK_PARENT, n: 1 },
    ]);
    const [first, second] = await childrenOf(parentId);
    expect([first!.start_key, first!.state]).toEqual([`${parentId}/first`, 'waiting']);
    expect([second!.start_key, second!.state]).toEqual([`${parentId}/second`, 'told']);
    const journals = await sql<{ workflow_id: string; event_id: string; event_type: string }>(
      `SELECT workflow_id, event_id, event_type FROM workflow_journal ORDER BY workflow_id, seq`,
    );
    expect(journals.filter((j) => j.workflow_id === first!.id).map((j) => j.event_type)).toEqual(['workflow.started']);
    expect(journals.filter((j) => j.workflow_id === second!.id)).toEqual([
      { workflow_id: second!.id, event_id: `${parentId}/second`, event_type: 'workflow.started' },
      { workflow_id: second!.id, event_id: `${parentId}.1.2`, event_type: LINK_EVENTS.told },
    ]);
    expect(journals.filter((j) => j.workflow_id === parentId).map((j) => j.event_type)).toEqual(['workflow.started']);
    expect((await linkRows(parentId))[0]!.attempts).toBe(2);
    expect(await sql(`SELECT kind FROM workflow_incident`)).toEqual([]);

    const inspector = await startTestApp({ PROCESS_ROLE: 'api' }, undefined, {
      definitions: [linkParent, linkChild],
      databaseUrl,
    });
    try {
      const replay = await inspector.app.get(ReplayService).check();
      expect(replay).toEqual({ checked: 3, mismatched: [] });
    } finally {
      await inspector.close();
    }
    // Four service processes start one after another: minutes on a loaded 2-core machine.
  }, 300_000);
});
