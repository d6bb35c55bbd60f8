import { AsvApi, contactReceived, expectStatus, FRIDAY_RECEIPT } from '../fixtures/asv';
import { startTestApp, TestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { countRows } from '../support/rows';
import { TcpProxy } from '../support/tcp-proxy';

const PROBLEM_JSON = /^application\/problem\+json/;

/**
 * Issue 9: a request caught by a database that drops its connections answers 503 problem+json
 * with Retry-After (retry it, with the same Idempotency-Key), not 500 "internal error". The
 * service's PostgreSQL is reached through a proxy this suite cuts: every connection is destroyed
 * and new ones are refused, the way a failover looks from the service.
 */
describe('Transient database failures answer 503 with Retry-After', () => {
  let t: TestApp;
  let api: AsvApi;
  let proxy: TcpProxy;
  let database: { url: string; drop: () => Promise<void> };

  beforeAll(async () => {
    database = await createTestDatabase();
    proxy = await TcpProxy.start(Number(new URL(database.url).port || 5432));
    t = await startTestApp({ PROCESS_ROLE: 'api' }, undefined, { databaseUrl: proxy.rewrite(database.url) });
    api = new AsvApi(t).as('coordinator');
    t.clock.set(FRIDAY_RECEIPT);
  });
  afterAll(async () => {
    await proxy?.restore();
    await t?.close();
    await proxy?.stop();
    await database?.drop();
  });

  it('answers 503 while PostgreSQL is unreachable, writes nothing, and serves the retry once it is back', async () => {
    expectStatus(await api.list(), 200);
    const before = await countRows(database.url);

    await proxy.cut();
    const listed = await api.list();
    const received = await api.receive(contactReceived(), 'contact-during-outage');
    for (const answer of [listed, received]) {
      expect(answer.status).toBe(503);
      expect(answer.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
      expect(answer.body).toMatchObject({
        type: 'https://cp-workflows.local/problems/service-unavailable',
        status: 503,
        errorId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
      expect(JSON.stringify(answer.body)).not.toMatch(/5432|ECONNREFUSED|postgres/i);
    }

    await proxy.restore();
    expect(await countRows(database.url)).toEqual(before);
    const retried = await api.receive(contactReceived(), 'contact-during-outage');
    expectStatus(retried, 201);
    expect(retried.body.replayed).toBeUndefined(); // the first attempt wrote nothing to replay
  });
});
