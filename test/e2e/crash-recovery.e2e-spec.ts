import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { loadConfig } from '@app/persistence';
import { ManualClock } from '@app/workflows';
import { ServiceProcess } from '../support/child-process';
import { createTestDatabase } from '../support/database';
import { query } from '../support/rows';
import { bearer } from '../support/tokens';

/** Performs each delivery once by its Idempotency-Key; can hold requests open to catch a worker mid-effect. */
class Receiver {
  readonly received: string[] = [];
  /** Keys performed: a receiver acts on a key once, so a redelivery with the same key changes nothing. */
  readonly performed = new Set<string>();
  holdRequests = false;
  private held: (() => void)[] = [];
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const key = String(req.headers['idempotency-key']);
      req.resume();
      req.on('end', () => {
        this.received.push(key);
        const answer = () => {
          if (!res.destroyed) {
            this.performed.add(key);
            res.writeHead(204).end();
          }
        };
        if (this.holdRequests) this.held.push(answer);
        else answer();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/hook`;
  }

  dropHeld(): void {
    this.held = [];
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 20000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100)); // polling a separate process, not waiting on a clock
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('Nothing is lost when the process is killed (SIGKILL)', () => {
  let databaseUrl: string;
  let drop: () => Promise<void>;
  let receiver: Receiver;
  const running: ServiceProcess[] = [];
  const env = () => ({ DATABASE_URL: databaseUrl, MIGRATE_ON_START: 'false', QUEUE_PREFIX: `crash${process.pid}` });
  const config = loadConfig({});
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    ({ url: databaseUrl, drop } = await createTestDatabase());
    receiver = new Receiver();
    await receiver.start();
  });

  afterAll(async () => {
    await Promise.all(running.map((p) => p.kill()));
    await receiver?.stop();
    await drop?.();
  });

  const launch = async (extra: Record<string, string>) => {
    const service = await ServiceProcess.start({ ...env(), ...extra });
    running.push(service);
    return service;
  };

  async function decideCases(service: ServiceProcess, count: number, from: number): Promise<string[]> {
    const token = await bearer(config, clock, 'coordinator', { area: 'north' });
    const ids: string[] = [];
    for (let i = from; i < from + count; i++) {
      const started = await request(service.url)
        .post('/workflows')
        .set('Authorization', token)
        .send({ type: 'demo-case', input: { reference: `DEMO-${i}`, area: 'north', receivedAt: new Date().toISOString(), webhookUrl: receiver.url } });
      expect(started.status).toBe(201);
      const decided = await request(service.url)
        .post(`/workflows/${started.body.id}/events`)
        .set('Authorization', token)
        .send({ type: 'case.decided', decision: 'accept' });
      expect(decided.status).toBe(200);
      ids.push(started.body.id);
    }
    return ids;
  }

  const webhookRows = (ids: string[]) =>
    query<{ id: string; status: string; attempts: number }>(
      databaseUrl,
      `SELECT id::text, status, attempts FROM outbox WHERE effect_type = 'webhook.post' AND workflow_id = ANY($1) ORDER BY id`,
      [ids],
    );

  it('dispatches every outbox row committed before the kill, once each as the receiver sees it', async () => {
    // An API-only process commits transitions and never dispatches: killing it leaves effects pending.
    const api = await launch({ PROCESS_ROLE: 'api' });
    const ids = await decideCases(api, 5, 100);
    await api.kill();
    expect((await webhookRows(ids)).map((r) => r.status)).toEqual(Array(5).fill('pending'));
    expect(receiver.received).toEqual([]);

    await launch({ PROCESS_ROLE: 'all', OUTBOX_POLL_MS: '100' });
    await until(async () => (await webhookRows(ids)).every((r) => r.status === 'done'), 'the restarted worker to dispatch');
    const rows = await webhookRows(ids);
    const keys = rows.map((r) => `outbox-${r.id}`).sort();
    expect([...receiver.performed].sort()).toEqual(keys);
    expect([...receiver.received].sort()).toEqual(keys); // each delivered exactly once
  });

  it('performs again, after the lease, an effect a killed worker had claimed but not confirmed', async () => {
    await Promise.all(running.splice(0).map((p) => p.kill()));
    receiver.received.length = 0;
    // The effects are committed first by an API-only process, so the worker claims all three at
    // once and is killed straight after: the lease (3 s) never runs out while it holds them, however
    // slowly the machine runs the requests before.
    const api = await launch({ PROCESS_ROLE: 'api' });
    const ids = await decideCases(api, 3, 200);
    await api.kill();
    receiver.holdRequests = true;
    const worker = await launch({ PROCESS_ROLE: 'all', OUTBOX_POLL_MS: '100', OUTBOX_LEASE_MS: '3000' });
    await until(async () => receiver.received.length >= 3, 'the worker to be mid-delivery');
    await worker.kill();
    receiver.dropHeld();
    receiver.holdRequests = false;
    const claimed = await webhookRows(ids);
    expect(claimed.map((r) => [r.status, r.attempts])).toEqual(Array(3).fill(['pending', 1]));

    await launch({ PROCESS_ROLE: 'all', OUTBOX_POLL_MS: '100', OUTBOX_LEASE_MS: '3000' });
    await until(async () => (await webhookRows(ids)).every((r) => r.status === 'done'), 'redelivery after the lease');
    const rows = await webhookRows(ids);
    const keys = rows.map((r) => `outbox-${r.id}`).sort();
    // The killed worker's deliveries never completed; the redelivery carries the same key, so the
    // receiver performs each effect once although it was sent twice.
    expect([...receiver.received].sort()).toEqual([...keys, ...keys].sort());
    expect(keys.every((k) => receiver.performed.has(k))).toBe(true);
    expect(rows.map((r) => r.attempts)).toEqual([2, 2, 2]);
  }, 180_000); // three service processes started one after another: slow on a loaded machine
});
