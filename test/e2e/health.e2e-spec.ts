import request from 'supertest';
import { PrivateRedis } from '../support/redis-server';
import { startTestApp, TestApp } from '../support/app';

describe('GET /health (readiness)', () => {
  let redis: PrivateRedis;
  let t: TestApp;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    t = await startTestApp({ QUEUE_BACKEND: 'redis', REDIS_URL: redis.url });
  });

  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  const health = () => request(t.app.getHttpServer()).get('/health');

  async function eventually(expectedStatus: number): Promise<request.Response> {
    let last: request.Response | undefined;
    for (let attempt = 0; attempt < 50; attempt++) {
      last = await health();
      if (last.status === expectedStatus) return last;
      await new Promise((r) => setTimeout(r, 100)); // waiting on a reconnect, not on the clock
    }
    return last!;
  }

  it('reports database and Redis up separately', async () => {
    const res = await health();
    expect(res.status).toBe(200);
    expect(res.body.details.database.status).toBe('up');
    expect(res.body.details.queue).toEqual({ status: 'up', backend: 'redis' });
  });

  it('answers 503 when Redis stops and 200 again when it returns, without a restart', async () => {
    await redis.stop();
    const down = await eventually(503);
    expect(down.status).toBe(503);
    expect(down.body.details.queue.status).toBe('down');
    expect(down.body.details.database.status).toBe('up');

    await redis.start();
    const up = await eventually(200);
    expect(up.status).toBe(200);
    expect(up.body.details.queue.status).toBe('up');
  });
});
