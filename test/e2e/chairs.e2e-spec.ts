import request from 'supertest';
import { BookingsStore } from '@app/persistence';
import { DomainError, WORKFLOW_DEFINITIONS } from '@app/workflows';
import { demoCaseV1 } from '../fixtures/demo-case.machine';
import { child, PeopleApi } from '../fixtures/people';
import { startTestApp, TestApp } from '../support/app';
import { authorization, Role, type TestTokenOptions } from '../support/auth';
import { countRows, query } from '../support/rows';

/**
 * Chairs and their diaries through the HTTP API against the real PostgreSQL: who chairs an area on
 * a date (its chair, or the chair covering it), a covering chair's view of the area's records, the
 * database refusing double bookings, and free slots around weekends, bank holidays, absences and
 * bookings. March 2026: Monday the 2nd to Friday the 13th; Easter is 3-6 April.
 */
describe('Chairs through the HTTP API', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ PROCESS_ROLE: 'api' }, undefined, { definitions: [...WORKFLOW_DEFINITIONS, demoCaseV1] });
    t.clock.set('2026-03-02T08:00:00Z');
    expect((await putChair('chair-north', { displayName: 'Sam Patel', homeAreas: ['north'] })).status).toBe(200);
    expect((await putChair('chair-south', { displayName: 'Jo Reyes', homeAreas: ['south', 'east'] })).status).toBe(200);
    expect((await putChair('chair-spare', { displayName: 'Lee Chan', homeAreas: [] })).status).toBe(200);
  });
  afterAll(() => t?.close());

  const http = () => request(t.app.getHttpServer());
  const as = (role: Role, token: TestTokenOptions = {}) => authorization(t, role, token);
  const manager = () => as(Role.Manager, { sub: 'manager-1' });
  const coordinator = () => as(Role.Coordinator, { sub: 'coord-north', area: 'north' });

  async function putChair(sub: string, body: { displayName: string; homeAreas: string[]; email?: string }) {
    return http()
      .put(`/chairs/${sub}`)
      .set(await manager())
      .send({ email: `${sub}@council.example`, ...body });
  }
  const cover = async (sub: string, body: Record<string, unknown>) =>
    http().post(`/chairs/${sub}/cover`).set(await manager()).send(body);
  const absence = async (sub: string, body: Record<string, unknown>) =>
    http().post(`/chairs/${sub}/absences`).set(await coordinator()).send(body);
  const book = async (sub: string, start: string, minutes = 90) =>
    http().post(`/chairs/${sub}/bookings`).set(await coordinator()).send({ start, minutes });
  const whoChairs = async (area: string, on: string) =>
    http().get('/chairs').query({ area, on }).set(await coordinator());
  const slots = async (sub: string, params: Record<string, string | number>) =>
    http().get(`/chairs/${sub}/slots`).query(params).set(await coordinator());

  /** The request is refused with `status` as problem+json, and no table gains or loses a row. */
  async function expectRefused(act: () => Promise<request.Response>, status: number): Promise<request.Response> {
    const before = await countRows(t.databaseUrl);
    const res = await act();
    expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { status, type: expect.any(String) } });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await countRows(t.databaseUrl)).toEqual(before);
    return res;
  }

  describe('chairs, their areas and cover', () => {
    it('keeps a chair with their areas, and one chair per area', async () => {
      const res = await http().get('/chairs/chair-south').set(await manager());
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        sub: 'chair-south',
        displayName: 'Jo Reyes',
        email: 'chair-south@council.example',
        homeAreas: ['east', 'south'],
        covers: [],
        absences: [],
      });
      const taken = await expectRefused(() => putChair('chair-spare', { displayName: 'Lee Chan', homeAreas: ['west', 'north'] }), 409);
      expect(taken.body.detail).toContain('north');
    });

    it("records a cover, and refuses a second cover of the area on those dates or a cover of the chair's own area", async () => {
      const res = await cover('chair-south', { area: 'north', from: '2026-03-09', to: '2026-03-13' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ chairSub: 'chair-south', area: 'north', from: '2026-03-09', to: '2026-03-13' });
      const overlap = await expectRefused(() => cover('chair-spare', { area: 'north', from: '2026-03-13', to: '2026-03-20' }), 409);
      expect(overlap.body.detail).toMatch(/already covers/);
      const own = await expectRefused(() => cover('chair-south', { area: 'east', from: '2026-03-16', to: '2026-03-20' }), 422);
      expect(own.body.rules).toEqual(['coverOfAnotherArea']);
      expect((await cover('chair-spare', { area: 'north', from: '2026-03-14', to: '2026-03-20' })).status).toBe(201);
    });

    it("answers who chairs an area on a date: its chair, or the covering chair while its chair is away", async () => {
      const booked = await book('chair-north', '2026-03-10T10:00:00Z');
      expect(booked.status).toBe(201);
      const away = await absence('chair-north', { from: '2026-03-09', to: '2026-03-13' });
      expect(away.status).toBe(201);
      expect(away.body).toMatchObject({ chairSub: 'chair-north', from: '2026-03-09', to: '2026-03-13' });
      expect(away.body.bookingsToMove).toEqual([expect.objectContaining({ id: booked.body.id, start: '2026-03-10T10:00:00.000Z' })]);

      expect((await whoChairs('north', '2026-03-06')).body).toEqual({
        area: 'north',
        on: '2026-03-06',
        outcome: 'home',
        chair: { sub: 'chair-north', displayName: 'Sam Patel' },
        coveringFor: null,
        reason: null,
      });
      expect((await whoChairs('north', '2026-03-10')).body).toMatchObject({
        outcome: 'cover',
        chair: { sub: 'chair-south', displayName: 'Jo Reyes' },
        coveringFor: 'chair-north',
      });
      expect((await whoChairs('north', '2026-03-16')).body).toMatchObject({ outcome: 'home', chair: { sub: 'chair-north' } });
      const west = await http().get('/chairs').query({ area: 'west', on: '2026-03-10' }).set(await manager());
      expect(west.body).toMatchObject({ outcome: 'none', chair: null, reason: 'no-chair-for-area' });
    });

    it('lets the covering chair see and act on the area\'s records for the cover\'s dates only', async () => {
      const started = await http()
        .post('/workflows')
        .set(await coordinator())
        .send({ type: 'demo-case', input: { reference: 'DEMO-41', area: 'north', receivedAt: '2026-03-02T08:00:00Z' } });
      expect(started.status).toBe(201);
      const person = (await new PeopleApi(t).resolve([child({ externalIds: [{ system: 'case-management', value: 'CM-CHAIR-1' }] })])).body
        .people[0].id;
      const coveringChair = () => as(Role.Chair, { sub: 'chair-south', area: 'south' });
      const look = async () => ({
        workflow: (await http().get(`/workflows/${started.body.id}`).set(await coveringChair())).status,
        person: (await http().get(`/people/${person}`).set(await coveringChair())).status,
        note: (
          await http()
            .post(`/workflows/${started.body.id}/events`)
            .set(await coveringChair())
            .send({ type: 'note.added', text: 'Chair read the file' })
        ).status,
      });

      t.clock.set('2026-03-06T12:00:00Z');
      expect(await look()).toEqual({ workflow: 404, person: 404, note: 404 });
      t.clock.set('2026-03-09T08:00:00Z');
      expect(await look()).toEqual({ workflow: 200, person: 200, note: 200 });
      t.clock.set('2026-03-13T23:30:00Z'); // still the 13th in London
      expect((await look()).workflow).toBe(200);
      t.clock.set('2026-03-14T00:30:00Z');
      expect(await look()).toEqual({ workflow: 404, person: 404, note: 404 });
      // The cover is the chair's: on a co-ordinator's token the same person gets only their own area.
      t.clock.set('2026-03-10T09:00:00Z');
      const sameSubAsCoordinator = await http()
        .get(`/workflows/${started.body.id}`)
        .set(await as(Role.Coordinator, { sub: 'chair-south', area: 'south' }));
      expect(sameSubAsCoordinator.status).toBe(404);
    });
  });

  describe('bookings', () => {
    beforeAll(() => t.clock.set('2026-03-16T08:00:00Z'));

    it('refuses a chair booked twice at once: the database says no (409), and a touching booking is fine', async () => {
      const first = await book('chair-south', '2026-03-17T10:00:00Z', 90);
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ sub: 'chair-south', start: '2026-03-17T10:00:00.000Z', end: '2026-03-17T11:30:00.000Z' });
      const twice = await expectRefused(() => book('chair-south', '2026-03-17T11:00:00Z', 60), 409);
      expect(twice.body).toMatchObject({ constraint: 'chair_booking_no_overlap', detail: expect.stringMatching(/already booked/) });
      expect((await book('chair-south', '2026-03-17T11:30:00Z', 60)).status).toBe(201);
      // Not the application's check: the same insert by hand is refused by the exclusion constraint.
      await expect(
        query(
          t.databaseUrl,
          `INSERT INTO chair_booking (id, chair_sub, during, created_at, created_by)
           VALUES (gen_random_uuid(), 'chair-south', tstzrange('2026-03-17T10:30:00Z', '2026-03-17T10:45:00Z'), now(), 'psql')`,
        ),
      ).rejects.toMatchObject({ code: '23P01', constraint: 'chair_booking_no_overlap' });
    });

    it('gives one of several requests racing for the same time the booking, and the others 409', async () => {
      const answers = await Promise.all(
        ['2026-03-23T10:00:00Z', '2026-03-23T10:15:00Z', '2026-03-23T10:30:00Z', '2026-03-23T11:00:00Z'].map((start) =>
          book('chair-south', start, 90),
        ),
      );
      expect(answers.map((res) => res.status).sort()).toEqual([201, 409, 409, 409]);
      const held = await query(
        t.databaseUrl,
        `SELECT count(*)::int AS n FROM chair_booking WHERE chair_sub = 'chair-south' AND cancelled_at IS NULL
            AND during && tstzrange('2026-03-23T00:00:00Z', '2026-03-24T00:00:00Z')`,
      );
      expect(held).toEqual([{ n: 1 }]);
    });

    it('lets no race pass the daily limit', async () => {
      const answers = await Promise.all(
        ['09:00', '10:30', '12:00', '13:30', '15:00'].map((time) => book('chair-south', `2026-03-24T${time}:00Z`, 60)),
      );
      expect(answers.map((res) => res.status).sort()).toEqual([201, 201, 201, 422, 422]);
    });

    it('frees the time when a booking is cancelled, and cancelling again changes nothing', async () => {
      const booking = await book('chair-south', '2026-03-18T14:00:00Z');
      const cancelled = await http().delete(`/chairs/chair-south/bookings/${booking.body.id}`).set(await coordinator());
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.cancelledAt).toBe('2026-03-16T08:00:00.000Z');
      const before = await countRows(t.databaseUrl);
      const again = await http().delete(`/chairs/chair-south/bookings/${booking.body.id}`).set(await coordinator());
      expect(again.body).toEqual(cancelled.body);
      expect(await countRows(t.databaseUrl)).toEqual(before);
      expect((await book('chair-south', '2026-03-18T14:00:00Z')).status).toBe(201);
    });

    it('refuses a minute taker booked twice at once, in the database too', async () => {
      const bookings = t.app.get(BookingsStore);
      const at = (iso: string) => new Date(iso);
      const input = { sub: 'coord-minutes', workflowId: null, by: 'coord-north' };
      await bookings.bookMinuteTaker({ ...input, start: at('2026-03-17T10:00:00Z'), end: at('2026-03-17T11:30:00Z') });
      const before = await countRows(t.databaseUrl);
      const refusal = await bookings
        .bookMinuteTaker({ ...input, start: at('2026-03-17T11:00:00Z'), end: at('2026-03-17T12:00:00Z') })
        .catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(DomainError);
      expect(refusal).toMatchObject({ code: 'conflict', extensions: { constraint: 'minute_taker_booking_no_overlap' } });
      expect(await countRows(t.databaseUrl)).toEqual(before);
      await expect(
        query(
          t.databaseUrl,
          `INSERT INTO minute_taker_booking (id, minute_taker_sub, during, created_at, created_by)
           VALUES (gen_random_uuid(), 'coord-minutes', tstzrange('2026-03-17T11:15:00Z', '2026-03-17T11:20:00Z'), now(), 'psql')`,
        ),
      ).rejects.toMatchObject({ code: '23P01' });
    });

    it('refuses a booking on a day the chair is away, or at the daily limit (422)', async () => {
      expect((await absence('chair-spare', { from: '2026-03-20', to: '2026-03-20' })).status).toBe(201);
      const away = await expectRefused(() => book('chair-spare', '2026-03-20T10:00:00Z'), 422);
      expect(away.body.rules).toEqual(['chairNotAway']);
      for (const start of ['2026-03-19T09:30:00Z', '2026-03-19T11:00:00Z', '2026-03-19T12:30:00Z']) {
        expect((await book('chair-spare', start)).status).toBe(201);
      }
      const limit = await expectRefused(() => book('chair-spare', '2026-03-19T14:00:00Z'), 422);
      expect(limit.body.rules).toEqual(['chairDailyLimit']);
    });
  });

  describe('free slots', () => {
    it('skips weekends, bank holidays, absences, bookings and days at the daily limit, in London time', async () => {
      // Wednesday 1 April 2026, in summer time: 09:30 in London is 08:30 UTC.
      t.clock.set('2026-04-01T07:00:00Z');
      expect((await absence('chair-north', { from: '2026-04-08', to: '2026-04-08' })).status).toBe(201);
      expect((await book('chair-north', '2026-04-02T08:30:00Z')).status).toBe(201); // 09:30-11:00 London
      for (const start of ['2026-04-09T08:00:00Z', '2026-04-09T14:00:00Z', '2026-04-09T15:30:00Z']) {
        expect((await book('chair-north', start, 30)).status).toBe(201);
      }
      const res = await slots('chair-north', { until: '2026-04-10' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ chair: 'chair-north', until: '2026-04-10', minutes: 90 });
      const byDay: Record<string, string[]> = {};
      for (const slot of res.body.slots as { start: string; end: string }[]) {
        (byDay[slot.start.slice(0, 10)] ??= []).push(slot.start.slice(11, 16));
      }
      expect(byDay).toEqual({
        '2026-04-01': ['08:30', '10:00', '11:30', '13:00'],
        '2026-04-02': ['10:00', '11:30', '13:00'], // the booking holds 08:30-10:00
        // 3 April Good Friday, 4-5 weekend, 6 Easter Monday
        '2026-04-07': ['08:30', '10:00', '11:30', '13:00'],
        // 8 April away, 9 April at the daily limit of 3
        '2026-04-10': ['08:30', '10:00', '11:30', '13:00'],
      });
      expect(res.body.slots[0]).toEqual({ start: '2026-04-01T08:30:00.000Z', end: '2026-04-01T10:00:00.000Z' });
    });

    it('fits a conference of another length, and offers nothing that has already started', async () => {
      t.clock.set('2026-04-07T09:45:00Z'); // 10:45 in London
      const res = await slots('chair-north', { until: '2026-04-07', minutes: 180 });
      expect(res.body.slots).toEqual([{ start: '2026-04-07T10:00:00.000Z', end: '2026-04-07T13:00:00.000Z' }, { start: '2026-04-07T11:30:00.000Z', end: '2026-04-07T14:30:00.000Z' }]);
    });
  });

  describe('who may', () => {
    it('keeps chairs\' records and cover to managers, absences to co-ordinators and managers, diaries from social workers', async () => {
      await expectRefused(async () => http().get('/chairs/chair-north').set(await as(Role.Chair, { area: 'north' })), 403);
      await expectRefused(
        async () =>
          http()
            .put('/chairs/chair-north')
            .set(await coordinator())
            .send({ displayName: 'X', email: 'x@council.example', homeAreas: [] }),
        403,
      );
      await expectRefused(
        async () =>
          http()
            .post('/chairs/chair-north/absences')
            .set(await as(Role.Chair, { area: 'north' }))
            .send({ from: '2026-05-01', to: '2026-05-01' }),
        403,
      );
      await expectRefused(
        async () => http().get('/chairs/chair-north/slots').query({ until: '2026-04-10' }).set(await as(Role.SocialWorker, { area: 'north' })),
        403,
      );
    });

    it("answers 404 for who chairs another area than the caller's", async () => {
      await expectRefused(
        async () => http().get('/chairs').query({ area: 'south', on: '2026-04-07' }).set(await coordinator()),
        404,
      );
    });
  });

  describe('bad input to every endpoint: problem+json, nothing written', () => {
    beforeAll(() => t.clock.set('2026-04-13T08:00:00Z'));
    const MISSING = '7a0b3d4e-5f60-4718-8a9b-0c1d2e3f4a5b';

    it.each([
      ['no email', { displayName: 'A', homeAreas: [] }],
      ['a bad email', { displayName: 'A', email: 'not an address', homeAreas: [] }],
      ['areas that are not a list', { displayName: 'A', email: 'a@council.example', homeAreas: 'north' }],
      ['an area twice', { displayName: 'A', email: 'a@council.example', homeAreas: ['west', 'west'] }],
      ['a blank name', { displayName: '  ', email: 'a@council.example', homeAreas: [] }],
      ['an unknown field', { displayName: 'A', email: 'a@council.example', homeAreas: [], phone: '1' }],
    ])('PUT /chairs/:sub with %s: 400', async (_, body) => {
      await expectRefused(async () => http().put('/chairs/chair-new').set(await manager()).send(body), 400);
    });

    it.each(['with%20space', '%00', 'x'.repeat(256)])('any /chairs/%s route with a bad subject id: 400', async (sub) => {
      await expectRefused(async () => http().get(`/chairs/${sub}`).set(await manager()), 400);
      await expectRefused(async () => http().get(`/chairs/${sub}/slots`).query({ until: '2026-04-20' }).set(await manager()), 400);
    });

    it.each([
      ['to before from', { area: 'west', from: '2026-05-10', to: '2026-05-01' }],
      ['an impossible date', { area: 'west', from: '2026-02-30', to: '2026-03-01' }],
      ['more than a year', { area: 'west', from: '2026-05-01', to: '2027-05-03' }],
      ['no area', { from: '2026-05-01', to: '2026-05-02' }],
    ])('POST /chairs/:sub/cover with %s: 400', async (_, body) => {
      await expectRefused(() => cover('chair-spare', body), 400);
    });

    it.each([
      ['to before from', { from: '2026-05-10', to: '2026-05-01' }],
      ['a date-time', { from: '2026-05-01T00:00:00Z', to: '2026-05-02' }],
      ['an unknown field', { from: '2026-05-01', to: '2026-05-02', reason: 'sick' }],
    ])('POST /chairs/:sub/absences with %s: 400', async (_, body) => {
      await expectRefused(() => absence('chair-spare', body), 400);
    });

    it('cover, absences, slots and bookings of a chair not on record: 404', async () => {
      await expectRefused(() => cover('chair-nobody', { area: 'west', from: '2026-05-01', to: '2026-05-02' }), 404);
      await expectRefused(() => absence('chair-nobody', { from: '2026-05-01', to: '2026-05-02' }), 404);
      await expectRefused(() => slots('chair-nobody', { until: '2026-04-20' }), 404);
      await expectRefused(() => book('chair-nobody', '2026-04-14T09:30:00Z'), 404);
      await expectRefused(async () => http().get('/chairs/chair-nobody').set(await manager()), 404);
    });

    it.each([
      ['no area', {}],
      ['a bad area', { area: 'no/rth' }],
      ['a bad date', { area: 'north', on: '2026-13-01' }],
    ])('GET /chairs with %s: 400', async (_, params) => {
      await expectRefused(async () => http().get('/chairs').query(params).set(await coordinator()), 400);
    });

    it.each([
      ['no until', {}],
      ['until in the past', { until: '2026-04-10' }],
      ['until more than a year ahead', { until: '2027-06-01' }],
      ['minutes that are not a number', { until: '2026-04-20', minutes: 'long' }],
      ['minutes longer than office hours', { until: '2026-04-20', minutes: 421 }],
      ['minutes too short', { until: '2026-04-20', minutes: 5 }],
    ])('GET /chairs/:sub/slots with %s: 400', async (_, params) => {
      await expectRefused(() => slots('chair-north', params), 400);
    });

    it.each([
      ['no offset', { start: '2026-04-14T09:30:00', minutes: 90 }],
      ['a date only', { start: '2026-04-14', minutes: 90 }],
      ['minutes too long', { start: '2026-04-14T09:30:00Z', minutes: 601 }],
      ['minutes not a whole number', { start: '2026-04-14T09:30:00Z', minutes: 90.5 }],
      ['a start in the past', { start: '2026-04-10T09:30:00Z', minutes: 90 }],
      ['a booking past midnight', { start: '2026-04-14T22:00:00Z', minutes: 180 }],
      ['a workflow id (bookings of conferences are made by the conference)', { start: '2026-04-14T09:30:00Z', minutes: 90, workflowId: MISSING }],
    ])('POST /chairs/:sub/bookings with %s: 400', async (_, body) => {
      await expectRefused(async () => http().post('/chairs/chair-north/bookings').set(await coordinator()).send(body), 400);
    });

    it('DELETE /chairs/:sub/bookings/:id with a bad id is 400, a missing one 404', async () => {
      await expectRefused(async () => http().delete('/chairs/chair-north/bookings/nope').set(await coordinator()), 400);
      await expectRefused(async () => http().delete(`/chairs/chair-north/bookings/${MISSING}`).set(await coordinator()), 404);
    });
  });
});
