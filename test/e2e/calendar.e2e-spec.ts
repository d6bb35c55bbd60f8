import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { bearer } from '../support/tokens';

describe('GET /calendar', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp({ LOCAL_CLOSURE_DAYS: '2026-12-24' });
    token = await bearer(t.config, t.clock, 'coordinator', { area: 'north' });
  });
  afterAll(() => t?.close());
  const get = (path: string) => request(t.app.getHttpServer()).get(path).set('Authorization', token);

  it('adds working days across Christmas, the Boxing Day substitute and a local closure day', async () => {
    // 24 Dec closure, 25 Fri Christmas, 26-27 weekend, 28 Mon Boxing Day (substitute): 29 is day 1.
    const res = await get('/calendar/add-working-days?from=2026-12-23&days=3');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ date: '2026-12-31' });
  });

  it('gives the ICPC date 15 working days after a strategy discussion', async () => {
    // 2026-04-01 (Wed): Good Friday 3 Apr and Easter Monday 6 Apr fall inside.
    const res = await get('/calendar/add-working-days?from=2026-04-01&days=15');
    expect(res.body).toEqual({ date: '2026-04-24' });
  });

  it('counts working days between two dates', async () => {
    const res = await get('/calendar/working-days-between?from=2026-04-01&to=2026-04-24');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ days: 15 });
  });

  it.each([
    ['/calendar/add-working-days?from=2026-02-30&days=1', 'from'],
    ['/calendar/add-working-days?from=26-02-01&days=1', 'from'],
    ['/calendar/add-working-days?from=2026-02-01&days=-1', 'days'],
    ['/calendar/add-working-days?from=2026-02-01&days=two', 'days'],
    ['/calendar/add-working-days?from=2026-02-01', 'days'],
    ['/calendar/working-days-between?from=2026-01-01&to=2026-13-01', 'to'],
    ['/calendar/working-days-between?from=2026-01-01&to=2026-02-01&extra=1', 'extra'],
  ])('answers %s with a 400 problem naming %s', async (path, field) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(res.body.errors)).toContain(field);
  });

  it('answers a date outside the known bank-holiday years with 422', async () => {
    const res = await get('/calendar/add-working-days?from=2040-01-02&days=1');
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
