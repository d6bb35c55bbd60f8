import type { AllegationOutcome, RedirectRoute } from '@app/workflows';
import {
  AsvApi,
  contactReceived,
  expectStatus,
  FRIDAY_RECEIPT,
  redirect,
  referralAtLado,
  thresholdMet,
} from '../fixtures/asv';
import { startTestApp, TestApp } from '../support/app';
import { countRows, query } from '../support/rows';

/**
 * Every path of an allegation against a member of staff or volunteer, walked through the HTTP
 * API against the real PostgreSQL and Redis, on an injected clock. The API process only: the
 * effects stay in the outbox, where these tests read them.
 */
describe('ASV referrals through the HTTP API: every path', () => {
  let t: TestApp;
  let api: AsvApi;

  beforeAll(async () => {
    t = await startTestApp({ PROCESS_ROLE: 'api' });
    api = new AsvApi(t);
  });
  afterAll(() => t?.close());

  const at = (instant: string) => t.clock.set(instant);
  const eventTypes = async (id: string) =>
    ((await api.history(id)).body as { type: string }[]).map((entry) => entry.type);
  const outboxOf = (id: string) =>
    query<{ effect_type: string; payload: Record<string, unknown> }>(
      t.databaseUrl,
      `SELECT effect_type, payload FROM outbox WHERE workflow_id = $1 ORDER BY id`,
      [id],
    );

  it('receives a contact with a reference from the sequence, opens the screening clock and shows the case', async () => {
    at(FRIDAY_RECEIPT);
    const first = await api.as('coordinator').receive();
    const second = await api.as('coordinator').receive();
    expectStatus(first, 201);
    expect(first.body).toMatchObject({
      type: 'asv-referral',
      machineVersion: 1,
      state: 'screening',
      status: 'open',
      workflowStatus: 'active',
      seq: 1,
      reference: expect.stringMatching(/^ASV-2026-\d{6}$/),
      allowedActions: [
        { action: 'log-contact', method: 'POST', href: `/asv-referrals/${first.body.id}/contacts` },
        { action: 'screen', method: 'POST', href: `/asv-referrals/${first.body.id}/screening` },
      ],
    });
    expect(Number(second.body.reference.slice(-6))).toBe(Number(first.body.reference.slice(-6)) + 1);

    const view = await api.as('coordinator').get(first.body.id);
    expectStatus(view, 200);
    expect(view.body).toMatchObject({
      id: first.body.id,
      reference: first.body.reference,
      area: 'north',
      state: 'screening',
      receivedAt: FRIDAY_RECEIPT,
      overdue: false,
      resolution: null,
      retention: null,
      context: {
        subjectPersonId: 'person-9001',
        childIds: ['child-1', 'child-2'],
        employerIds: ['org-4411', 'org-7302'],
        retentionSettings: { asvRetentionYears: 10, asvNormalRetirementAge: 67 },
        screening: null,
      },
    });
    // Screening within one working day of a Friday receipt: Monday.
    expect(view.body.deadlines).toEqual([
      expect.objectContaining({ kind: 'asv-screening', anchorDate: '2026-11-20', dueDate: '2026-11-23' }),
    ]);
    const generic = await api.as('coordinator').workflow(first.body.id);
    expect(generic.body).toMatchObject({
      type: 'asv-referral',
      reference: first.body.reference,
      state: 'screening',
    });
    expect(await outboxOf(first.body.id)).toEqual([
      {
        effect_type: 'notify',
        payload: {
          type: 'notify',
          role: 'coordinator',
          template: 'asv.received',
          reference: first.body.reference,
        },
      },
      { effect_type: 'deadline.opened', payload: expect.objectContaining({ kind: 'asv-screening' }) },
    ]);
  });

  it.each<[RedirectRoute, string, string[]]>([
    [
      'front-door',
      'A welfare concern about the child at home, not about the staff member',
      ['notify', 'deadline.closed'],
    ],
    [
      'employer-low-level-concern',
      'Conduct below expectations, no harm threshold limb met',
      ['deadline.closed'],
    ],
    ['advice-only', 'Employer sought advice on supervision arrangements', ['deadline.closed']],
  ])('redirects to %s with its reason, closing the screening clock', async (route, reason, effects) => {
    at(FRIDAY_RECEIPT);
    const { body: received } = await api.as('coordinator').receive();
    at('2026-11-23T09:30:00Z');
    const res = await api.as('coordinator').screen(received.id, redirect(route, reason));
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ state: 'redirected', seq: 2 });
    expect(res.body.allowedActions.map((a: { action: string }) => a.action).sort()).toEqual([
      'log-contact',
      'reopen',
    ]);

    const view = await api.as('coordinator').get(received.id);
    expect(view.body).toMatchObject({ state: 'redirected', deadlines: [], resolution: null });
    // What a person means by status; the engine's beside it (a redirect can be reopened).
    expect(view.body).toMatchObject({ status: 'redirected', workflowStatus: 'active' });
    expect(res.body).toMatchObject({ status: 'redirected', workflowStatus: 'active' });
    expect(view.body.context.redirect).toEqual({ route, reason, at: '2026-11-23T09:30:00.000Z' });
    expect(view.body.context.screening).toMatchObject({ thresholdMet: false });
    expect(await eventTypes(received.id)).toEqual(['workflow.started', 'screening.redirected']);
    const outbox = await outboxOf(received.id);
    expect(outbox.slice(2).map((row) => row.effect_type)).toEqual(effects);
    if (route === 'front-door') {
      expect(outbox[2]!.payload).toEqual({
        type: 'notify',
        role: 'front-door',
        template: 'asv.redirected-to-front-door',
        reference: received.reference,
      });
    }
    // The reason is the case record's, never an effect's.
    expect(JSON.stringify(outbox)).not.toContain(reason);
  });

  it('walks threshold met → LADO → meeting → police and disciplinary at once → outcome → DBS and TRA → closed, with contacts along the way', async () => {
    const coordinator = api.as('coordinator');
    const lado = api.as('lado');
    at(FRIDAY_RECEIPT);
    const { body: received } = await coordinator.receive();
    const id = received.id as string;

    at('2026-11-20T12:00:00Z');
    expectStatus(
      await coordinator.logContact(id, {
        with: 'referrer',
        channel: 'phone',
        summary: 'Head teacher called with more detail',
      }),
      200,
    );

    at('2026-11-23T09:00:00Z');
    const screened = await coordinator.screen(id, thresholdMet(['harmedChild', 'criminalOffence']));
    expectStatus(screened, 200);
    expect(screened.body).toMatchObject({ state: 'awaitingLadoReferral' });
    expect(screened.body.allowedActions.map((a: { action: string }) => a.action).sort()).toEqual([
      'log-contact',
      'refer-to-lado',
    ]);

    at('2026-11-23T11:00:00Z');
    const referred = await coordinator.referToLado(id);
    expect(referred.body).toMatchObject({ state: 'ladoInitialConsideration' });
    let view = await lado.get(id);
    expect(view.body.deadlines).toEqual([
      expect.objectContaining({
        kind: 'allegation-meeting',
        anchorDate: '2026-11-23',
        dueDate: '2026-11-26',
      }),
    ]);
    expect(view.body.resolution).toEqual({
      targetMonths: [1, 3, 12],
      resolvedAt: null,
      band: null,
      bandIfResolvedToday: 1,
    });

    at('2026-11-25T16:00:00Z');
    const met = await lado.recordMeeting(id, '2026-11-25');
    expect(met.body).toMatchObject({
      state: 'tracks.disciplinary.notOpened & tracks.police.notOpened & tracks.section47.notOpened',
    });

    at('2026-11-26T10:00:00Z');
    expectStatus(await lado.openTrack(id, 'police', { externalReference: 'CRIME/2026/4471' }), 200);
    at('2026-11-27T10:00:00Z');
    const bothOpen = await lado.openTrack(id, 'disciplinary');
    expect(bothOpen.body.state).toBe(
      'tracks.disciplinary.open & tracks.police.open & tracks.section47.notOpened',
    );
    expect(bothOpen.body.allowedActions.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining([
        'conclude-police-track',
        'conclude-disciplinary-track',
        'open-section47-track',
        'record-outcome',
      ]),
    );
    expectStatus(
      await lado.logContact(id, {
        with: 'employer',
        channel: 'email',
        employerId: 'org-7302',
        summary: 'Suspension confirmed',
      }),
      200,
    );
    view = await lado.get(id);
    expect(view.body).toMatchObject({ state: 'tracks', stateDetail: bothOpen.body.state });

    at('2026-12-20T10:00:00Z');
    expectStatus(await lado.concludeTrack(id, 'police'), 200);
    at('2027-01-05T10:00:00Z');
    expectStatus(await lado.concludeTrack(id, 'disciplinary'), 200);

    at('2027-01-10T11:00:00Z');
    const outcome = await lado.recordOutcome(id, 'substantiated', 'dismissed', true);
    expect(outcome.body).toMatchObject({ state: 'followUps' });
    view = await lado.get(id);
    expect(view.body.context.followUps).toEqual({
      dbsReferral: { required: true, recordedAt: null, reference: null },
      traReferral: { required: true, recordedAt: null, reference: null },
    });
    // Received 20 Nov, resolved 10 Jan: past the one-month target (20 Dec), within three months.
    expect(view.body.resolution).toEqual({
      targetMonths: [1, 3, 12],
      resolvedAt: '2027-01-10T11:00:00.000Z',
      band: 3,
      bandIfResolvedToday: null,
    });

    // Closure waits for both referrals.
    at('2027-01-11T09:00:00Z');
    const early = await lado.close(id, { subjectDateOfBirth: '1975-06-30' });
    expect(early.status).toBe(422);
    expect(early.body.rules).toEqual(['readyToClose']);
    expectStatus(await lado.recordFollowUp(id, 'dbs-referral', 'DBS-88120'), 200);
    expect((await lado.close(id, { subjectDateOfBirth: '1975-06-30' })).status).toBe(422);
    at('2027-01-12T09:00:00Z');
    expectStatus(await lado.recordFollowUp(id, 'tra-referral'), 200);

    at('2027-01-14T10:00:00Z');
    const closed = await lado.close(id, { subjectDateOfBirth: '1975-06-30' });
    expectStatus(closed, 200);
    expect(closed.body).toMatchObject({ state: 'closed', status: 'closed', workflowStatus: 'active' });
    at('2027-01-15T10:00:00Z');
    expectStatus(
      await lado.logContact(id, { with: 'employer', channel: 'letter', summary: 'Outcome letter sent' }),
      200,
    );

    view = await lado.get(id);
    expect(view.body).toMatchObject({ status: 'closed', workflowStatus: 'active' });
    const listed = await lado.list({ state: 'closed' });
    expect(listed.body.items.find((item: { id: string }) => item.id === id)).toMatchObject({
      state: 'closed',
      status: 'closed',
      workflowStatus: 'active',
    });
    expect(view.body).toMatchObject({
      state: 'closed',
      deadlines: [],
      // Retirement at 67 (30 June 2042) is later than ten years from the allegation (20 Nov 2036).
      retention: { retainUntil: '2042-06-30', basis: 'normal-retirement-age', flagForEmployer: false },
    });
    expect(view.body.context.tracks).toEqual([
      {
        track: 'police',
        openedAt: '2026-11-26T10:00:00.000Z',
        concludedAt: '2026-12-20T10:00:00.000Z',
        externalReference: 'CRIME/2026/4471',
      },
      {
        track: 'disciplinary',
        openedAt: '2026-11-27T10:00:00.000Z',
        concludedAt: '2027-01-05T10:00:00.000Z',
        externalReference: null,
      },
    ]);
    expect(view.body.context.contacts.map((c: { at: string; with: string }) => [c.at, c.with])).toEqual([
      ['2026-11-20T12:00:00.000Z', 'referrer'],
      ['2026-11-27T10:00:00.000Z', 'employer'],
      ['2027-01-15T10:00:00.000Z', 'employer'],
    ]);

    // Every step is an event on the workflow, with who did it.
    const history = (await lado.history(id)).body as { type: string; actor: { role: string } }[];
    expect(history.map((e) => [e.type, e.actor.role])).toEqual([
      ['workflow.started', 'coordinator'],
      ['contact.logged', 'coordinator'],
      ['screening.threshold-met', 'coordinator'],
      ['lado.referred', 'coordinator'],
      ['meeting.held', 'lado'],
      ['track.police.opened', 'lado'],
      ['track.disciplinary.opened', 'lado'],
      ['contact.logged', 'lado'],
      ['track.police.concluded', 'lado'],
      ['track.disciplinary.concluded', 'lado'],
      ['outcome.recorded', 'lado'],
      ['follow-up.recorded', 'lado'],
      ['follow-up.recorded', 'lado'],
      ['case.closed', 'lado'],
      ['contact.logged', 'lado'],
    ]);
    expect(history[13]).toMatchObject({
      type: 'case.closed',
      payload: { retention: { retainUntil: '2042-06-30', basis: 'normal-retirement-age' } },
    });
  });

  it('keeps the date of birth sent to close out of every table: journal, snapshot, outbox, access log', async () => {
    at('2026-11-02T10:00:00Z');
    const id = await referralAtLado(api, t);
    const lado = api.as('lado');
    await lado.recordMeeting(id, '2026-11-02');
    await lado.recordOutcome(id, 'unfounded');
    const dateOfBirth = '1961-03-17';
    const closed = await lado.close(id, { subjectDateOfBirth: dateOfBirth }, 'close-with-dob');
    expectStatus(closed, 200);
    // Retirement at 67 (17 March 2028) is earlier than ten years from the allegation.
    expect((await lado.get(id)).body.retention).toEqual({
      retainUntil: '2036-11-02',
      basis: 'years-from-allegation',
      flagForEmployer: false,
    });
    for (const table of [
      'workflow_instance',
      'workflow_journal',
      'outbox',
      'access_log',
      'workflow_deadline',
    ]) {
      const rows = await query<{ row: string }>(t.databaseUrl, `SELECT t::text AS row FROM ${table} t`);
      expect(rows.filter((r) => r.row.includes(dateOfBirth))).toEqual([]);
    }
  });

  describe('each of the five outcomes', () => {
    it.each<[AllegationOutcome, boolean]>([
      ['substantiated', false],
      ['malicious', true],
      ['false', false],
      ['unsubstantiated', false],
      ['unfounded', false],
    ])(
      '%s: recorded after the meeting, closed with its retention (employer flag: %s)',
      async (outcome, flag) => {
        at('2027-02-01T09:00:00Z');
        const id = await referralAtLado(api, t);
        const lado = api.as('lado');
        at('2027-02-03T15:00:00Z');
        expectStatus(await lado.recordMeeting(id, '2027-02-03'), 200);
        at('2027-02-20T15:00:00Z');
        const recorded = await lado.recordOutcome(id, outcome, 'retained');
        expectStatus(recorded, 200);
        // Retained: no referral to the DBS is due, so the case can close at once.
        expect(recorded.body.allowedActions.map((a: { action: string }) => a.action)).toEqual(
          expect.arrayContaining(['close', 'record-follow-up']),
        );
        at('2027-02-21T10:00:00Z');
        expectStatus(await lado.close(id), 200);
        const view = await lado.get(id);
        expect(view.body).toMatchObject({
          state: 'closed',
          context: { outcome: { outcome, employmentOutcome: 'retained', subjectIsTeacher: false } },
          resolution: { band: 1, resolvedAt: '2027-02-20T15:00:00.000Z' },
          retention: { retainUntil: '2037-02-01', basis: 'years-from-allegation', flagForEmployer: flag },
        });
        const templates = (await outboxOf(id)).map((row) => row.payload.template).filter(Boolean);
        expect(templates.includes('asv.malicious-flag-for-employer')).toBe(flag);
        const listed = await lado.list({ outcome, receivedFrom: '2027-02-01', receivedTo: '2027-02-01' });
        expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(id);
        expect(listed.body.items.every((i: { outcome: string }) => i.outcome === outcome)).toBe(true);
      },
    );
  });

  it('requires only the DBS referral for a non-teacher who resigned', async () => {
    at('2027-03-01T09:00:00Z');
    const id = await referralAtLado(api, t);
    const lado = api.as('lado');
    await lado.recordMeeting(id, '2027-03-01');
    await lado.recordOutcome(id, 'substantiated', 'resigned', false);
    expect((await lado.get(id)).body.context.followUps).toMatchObject({
      dbsReferral: { required: true },
      traReferral: { required: false },
    });
    expect((await lado.close(id)).status).toBe(422);
    expectStatus(await lado.recordFollowUp(id, 'dbs-referral', 'DBS-1001'), 200);
    expectStatus(await lado.close(id), 200);
  });

  it('reopens a closed case into LADO consideration with a new meeting clock, and a redirected contact into screening', async () => {
    const lado = api.as('lado');
    at('2027-03-08T09:00:00Z');
    const caseId = await referralAtLado(api, t);
    await lado.recordMeeting(caseId, '2027-03-08');
    await lado.recordOutcome(caseId, 'unsubstantiated');
    await lado.close(caseId);
    at('2027-04-06T10:00:00Z');
    const reopened = await lado.reopen(caseId, 'New information from the police');
    expectStatus(reopened, 200);
    expect(reopened.body.state).toBe('ladoInitialConsideration');
    expect(reopened.body.status).toBe('open');
    let view = await lado.get(caseId);
    expect(view.body.status).toBe('open');
    expect(view.body).toMatchObject({
      retention: null,
      resolution: { resolvedAt: null, band: null },
      context: { outcome: null, reopenings: [{ from: 'closed', reason: 'New information from the police' }] },
    });
    expect(view.body.deadlines).toEqual([
      expect.objectContaining({
        kind: 'allegation-meeting',
        anchorDate: '2027-04-06',
        dueDate: '2027-04-09',
      }),
    ]);

    at('2027-03-12T09:00:00Z');
    const { body: contact } = await api
      .as('coordinator')
      .receive(contactReceived({ receivedAt: '2027-03-12T09:00:00Z' }));
    await api
      .as('coordinator')
      .screen(contact.id, redirect('employer-low-level-concern', 'Low-level concern'));
    at('2027-03-19T16:00:00Z'); // a Friday
    const again = await lado.reopen(contact.id, 'A second, similar report');
    expect(again.body.state).toBe('screening');
    view = await lado.get(contact.id);
    expect(view.body.context).toMatchObject({
      screening: null,
      redirect: null,
      receivedAt: '2027-03-12T09:00:00Z',
    });
    expect(view.body.deadlines).toEqual([
      expect.objectContaining({ kind: 'asv-screening', anchorDate: '2027-03-19', dueDate: '2027-03-22' }),
    ]);
    expectStatus(
      await lado.logContact(contact.id, {
        with: 'referrer',
        channel: 'email',
        summary: 'Second report received',
      }),
      200,
    );
    expect(await eventTypes(contact.id)).toEqual([
      'workflow.started',
      'screening.redirected',
      'case.reopened',
      'contact.logged',
    ]);
  });

  it('answers a repeated request with the same Idempotency-Key with the first answer, and writes nothing', async () => {
    at('2027-05-03T09:00:00Z');
    const coordinator = api.as('coordinator');
    const body = contactReceived({ receivedAt: '2027-05-03T08:30:00Z' });
    const first = await coordinator.receive(body, 'contact-2027-05-03-1');
    expectStatus(first, 201);
    const before = await countRows(t.databaseUrl);
    const again = await coordinator.receive(body, 'contact-2027-05-03-1');
    expectStatus(again, 201);
    expect(again.body).toEqual({ ...first.body, replayed: true });
    expect(await countRows(t.databaseUrl)).toEqual(before);

    const screened = await coordinator.screen(first.body.id, thresholdMet(), 'screen-1');
    const rows = await countRows(t.databaseUrl);
    const repeated = await coordinator.screen(first.body.id, thresholdMet(), 'screen-1');
    expect(repeated.body).toEqual({ ...screened.body, replayed: true });
    expect(await countRows(t.databaseUrl)).toEqual(rows);

    // The same key for another request is a conflict, not a silent replay.
    const reused = await coordinator.receive({ ...body, concernCategory: 'neglect' }, 'contact-2027-05-03-1');
    expect(reused.status).toBe(409);
    expect(await countRows(t.databaseUrl)).toEqual(rows);
  });

  it('gives concurrent contacts distinct references, and concurrent retries of one contact one referral', async () => {
    at('2027-05-04T09:00:00Z');
    const coordinator = api.as('coordinator');
    const body = contactReceived({ receivedAt: '2027-05-04T08:00:00Z' });
    const distinct = await Promise.all(Array.from({ length: 8 }, () => coordinator.receive(body)));
    const references = distinct.map((res) => res.body.reference as string);
    expect(new Set(references).size).toBe(8);
    const retries = await Promise.all(
      Array.from({ length: 5 }, () => coordinator.receive(body, 'same-contact-twice')),
    );
    expect(retries.map((res) => res.status)).toEqual(Array(5).fill(201));
    expect(new Set(retries.map((res) => res.body.id)).size).toBe(1);
    expect(new Set(retries.map((res) => res.body.reference)).size).toBe(1);
  });

  it('logs one access-log row per read, and each write in its own transaction, as an asv-referral', async () => {
    at('2027-05-05T09:00:00Z');
    const coordinator = api.as('coordinator', { sub: 'user-coord-7', area: 'north' });
    const { body } = await coordinator.receive(contactReceived({ receivedAt: '2027-05-05T09:00:00Z' }));
    await coordinator.get(body.id);
    await coordinator.screen(body.id, thresholdMet());
    const rows = await query<{
      subject: string;
      role: string;
      action: string;
      record_type: string;
      route: string;
    }>(
      t.databaseUrl,
      `SELECT subject, role, action, record_type, route FROM access_log WHERE record_id = $1 ORDER BY id`,
      [body.id],
    );
    expect(rows).toEqual([
      {
        subject: 'user-coord-7',
        role: 'coordinator',
        action: 'write',
        record_type: 'asv-referral',
        route: 'POST /asv-referrals',
      },
      {
        subject: 'user-coord-7',
        role: 'coordinator',
        action: 'read',
        record_type: 'asv-referral',
        route: 'GET /asv-referrals/:id',
      },
      {
        subject: 'user-coord-7',
        role: 'coordinator',
        action: 'write',
        record_type: 'asv-referral',
        route: 'POST /asv-referrals/:id/screening',
      },
    ]);
  });

  it('logs a case read or changed through /workflows as an asv-referral too: one record type per process', async () => {
    at('2027-06-02T10:00:00Z');
    const coordinator = api.as('coordinator');
    const { body } = await coordinator.receive(contactReceived({ receivedAt: '2027-06-02T10:00:00Z' }));
    expectStatus(await coordinator.workflow(body.id), 200);
    expectStatus(await coordinator.history(body.id), 200);
    expectStatus(await coordinator.getPath(`/workflows/${body.id}/notifications`), 200);
    expectStatus(await api.as('manager').post(`/workflows/${body.id}/force`, { toState: 'screening', reason: 'Checking the log' }), 200);
    const rows = await query<{ action: string; record_type: string; route: string }>(
      t.databaseUrl,
      `SELECT action, record_type, route FROM access_log WHERE record_id = $1 ORDER BY id`,
      [body.id],
    );
    expect(rows).toEqual([
      { action: 'write', record_type: 'asv-referral', route: 'POST /asv-referrals' },
      { action: 'read', record_type: 'asv-referral', route: 'GET /workflows/:id' },
      { action: 'read', record_type: 'asv-referral', route: 'GET /workflows/:id/history' },
      { action: 'read', record_type: 'asv-referral', route: 'GET /workflows/:id/notifications' },
      { action: 'write', record_type: 'asv-referral', route: 'POST /workflows/:id/force' },
    ]);
  });

  it('lists referrals in your areas by state, overdue, date received and outcome', async () => {
    at('2027-06-04T10:00:00Z'); // a Friday
    const coordinator = api.as('coordinator');
    const north = (await coordinator.receive(contactReceived({ receivedAt: '2027-06-04T10:00:00Z' }))).body
      .id as string;
    const south = (
      await api
        .as('coordinator', { area: 'south' })
        .receive(contactReceived({ area: 'south', receivedAt: '2027-06-04T10:00:00Z' }))
    ).body.id as string;
    const atLado = await referralAtLado(api, t);
    await api.as('lado').recordMeeting(atLado, '2027-06-04');

    const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);
    const screening = await coordinator.list({
      state: 'screening',
      receivedFrom: '2027-06-04',
      receivedTo: '2027-06-04',
    });
    expectStatus(screening, 200);
    expect(ids(screening)).toEqual([north]);
    expect(screening.body.items[0]).toMatchObject({
      state: 'screening',
      receivedAt: '2027-06-04T10:00:00.000Z',
      outcome: null,
      overdue: false,
    });
    const tracks = await coordinator.list({ state: 'tracks', receivedFrom: '2027-06-04' });
    expect(ids(tracks)).toEqual([atLado]);
    expect(tracks.body.items[0].stateDetail).toMatch(/^tracks\./);
    const everyArea = await api.as('lado').list({ receivedFrom: '2027-06-04', receivedTo: '2027-06-04' });
    expect(ids(everyArea).sort()).toEqual([north, south, atLado].sort());
    expect(ids(await coordinator.list({ receivedTo: '2027-06-03' }))).not.toContain(north);

    // Screening due Monday 7 June: overdue from Tuesday, London midnight.
    at('2027-06-08T09:00:00Z');
    const overdue = await coordinator.list({ overdue: true, receivedFrom: '2027-06-04' });
    expect(ids(overdue)).toEqual([north]);
    expect(overdue.body.items[0].overdue).toBe(true);
    expect((await coordinator.get(north)).body.overdue).toBe(true);

    const page = await api.as('lado').list({ limit: 2 });
    expect(page.body.items).toHaveLength(2);
    const next = await api.as('lado').list({ limit: 2, cursor: page.body.nextCursor });
    expect(ids(next).some((id) => ids(page).includes(id))).toBe(false);
  });

  it('hides a referral of another area as missing (404), refuses to open one there (403), and writes nothing', async () => {
    at('2027-06-10T10:00:00Z');
    const { body } = await api
      .as('coordinator')
      .receive(contactReceived({ receivedAt: '2027-06-10T10:00:00Z' }));
    const elsewhere = api.as('coordinator', { area: 'south' });
    const before = await countRows(t.databaseUrl);
    for (const res of [
      await elsewhere.get(body.id),
      await elsewhere.screen(body.id, thresholdMet()),
      await elsewhere.logContact(body.id, { with: 'referrer', channel: 'phone', summary: 'x' }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    // A new referral names its area: refusing it plainly tells the caller nothing they did not say.
    const opened = await elsewhere.receive(contactReceived({ receivedAt: '2027-06-10T10:00:00Z' }));
    expect(opened.status).toBe(403);
    expect(opened.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(opened.body).toMatchObject({ status: 403, detail: expect.stringMatching(/area is outside yours/), areas: ['south'] });
    expect(await countRows(t.databaseUrl)).toEqual(before);
    const covering = api.as('coordinator', { area: 'south', coveringAreas: ['north'] });
    expectStatus(await covering.get(body.id), 200);
  });
});
