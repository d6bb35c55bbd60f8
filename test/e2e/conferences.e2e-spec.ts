import request from 'supertest';
import { DEFAULT_STATUTORY_SETTINGS } from '@app/workflows';
import { startTestApp, TestApp } from '../support/app';
import { authorization, Role, type TestTokenOptions } from '../support/auth';
import { countRows, query } from '../support/rows';

/**
 * Conferences through HTTP against the real service, PostgreSQL and Redis: the request with its
 * household resolved through the person store, the due date the timescales compute, the chair by
 * the rule (or the cover), the booking in the chair's and minute taker's diaries with the database
 * refusing a double booking, a late date waiting for both agreements, moves and a cancellation.
 */
describe('Conferences', () => {
  let t: TestApp;
  const people: Record<string, string> = {};

  const http = () => request(t.app.getHttpServer());
  const as = (role: Role, token: TestTokenOptions = {}) => authorization(t, role, token);
  const manager = () => as(Role.Manager, { sub: 'manager-1' });
  const coordinator = () => as(Role.Coordinator, { sub: 'coord-north', area: 'north' });
  const socialWorker = () => as(Role.SocialWorker, { sub: 'sw-north', area: 'north' });
  const teamManager = () => as(Role.TeamManager, { sub: 'tm-north', area: 'north' });
  const chairNorth = () => as(Role.Chair, { sub: 'chair-north', area: 'north' });

  const post = async (path: string, body: unknown, auth: Record<string, string>, key?: string) => {
    const req = http().post(path).set(auth);
    if (key) req.set('Idempotency-Key', key);
    return req.send(body as object);
  };

  /** Refused with `status` as problem+json, and no table gains or loses a row. */
  async function expectRefused(
    act: () => Promise<request.Response>,
    status: number,
  ): Promise<request.Response> {
    const before = await countRows(t.databaseUrl);
    const res = await act();
    expect({ status: res.status, body: res.body }).toMatchObject({
      status,
      body: { status, type: expect.any(String) },
    });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await countRows(t.databaseUrl)).toEqual(before);
    return res;
  }

  const dueDateOf = async (kind: string, from: string) =>
    (
      await http()
        .get(`/timescales/${kind}`)
        .query({ from })
        .set(await coordinator())
    ).body.dueDate as string;

  const child = (n: string, dateOfBirth: string) => ({
    person: {
      kind: 'child',
      givenName: `Child${n}`,
      familyName: 'Okafor',
      dateOfBirth,
      externalIds: [{ system: 'case-management', value: `CM-C${n}` }],
    },
  });

  /** An ICPC for three children (13, 8 and 3), two parents, the mother with a confidential address. */
  function icpc(household: string, overrides: Record<string, unknown> = {}) {
    return {
      kind: 'initial',
      area: 'north',
      householdId: household,
      children: [
        child(`${household}-1`, '2013-06-01'),
        child(`${household}-2`, '2018-09-12'),
        child(`${household}-3`, '2023-11-30'),
      ],
      parentsAndCarers: [
        {
          person: {
            kind: 'adult',
            givenName: 'Amira',
            familyName: 'Okafor',
            confidentialAddress: true,
            address: { lines: ['1 Hidden Way'], postcode: 'N1 1AA' },
            interpreterLanguage: 'bfi',
            contactPoints: [{ system: 'email', value: `amira.${household}@example.org` }],
            externalIds: [{ system: 'case-management', value: `CM-M-${household}` }],
          },
          relationship: 'mother',
          parentalResponsibility: true,
          children: [0, 1, 2],
        },
        {
          person: {
            kind: 'adult',
            givenName: 'Daniel',
            familyName: 'Okafor',
            externalIds: [{ system: 'case-management', value: `CM-F-${household}` }],
          },
          relationship: 'father',
          parentalResponsibility: true,
          children: [1, 2],
        },
      ],
      strategyDiscussions: [
        { id: 'sd-1', heldOn: '2027-01-28', startedSection47: false },
        { id: 'sd-2', heldOn: '2027-02-01', startedSection47: true },
      ],
      section47StartDate: '2027-02-01',
      socialWorker: {
        personId: people.socialWorker,
        teamId: 'team-n1',
        teamManagerPersonId: people.teamManager,
        agencyId: 'csc:north',
      },
      professionals: [
        {
          personId: people.police,
          agencyId: 'police:met',
          professionalGroup: 'police',
          directContactWith: [0],
        },
        {
          personId: people.gp,
          agencyId: 'gp:park-road',
          professionalGroup: 'gp',
          directContactWith: [0, 1, 2],
        },
      ],
      ...overrides,
    };
  }

  const requestConference = async (body: unknown, key?: string) => {
    const res = await post('/conferences', body, await socialWorker(), key);
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    return res.body as { id: string; reference: string; state: string };
  };
  const conference = async (id: string) =>
    (
      await http()
        .get(`/conferences/${id}`)
        .set(await coordinator())
    ).body;
  const schedule = (date: string, startTime = '10:00', extra: Record<string, unknown> = {}) => ({
    date,
    startTime,
    durationMinutes: 90,
    venueId: 'room-town-hall-2',
    minuteTakerSub: 'minute-taker-1',
    ...extra,
  });
  const activeBookings = (table: 'chair_booking' | 'minute_taker_booking', workflowId: string) =>
    query(
      t.databaseUrl,
      `SELECT lower(during) AS start FROM ${table} WHERE workflow_id = $1 AND cancelled_at IS NULL`,
      [workflowId],
    );

  beforeAll(async () => {
    t = await startTestApp({ PROCESS_ROLE: 'api' });
    t.clock.set('2027-02-02T10:00:00Z'); // Tuesday; the strategy discussion was on Monday 1 February.
    const chairs = [
      ['chair-north', ['north']],
      ['chair-cover', []],
      ['chair-spare', []],
    ] as const;
    for (const [sub, homeAreas] of chairs) {
      const res = await http()
        .put(`/chairs/${sub}`)
        .set(await manager())
        .send({ displayName: `Chair ${sub}`, email: `${sub}@council.example`, homeAreas });
      expect(res.status).toBe(200);
    }
    const staff = await post(
      '/people',
      {
        area: 'north',
        people: ['socialWorker', 'teamManager', 'police', 'gp'].map((who) => ({
          kind: 'adult',
          givenName: who,
          familyName: 'Staff',
          contactPoints: [{ system: 'email', value: `${who}@agency.example` }],
          externalIds: [{ system: 'staff', value: who }],
        })),
      },
      await coordinator(),
    );
    expect(staff.status).toBe(200);
    ['socialWorker', 'teamManager', 'police', 'gp'].forEach(
      (who, i) => (people[who] = staff.body.people[i].id),
    );
  });
  afterAll(() => t?.close());

  it('takes an ICPC request for a household of three children, due on the date GET /timescales/icpc gives', async () => {
    const started = await requestConference(icpc('HH-1'), 'icpc-hh-1');
    expect(started.reference).toMatch(/^CPC-2027-\d{6}$/);
    // The same key again: the first answer, no second conference.
    const again = await post('/conferences', icpc('HH-1'), await socialWorker(), 'icpc-hh-1');
    expect(again.body).toMatchObject({ id: started.id, reference: started.reference });

    const view = await conference(started.id);
    expect(view).toMatchObject({ kind: 'initial', reference: started.reference, area: 'north' });
    expect(view.dueDate).toBe(await dueDateOf('icpc', '2027-02-01'));
    expect(view.dueDate).toBe('2027-02-22');
    expect(view.flags.lateRequest).toBe(false);
    const { children, parentsAndCarers } = view.conference;
    // The 13-year-old is of the invitation age on the due date; the others are not.
    expect(children.map((c: { ageBand: string }) => c.ageBand)).toEqual([
      'invitation-age',
      'under-invitation-age',
      'under-invitation-age',
    ]);
    expect(parentsAndCarers).toMatchObject([
      { relationship: 'mother', confidentialAddress: true },
      { relationship: 'father', confidentialAddress: false },
    ]);
    // The workflow holds ids and flags: no name, date of birth, address or email from the person store.
    const journal = JSON.stringify(
      await query(t.databaseUrl, `SELECT payload FROM workflow_journal WHERE workflow_id = $1`, [started.id]),
    );
    for (const personal of ['Okafor', 'Amira', '2013-06-01', 'Hidden Way', 'amira.HH-1@example.org']) {
      expect(JSON.stringify(view)).not.toContain(personal);
      expect(journal).not.toContain(personal);
    }
    const list = await http()
      .get('/conferences')
      .set(await coordinator());
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toContain(started.id);
  });

  it('assigns the area chair, books chair and minute taker with the schedule, and refuses a double booking with 409', async () => {
    const first = await requestConference(icpc('HH-2'));
    const chaired = await post(`/conferences/${first.id}/chair`, {}, await coordinator(), 'chair-hh-2');
    expect(chaired.status).toBe(200);
    expect((await conference(first.id)).conference.chair).toMatchObject({
      sub: 'chair-north',
      selection: 'area-chair',
    });

    const booked = await post(
      `/conferences/${first.id}/schedule`,
      schedule('2027-02-18'),
      await coordinator(),
      'sched-hh-2',
    );
    expect(booked.status).toBe(200);
    expect(booked.body.state).toMatch(/booked/);
    expect(await activeBookings('chair_booking', first.id)).toEqual([
      { start: new Date('2027-02-18T10:00:00Z') },
    ]);
    expect(await activeBookings('minute_taker_booking', first.id)).toHaveLength(1);

    const second = await requestConference(icpc('HH-3'));
    await post(`/conferences/${second.id}/chair`, {}, await coordinator());
    // The same chair at an overlapping time: the exclusion constraint refuses it, and the event is undone.
    const refused = await expectRefused(
      async () =>
        post(
          `/conferences/${second.id}/schedule`,
          schedule('2027-02-18', '11:00', { minuteTakerSub: 'minute-taker-2' }),
          await coordinator(),
        ),
      409,
    );
    expect(refused.body.detail).toMatch(/already booked/);
    expect((await conference(second.id)).state).toMatch(/awaitingBooking/);
  });

  it("offers the chair's free slots up to the due date, agrees the list, takes answers and reports", async () => {
    const c = await requestConference(icpc('HH-12'));
    // No chair yet: nothing to offer.
    await expectRefused(
      async () =>
        http()
          .get('/conferences/slots')
          .query({ conference: c.id })
          .set(await coordinator()),
      409,
    );
    await post(`/conferences/${c.id}/chair`, {}, await coordinator());
    const offered = await http()
      .get('/conferences/slots')
      .query({ conference: c.id, minutes: 90 })
      .set(await coordinator());
    expect(offered.status).toBe(200);
    expect(offered.body).toMatchObject({
      chair: 'chair-north',
      until: await dueDateOf('icpc', '2027-02-01'),
      minutes: 90,
    });
    expect(offered.body.slots.length).toBeGreaterThan(0);
    expect(offered.body.slots.every((slot: { end: string }) => slot.end <= '2027-02-23')).toBe(true);
    const slot = offered.body.slots[offered.body.slots.length - 1] as { start: string };
    const start = new Date(slot.start);
    const london = start.toLocaleString('en-GB', { timeZone: 'Europe/London', hour12: false });
    const [day, month, year] = london.slice(0, 10).split('/');
    const booked = await post(
      `/conferences/${c.id}/schedule`,
      schedule(`${year}-${month}-${day}`, london.slice(12, 17), { minuteTakerSub: 'minute-taker-3' }),
      await coordinator(),
    );
    expect(booked.status).toBe(200);
    // That slot is no longer offered.
    const after = await http()
      .get('/conferences/slots')
      .query({ conference: c.id, minutes: 90 })
      .set(await coordinator());
    expect(after.body.slots.map((s: { start: string }) => s.start)).not.toContain(slot.start);

    // Only the conference's own chair agrees the list.
    const otherChair = await as(Role.Chair, { sub: 'chair-spare', area: 'north' });
    await expectRefused(async () => post(`/conferences/${c.id}/invitees/agreement`, {}, otherChair), 422);
    const agreed = await post(`/conferences/${c.id}/invitees/agreement`, {}, await chairNorth());
    expect(agreed.status).toBe(200);
    const invitees = (await conference(c.id)).conference.invitees as { personId: string; status: string }[];
    expect(invitees.length).toBeGreaterThan(0);
    expect(invitees.every((invitee) => invitee.status !== 'proposed')).toBe(true);

    // Not sent yet (the mail dispatcher reports sendings back): an answer waits for the invitation.
    const early = await expectRefused(
      async () =>
        post(
          `/conferences/${c.id}/invitations/${people.gp}/response`,
          { answer: 'apologies', withReport: true },
          await coordinator(),
        ),
      422,
    );
    expect(early.body.rules).toContain('invitationCanBeAnswered');
    const report = await post(
      `/conferences/${c.id}/reports`,
      { author: 'agency', agencyId: 'gp:park-road', caseManagementReference: 'DOC-7781' },
      await coordinator(),
    );
    expect(report.status).toBe(200);
    const asked = await post(
      `/conferences/${c.id}/reports/gp:park-road/sharing`,
      { reason: 'Health information about the mother' },
      await coordinator(),
    );
    expect(asked.status).toBe(200);
    const decided = await post(
      `/conferences/${c.id}/reports/gp:park-road/sharing`,
      { withhold: true, reason: 'Agreed: third-party health data' },
      await chairNorth(),
    );
    expect(decided.status).toBe(200);
    const sw = await post(
      `/conferences/${c.id}/reports`,
      { author: 'social-worker', caseManagementReference: 'DOC-SW-1' },
      await socialWorker(),
    );
    expect(sw.status).toBe(200);
    const shared = await post(
      `/conferences/${c.id}/social-worker-report/shared`,
      { sharedOn: '2027-02-02' },
      await socialWorker(),
    );
    expect(shared.status).toBe(200);
    const view = (await conference(c.id)).conference;
    expect(view.reports.find((r: { key: string }) => r.key === 'gp:park-road')).toMatchObject({
      received: { caseManagementReference: 'DOC-7781' },
      withholding: { decision: { withhold: true } },
    });
    expect(view.reports.find((r: { key: string }) => r.key === 'social-worker')).toMatchObject({
      sharedWithParentsOn: '2027-02-02',
    });
  });

  it('refuses a late ICPC date until the team manager and the chair have both agreed it', async () => {
    const late = await requestConference(icpc('HH-4'));
    await post(`/conferences/${late.id}/chair`, {}, await coordinator());
    const dueDate = (await conference(late.id)).dueDate;
    expect(dueDate).toBe(await dueDateOf('icpc', '2027-02-01'));
    // After the due date without a reason: refused by the machine's rule, nothing written.
    await expectRefused(
      async () =>
        post(`/conferences/${late.id}/schedule`, schedule('2027-02-24', '14:00'), await coordinator()),
      422,
    );

    const proposed = await post(
      `/conferences/${late.id}/schedule`,
      schedule('2027-02-24', '14:00', { lateReason: 'Father in hospital until 23 February' }),
      await coordinator(),
    );
    expect(proposed.status).toBe(200);
    expect(proposed.body.state).not.toMatch(/booked/);
    expect(await activeBookings('chair_booking', late.id)).toEqual([]);

    // A social worker may not agree it; the team manager may, and it still waits for the chair.
    await expectRefused(
      async () => post(`/conferences/${late.id}/late-approvals`, {}, await socialWorker()),
      403,
    );
    const byManager = await post(`/conferences/${late.id}/late-approvals`, {}, await teamManager());
    expect(byManager.status).toBe(200);
    expect(byManager.body.state).not.toMatch(/booked/);
    expect(await activeBookings('chair_booking', late.id)).toEqual([]);

    const byChair = await post(`/conferences/${late.id}/late-approvals`, {}, await chairNorth());
    expect(byChair.status).toBe(200);
    expect(byChair.body.state).toMatch(/booked/);
    expect(await activeBookings('chair_booking', late.id)).toEqual([
      { start: new Date('2027-02-24T14:00:00Z') },
    ]);
    expect((await conference(late.id)).flags.lateConference).toBe(true);
  });

  it('works out a pre-birth conference from the expected date of delivery in the person store', async () => {
    const preBirth = await requestConference({
      ...icpc('HH-8'),
      kind: 'pre-birth',
      children: [
        {
          person: {
            kind: 'unborn-child',
            familyName: 'Okafor',
            expectedDeliveryDate: '2027-07-16',
            externalIds: [{ system: 'case-management', value: 'CM-U8' }],
          },
          motherIndex: 0,
        },
      ],
      parentsAndCarers: icpc('HH-8').parentsAndCarers.map((p) => ({ ...p, children: [0] })),
      professionals: [
        {
          personId: people.police,
          agencyId: 'health:midwifery',
          professionalGroup: 'midwifery',
          directContactWith: [],
        },
        {
          personId: people.gp,
          agencyId: 'health:hv',
          professionalGroup: 'health-visiting',
          directContactWith: [],
        },
      ],
    });
    const view = await conference(preBirth.id);
    // Latest date week 34 (4 June); by default that sets aside the ICPC clock from the strategy discussion.
    expect(DEFAULT_STATUTORY_SETTINGS.preBirthSetsAsideIcpcWorkingDays).toBe(true);
    const latest = await dueDateOf('pre-birth', '2027-07-16');
    expect(latest).toBe('2027-06-04');
    expect(view.dueDate).toBe(latest);
    expect(view.conference.preBirthClock.idealDate).toBe(await dueDateOf('pre-birth-ideal', '2027-07-16'));
    expect(JSON.stringify(view)).not.toContain('2027-07-16');
  });

  it('moves a conference twice (flagged) and cancels another, freeing the diaries', async () => {
    const moved = await requestConference(icpc('HH-9'));
    await post(`/conferences/${moved.id}/chair`, {}, await coordinator());
    await post(`/conferences/${moved.id}/schedule`, schedule('2027-02-15', '09:30'), await coordinator());
    for (const [date, n] of [
      ['2027-02-16', 1],
      ['2027-02-17', 2],
    ] as const) {
      const res = await post(
        `/conferences/${moved.id}/reschedule`,
        { ...schedule(date, '09:30'), reason: `Move ${n}: venue unavailable` },
        await coordinator(),
      );
      expect(res.status).toBe(200);
    }
    const view = await conference(moved.id);
    expect(view.flags.movedRepeatedly).toBe(true);
    expect(view.conference.booking.sequence).toBe(2);
    expect(await activeBookings('chair_booking', moved.id)).toEqual([
      { start: new Date('2027-02-17T09:30:00Z') },
    ]);

    const cancelled = await post(
      `/conferences/${moved.id}/cancellation`,
      { reason: 'Family moved out of the area' },
      await coordinator(),
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.state).toBe('cancelled');
    expect(await activeBookings('chair_booking', moved.id)).toEqual([]);
    expect(await activeBookings('minute_taker_booking', moved.id)).toEqual([]);
  });

  it('withdraws a request with the census reason', async () => {
    const withdrawn = await requestConference(icpc('HH-10'));
    const res = await post(
      `/conferences/${withdrawn.id}/withdrawal`,
      { reason: 'icpc-not-required' },
      await socialWorker(),
    );
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('withdrawn');
  });

  // Last: it moves the clock on.
  it("gives the covering chair when the area's chair is away, who then sees the conference", async () => {
    const res = await http()
      .post('/chairs/chair-north/absences')
      .set(await coordinator())
      .send({ from: '2027-03-08', to: '2027-03-12' });
    expect(res.status).toBe(201);
    const cover = await http()
      .post('/chairs/chair-cover/cover')
      .set(await manager())
      .send({ area: 'north', from: '2027-02-02', to: '2027-03-12' });
    expect(cover.status).toBe(201);
    // A transfer-in is due 15 working days after this authority was told.
    const transfer = await requestConference(
      icpc('HH-5', {
        kind: 'transfer-in',
        strategyDiscussions: [],
        section47StartDate: undefined,
        transfer: { transferringAuthorityId: 'la-camden', notifiedOn: '2027-02-01' },
      }),
    );
    const view = await conference(transfer.id);
    expect(view.dueDate).toBe(await dueDateOf('transfer-in', '2027-02-01'));
    // A discussion on Friday 19 February: the ICPC is due on 12 March, in the week the area's chair is away.
    t.clock.set('2027-02-19T10:00:00Z');
    const covering = await as(Role.Chair, { sub: 'chair-cover', area: 'south' });
    const away = await requestConference(
      icpc('HH-7', {
        strategyDiscussions: [{ id: 'sd-9', heldOn: '2027-02-19', startedSection47: true }],
        section47StartDate: '2027-02-19',
      }),
    );
    const awayView = await conference(away.id);
    expect(awayView.dueDate).toBe(await dueDateOf('icpc', '2027-02-19'));
    expect(awayView.dueDate).toBe('2027-03-12');
    expect((await post(`/conferences/${away.id}/chair`, {}, await coordinator())).status).toBe(200);
    expect((await conference(away.id)).conference.chair).toMatchObject({
      sub: 'chair-cover',
      selection: 'cover',
    });
    const seen = await http().get(`/conferences/${away.id}`).set(covering);
    expect(seen.status).toBe(200);
  });

  it('records a request made after the request clock as late (the clock is now on 19 February)', async () => {
    const late = await requestConference(icpc('HH-13'));
    const view = await conference(late.id);
    expect(await dueDateOf('icpc-request', '2027-02-01')).toBe('2027-02-02');
    expect(view.flags.lateRequest).toBe(true);
    expect(view.dueDate).toBe(await dueDateOf('icpc', '2027-02-01'));
  });

  describe('refuses bad input with problem+json and writes nothing', () => {
    it.each([
      [
        'a strategy discussion after the request',
        {
          strategyDiscussions: [{ id: 'sd-x', heldOn: '2027-12-01', startedSection47: true }],
          section47StartDate: '2027-12-01',
        },
      ],
      [
        'no strategy discussion that started the enquiry',
        { strategyDiscussions: [{ id: 'sd-x', heldOn: '2027-02-01', startedSection47: false }] },
      ],
      ['an impossible date', { section47StartDate: '2027-02-30' }],
      ['an unknown field', { nickname: 'x' }],
      [
        'a parent naming a child not on the request',
        { parentsAndCarers: [{ ...icpc('HH-X').parentsAndCarers[0], children: [7] }] },
      ],
      [
        'a family member without an external id',
        { children: [{ person: { kind: 'child', givenName: 'A', dateOfBirth: '2015-01-01' } }] },
      ],
      [
        'a transfer on an initial conference',
        { transfer: { transferringAuthorityId: 'la-x', notifiedOn: '2027-02-01' } },
      ],
      [
        'a professional not on record',
        {
          professionals: [
            {
              personId: '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b',
              agencyId: 'police:met',
              professionalGroup: 'police',
              directContactWith: [],
            },
          ],
        },
      ],
    ])('POST /conferences with %s: 400', async (_, overrides) => {
      await expectRefused(
        async () => post('/conferences', icpc('HH-BAD', overrides), await socialWorker()),
        400,
      );
    });

    it('refuses a request in another area with 403', async () => {
      await expectRefused(
        async () => post('/conferences', icpc('HH-BAD', { area: 'south' }), await socialWorker()),
        403,
      );
    });

    it.each([
      ['withdrawal', { reason: 'other' }],
      ['withdrawal', { reason: 'bored' }],
      ['chair', { reason: 'no chair named' }],
      ['chair', { chairSub: 'nobody', reason: 'not a chair' }],
      ['schedule', { ...schedule('2027-02-18'), durationMinutes: 5 }],
      ['schedule', { ...schedule('2027-02-18'), venueId: undefined }],
      ['reschedule', schedule('2027-02-18')],
      ['cancellation', {}],
      ['late-approvals', { extra: true }],
      ['invitees', { personId: 'x', invitedAs: 'professional', directContactWith: [], contactBy: 'email' }],
      ['invitees/agreement', { extra: true }],
      ['invitees/p-1/removal', {}],
      ['invitations/p-1/response', { answer: 'maybe' }],
      ['invitations/p-1/response', { answer: 'attending', withReport: true }],
      ['reports', { author: 'agency', caseManagementReference: 'DOC-1' }],
      ['reports', { author: 'social-worker' }],
      ['reports/not%20an%20agency/sharing', { reason: 'x' }],
      ['reports/police:met/sharing', { withhold: 'yes', reason: 'x' }],
      ['social-worker-report/shared', { sharedOn: '2027-02-31' }],
    ])('POST /conferences/:id/%s with a bad body: 400', async (action, body) => {
      const target = await requestConference(icpc(`HH-B-${action.replace(/[^A-Za-z0-9]+/g, '-')}`));
      const auth =
        action === 'late-approvals'
          ? await teamManager()
          : action === 'invitees/agreement'
            ? await chairNorth()
            : ['withdrawal', 'social-worker-report/shared'].includes(action)
              ? await socialWorker()
              : await coordinator();
      await expectRefused(async () => post(`/conferences/${target.id}/${action}`, body, auth), 400);
    });

    it('answers a conference id that is not a uuid with 400 and a missing one with 404', async () => {
      await expectRefused(
        async () =>
          http()
            .get('/conferences/not-a-uuid')
            .set(await coordinator()),
        400,
      );
      await expectRefused(
        async () =>
          http()
            .get('/conferences/6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b')
            .set(await coordinator()),
        404,
      );
    });

    it('hides a conference from a social worker of another area (404)', async () => {
      const target = await requestConference(icpc('HH-11'));
      const other = await as(Role.SocialWorker, { sub: 'sw-south', area: 'south' });
      await expectRefused(async () => http().get(`/conferences/${target.id}`).set(other), 404);
    });
  });
});
