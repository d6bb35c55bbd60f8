import request from 'supertest';
import { AsvApi, contactReceived } from '../fixtures/asv';
import { startTestApp, TestApp } from '../support/app';
import { countRows } from '../support/rows';
import { bearer } from '../support/tokens';

/**
 * The generic workflow API must not become a way round a domain API's roles and rules: an ASV
 * referral is invisible to roles without ASV access, and is started and moved on only through
 * /asv-referrals (which assigns the reference and computes the retention date).
 */
describe('Per-type access through the generic workflow API', () => {
  let t: TestApp;
  let referralId: string;

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set('2026-11-20T10:00:00Z');
    const created = await new AsvApi(t, 'coordinator').receive(contactReceived());
    expect(created.status).toBe(201);
    referralId = created.body.id;
  });
  afterAll(() => t?.close());

  const as = (role: string, area = 'north') => bearer(t.config, t.clock, role as never, { area });
  const http = () => request(t.app.getHttpServer());

  it.each(['chair', 'social_worker'])('hides an ASV referral from a %s: read, history, notifications and list', async (role) => {
    const token = await as(role);
    for (const path of [`/workflows/${referralId}`, `/workflows/${referralId}/history`, `/workflows/${referralId}/notifications`]) {
      const res = await http().get(path).set('Authorization', token);
      expect(res.status).toBe(404);
      expect(res.body.detail).toBe('Workflow not found');
    }
    const list = await http().get('/workflows').set('Authorization', token);
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(referralId);
    const send = await http().post(`/workflows/${referralId}/events`).set('Authorization', token).send({ type: 'lado.referred' });
    expect(send.status).toBe(404);
  });

  it.each(['coordinator', 'lado', 'manager'])('shows it to a %s', async (role) => {
    const token = await as(role);
    const res = await http().get(`/workflows/${referralId}`).set('Authorization', token);
    expect(res.status).toBe(200);
    const list = await http().get('/workflows').query({ type: 'asv-referral' }).set('Authorization', token);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(referralId);
  });

  it('refuses to start or move on an ASV referral through the generic API, pointing to /asv-referrals', async () => {
    const token = await as('lado');
    const before = await countRows(t.databaseUrl);
    const started = await http()
      .post('/workflows')
      .set('Authorization', token)
      .send({ type: 'asv-referral', input: { ...contactReceived(), reference: 'ASV-2026-999999' } });
    expect(started.status).toBe(403);
    expect(started.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(started.body.use).toBe('/asv-referrals');
    const event = await http()
      .post(`/workflows/${referralId}/events`)
      .set('Authorization', token)
      .send({ type: 'case.closed', retention: { retainUntil: '2030-01-01', basis: 'ten-years' } });
    expect(event.status).toBe(403);
    expect(await countRows(t.databaseUrl)).toEqual(before);
  });
});
