import request from 'supertest';
import { CLOCK_KINDS, DEFAULT_STATUTORY_SETTINGS, STATUTORY_SETTING_SOURCES } from '@app/workflows';
import { startTestApp, TestApp } from '../support/app';
import { bearer } from '../support/tokens';

describe('GET /timescales', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    // An authority that gives 20 working days for an ICPC: the listing and the computation follow it.
    t = await startTestApp({ STATUTORY_ICPC_WORKING_DAYS: '20', LOCAL_CLOSURE_DAYS: '2027-02-12' });
    token = await bearer(t.config, t.clock, 'social_worker', { area: 'north' });
  });
  afterAll(() => t?.close());
  const get = (path: string) => request(t.app.getHttpServer()).get(path).set('Authorization', token);

  it("lists every clock with its rule, setting, the authority's value and the source", async () => {
    const res = await get('/timescales');
    expect(res.status).toBe(200);
    expect(res.body.items.map((clock: { kind: string }) => clock.kind)).toEqual([...CLOCK_KINDS]);
    const icpc = res.body.items.find((clock: { kind: string }) => clock.kind === 'icpc');
    expect(icpc).toEqual({
      kind: 'icpc',
      rule: expect.stringContaining('within 20 working days of the strategy discussion'),
      setting: 'icpcWorkingDays',
      value: 20,
      unit: 'working-days-after',
      from: 'strategy-discussion',
      source: STATUTORY_SETTING_SOURCES.icpcWorkingDays,
    });
    const transfer = res.body.items.find((clock: { kind: string }) => clock.kind === 'transfer-in');
    expect(transfer.value).toBe(DEFAULT_STATUTORY_SETTINGS.transferInWorkingDays);
  });

  it('computes an ICPC due date on the working-day calendar, local closure days included', async () => {
    // Mon 1 Feb 2027 + 20 working days is Mon 1 Mar; the closure on Fri 12 Feb pushes it to Tue 2 Mar.
    const res = await get('/timescales/icpc?from=2027-02-01');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ kind: 'icpc', from: '2027-02-01', dueDate: '2027-03-02' });
  });

  it('computes a pre-birth latest date back from the expected date of delivery', async () => {
    // EDD Fri 16 Jul 2027 less 6 weeks is Fri 4 Jun 2027, a working day.
    const res = await get('/timescales/pre-birth?from=2027-07-16');
    expect(res.body).toEqual({ kind: 'pre-birth', from: '2027-07-16', dueDate: '2027-06-04' });
  });

  it.each([
    ['/timescales/icpc?from=2027-02-30', 400, 'from'],
    ['/timescales/icpc?from=27-02-01', 400, 'from'],
    ['/timescales/icpc', 400, 'from'],
    ['/timescales/icpc?from=2027-02-01&extra=1', 400, 'extra'],
    ['/timescales/no-such-clock?from=2027-02-01', 404, undefined],
  ])('answers %s with a %i problem', async (path, status, field) => {
    const res = await get(path);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    if (field) expect(JSON.stringify(res.body)).toContain(field);
  });
});
