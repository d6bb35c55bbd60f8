import request from 'supertest';
import { WORKFLOW_DEFINITIONS } from '@app/workflows';
import {
  AsvApi,
  contactReceived,
  expectStatus,
  redirect,
  referralAtLado,
  thresholdMet,
  limbs,
} from '../fixtures/asv';
import { demoCaseV1 } from '../fixtures/demo-case.machine';
import { startTestApp, TestApp } from '../support/app';
import { countRows } from '../support/rows';
import { bearer } from '../support/tokens';

/**
 * What the ASV API refuses: moves the process does not allow now (409), rules it breaks (422),
 * bad input to every endpoint (400), records that are missing or another area's (404), roles
 * without the permission (403). Each answer is problem+json and leaves every table as it was.
 */
describe('ASV referrals through the HTTP API: refusals change nothing', () => {
  let t: TestApp;
  let api: AsvApi;
  const ids = {
    screening: '',
    awaitingReferral: '',
    atLado: '',
    policeOpen: '',
    followUps: '',
    closed: '',
    demo: '',
  };
  const MISSING = '7a0b3d4e-5f60-4718-8a9b-0c1d2e3f4a5b';

  beforeAll(async () => {
    t = await startTestApp({ PROCESS_ROLE: 'api' }, undefined, {
      definitions: [...WORKFLOW_DEFINITIONS, demoCaseV1],
    });
    api = new AsvApi(t);
    const lado = api.as('lado');
    t.clock.set('2026-11-20T10:00:00Z');
    ids.screening = (await api.as('coordinator').receive()).body.id;
    ids.awaitingReferral = (await api.as('coordinator').receive()).body.id;
    expectStatus(await api.as('coordinator').screen(ids.awaitingReferral, thresholdMet()), 200);
    ids.atLado = await referralAtLado(api, t);
    ids.policeOpen = await referralAtLado(api, t);
    expectStatus(await lado.recordMeeting(ids.policeOpen, '2026-11-20'), 200);
    expectStatus(await lado.openTrack(ids.policeOpen, 'police'), 200);
    ids.followUps = await referralAtLado(api, t);
    await lado.recordMeeting(ids.followUps, '2026-11-20');
    expectStatus(await lado.recordOutcome(ids.followUps, 'substantiated', 'dismissed', false), 200);
    ids.closed = await referralAtLado(api, t);
    await lado.recordMeeting(ids.closed, '2026-11-20');
    await lado.recordOutcome(ids.closed, 'unfounded');
    expectStatus(await lado.close(ids.closed), 200);
    const demo = await request(t.app.getHttpServer())
      .post('/workflows')
      .set('Authorization', await bearer(t.config, t.clock, 'manager'))
      .send({
        type: 'demo-case',
        input: { reference: 'DEMO-1', area: 'north', receivedAt: '2026-11-20T10:00:00Z' },
      });
    ids.demo = demo.body.id;
    t.clock.set('2026-11-20T16:00:00Z');
  });
  afterAll(() => t?.close());

  /** The request is refused with `status` as problem+json, and no table gains or loses a row. */
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

  describe('moves the process does not allow', () => {
    it('an outcome before the meeting: 409, naming the state and what it accepts', async () => {
      const res = await expectRefused(() => api.recordOutcome(ids.atLado, 'unfounded'), 409);
      expect(res.body).toMatchObject({
        state: 'ladoInitialConsideration',
        allowedEvents: ['contact.logged', 'meeting.held'],
      });
    });

    it('screening twice: 409, whichever the second decision', async () => {
      await expectRefused(() => api.as('coordinator').screen(ids.awaitingReferral, thresholdMet()), 409);
      await expectRefused(
        () => api.as('coordinator').screen(ids.awaitingReferral, redirect('advice-only', 'Advice')),
        409,
      );
    });

    it('a redirect without a reason, or with a blank one: 400 naming the field', async () => {
      const { reason: _omitted, ...withoutReason } = redirect('front-door', 'x');
      const res = await expectRefused(() => api.as('coordinator').screen(ids.screening, withoutReason), 400);
      expect(res.body.errors).toEqual([{ field: 'reason', messages: expect.any(Array) }]);
      await expectRefused(
        () => api.as('coordinator').screen(ids.screening, redirect('front-door', '   ')),
        400,
      );
    });

    it('an outcome while a track is still open: 422 naming the rule', async () => {
      const res = await expectRefused(
        () => api.recordOutcome(ids.policeOpen, 'substantiated', 'dismissed'),
        422,
      );
      expect(res.body.rules).toEqual(['noTrackStillOpen']);
    });

    // Every row names its rules: jest runs a test function with more parameters than its row has
    // values as a done-callback test.
    it.each<[string, () => Promise<request.Response>, number, string[] | undefined]>([
      [
        'threshold met with no limb applying',
        () => api.screen(ids.screening, { decision: 'threshold-met', limbs: limbs() }),
        422,
        ['atLeastOneLimbApplies'],
      ],
      [
        'a redirect when a limb applies',
        () => api.screen(ids.screening, { ...redirect('advice-only', 'x'), limbs: limbs('riskOfHarm') }),
        422,
        ['noLimbApplies'],
      ],
      ['a referral to the LADO before screening', () => api.referToLado(ids.screening), 409, undefined],
      [
        'a meeting dated tomorrow',
        () => api.recordMeeting(ids.atLado, '2026-11-21'),
        422,
        ['meetingDateNotInFuture'],
      ],
      ['a track opened twice', () => api.openTrack(ids.policeOpen, 'police'), 409, undefined],
      [
        'a track concluded that was never opened',
        () => api.concludeTrack(ids.policeOpen, 'section47'),
        409,
        undefined,
      ],
      [
        'a follow-up before the outcome',
        () => api.recordFollowUp(ids.atLado, 'dbs-referral'),
        409,
        undefined,
      ],
      [
        'closing before the DBS referral the outcome requires',
        () => api.close(ids.followUps),
        422,
        ['readyToClose'],
      ],
      ['closing before the outcome', () => api.close(ids.atLado), 409, undefined],
      ['reopening a case that is open', () => api.reopen(ids.atLado, 'Why not'), 409, undefined],
      ['closing a closed case', () => api.close(ids.closed), 409, undefined],
      [
        'a contact naming an employer not on the case',
        () =>
          api.logContact(ids.atLado, {
            with: 'employer',
            channel: 'phone',
            employerId: 'org-1',
            summary: 'x',
          }),
        422,
        ['contactEmployerIsOnTheCase'],
      ],
    ])('%s', async (_name, act, status, rules) => {
      const res = await expectRefused(act, status);
      if (rules) expect(res.body.rules).toEqual(rules);
    });
  });

  describe('bad input to every endpoint: 400', () => {
    const base = contactReceived();
    const coordinator = () => api.as('coordinator');
    it.each<[string, () => Promise<request.Response>]>([
      ['POST /asv-referrals: no body', () => coordinator().receive({})],
      [
        'POST /asv-referrals: a person-identifying field',
        () => coordinator().receive({ ...base, subjectName: 'A Person' }),
      ],
      [
        'POST /asv-referrals: a name in the referrer',
        () => coordinator().receive({ ...base, referrer: { type: 'employer', contactName: 'A Person' } }),
      ],
      [
        'POST /asv-referrals: the reference chosen by the client',
        () => coordinator().receive({ ...base, reference: 'ASV-2026-999999' }),
      ],
      [
        'POST /asv-referrals: retention figures chosen by the client',
        () =>
          coordinator().receive({
            ...base,
            retentionSettings: { asvRetentionYears: 1, asvNormalRetirementAge: 16 },
          }),
      ],
      [
        'POST /asv-referrals: receivedAt without its offset',
        () => coordinator().receive({ ...base, receivedAt: '2026-11-20T10:00:00' }),
      ],
      [
        'POST /asv-referrals: receivedAt in the future',
        () => coordinator().receive({ ...base, receivedAt: '2026-11-21T10:00:00Z' }),
      ],
      [
        'POST /asv-referrals: a child id with a space',
        () => coordinator().receive({ ...base, childIds: ['child 1'] }),
      ],
      [
        'POST /asv-referrals: an unknown concern category',
        () => coordinator().receive({ ...base, concernCategory: 'bad-vibes' }),
      ],
      [
        'POST /asv-referrals: an unknown referrer type',
        () => coordinator().receive({ ...base, referrer: { type: 'neighbour' } }),
      ],
      ['POST /asv-referrals: an array for a body', () => coordinator().receive([base])],
      ['POST /asv-referrals: a bad Idempotency-Key', () => coordinator().receive(base, 'has spaces')],
      [
        'POST /asv-referrals: malformed JSON',
        async () =>
          request(t.app.getHttpServer())
            .post('/asv-referrals')
            .set('Authorization', await bearer(t.config, t.clock, 'coordinator', { area: 'north' }))
            .set('Content-Type', 'application/json')
            .send('{"area":'),
      ],
      ['screening: no decision', () => api.screen(ids.screening, { limbs: limbs('harmedChild') })],
      [
        'screening: an unknown decision',
        () => api.screen(ids.screening, { decision: 'maybe', limbs: limbs('harmedChild') }),
      ],
      [
        'screening: a redirect without its route',
        () => api.screen(ids.screening, { decision: 'redirect', limbs: limbs(), reason: 'x' }),
      ],
      [
        'screening: threshold met with a redirect reason',
        () => api.screen(ids.screening, { ...thresholdMet(), reason: 'x' }),
      ],
      [
        'screening: a limb missing',
        () =>
          api.screen(ids.screening, {
            decision: 'threshold-met',
            limbs: { ...limbs('harmedChild'), riskOfHarm: undefined },
          }),
      ],
      [
        'screening: a limb without its rationale',
        () =>
          api.screen(ids.screening, {
            decision: 'threshold-met',
            limbs: { ...limbs('riskOfHarm'), harmedChild: { applies: false } },
          }),
      ],
      ['screening: an unknown field', () => api.screen(ids.screening, { ...thresholdMet(), urgent: true })],
      ['screening: a malformed id', () => api.screen('not-a-uuid', thresholdMet())],
      [
        'lado-referral: a body',
        () => api.post(`/asv-referrals/${ids.awaitingReferral}/lado-referral`, { note: 'x' }),
      ],
      ['meetings: a date-time for the day', () => api.recordMeeting(ids.atLado, '2026-11-20T10:00:00Z')],
      ['meetings: no day', () => api.post(`/asv-referrals/${ids.atLado}/meetings`, {})],
      [
        'meetings: an unknown field',
        () => api.post(`/asv-referrals/${ids.atLado}/meetings`, { heldOn: '2026-11-20', attendees: ['A'] }),
      ],
      ['tracks: an unknown track', () => api.post(`/asv-referrals/${ids.policeOpen}/tracks/audit/open`, {})],
      [
        'tracks: a reference with spaces',
        () => api.openTrack(ids.policeOpen, 'disciplinary', { externalReference: 'HR case 7' }),
      ],
      [
        'tracks: an unknown field',
        () => api.openTrack(ids.policeOpen, 'disciplinary', { officer: 'DC Smith' }),
      ],
      [
        'tracks: a body to conclude',
        () => api.post(`/asv-referrals/${ids.policeOpen}/tracks/police/conclude`, { when: 'now' }),
      ],
      [
        'outcome: not one of the five',
        () =>
          api.post(`/asv-referrals/${ids.policeOpen}/outcome`, {
            outcome: 'proven',
            employmentOutcome: 'retained',
            subjectIsTeacher: false,
          }),
      ],
      [
        'outcome: no employment outcome',
        () =>
          api.post(`/asv-referrals/${ids.policeOpen}/outcome`, { outcome: 'false', subjectIsTeacher: false }),
      ],
      [
        'outcome: a string for a boolean',
        () =>
          api.post(`/asv-referrals/${ids.policeOpen}/outcome`, {
            outcome: 'false',
            employmentOutcome: 'retained',
            subjectIsTeacher: 'yes',
          }),
      ],
      [
        'follow-ups: an unknown follow-up',
        () => api.post(`/asv-referrals/${ids.followUps}/follow-ups`, { followUp: 'ofsted-referral' }),
      ],
      [
        'follow-ups: a reference with spaces',
        () =>
          api.post(`/asv-referrals/${ids.followUps}/follow-ups`, {
            followUp: 'dbs-referral',
            reference: 'DBS 1',
          }),
      ],
      [
        'contacts: an unknown party',
        () => api.logContact(ids.atLado, { with: 'parent', channel: 'phone', summary: 'x' }),
      ],
      [
        'contacts: a blank summary',
        () => api.logContact(ids.atLado, { with: 'referrer', channel: 'phone', summary: '  ' }),
      ],
      [
        'contacts: an overlong summary',
        () => api.logContact(ids.atLado, { with: 'referrer', channel: 'phone', summary: 'x'.repeat(1001) }),
      ],
      [
        'close: a date of birth that is not a date',
        () => api.close(ids.followUps, { subjectDateOfBirth: '1975-02-30' }),
      ],
      [
        'close: a date-time for the date of birth',
        () => api.close(ids.followUps, { subjectDateOfBirth: '1975-06-30T00:00:00Z' }),
      ],
      [
        'close: a date of birth after the allegation',
        () => api.close(ids.followUps, { subjectDateOfBirth: '2026-11-21' }),
      ],
      [
        'close: a retention chosen by the client',
        () =>
          api.close(ids.followUps, {
            retention: { retainUntil: '2027-01-01', basis: 'years-from-allegation' },
          }),
      ],
      ['reopen: no reason', () => api.post(`/asv-referrals/${ids.closed}/reopen`, {})],
      ['reopen: a blank reason', () => api.reopen(ids.closed, ' ')],
      ['GET /asv-referrals/:id: a malformed id', () => api.get('123')],
      ['GET /asv-referrals: an unknown state', () => api.list({ state: 'limbo' })],
      ['GET /asv-referrals: overdue neither true nor false', () => api.list({ overdue: 'maybe' })],
      [
        'GET /asv-referrals: a date-time for receivedFrom',
        () => api.list({ receivedFrom: '2026-11-01T00:00:00Z' }),
      ],
      [
        'GET /asv-referrals: receivedTo before receivedFrom',
        () => api.list({ receivedFrom: '2026-11-20', receivedTo: '2026-11-01' }),
      ],
      ['GET /asv-referrals: an unknown outcome', () => api.list({ outcome: 'proven' })],
      ['GET /asv-referrals: a limit of 0', () => api.list({ limit: 0 })],
      ['GET /asv-referrals: a cursor it never issued', () => api.list({ cursor: 'garbage' })],
      ['GET /asv-referrals: an unknown filter', () => api.list({ subjectPersonId: 'person-9001' })],
    ])('%s', async (_name, act) => {
      await expectRefused(act, 400);
    });
  });

  describe('missing, or not an ASV referral: 404', () => {
    it.each<[string, () => Promise<request.Response>]>([
      ['read', () => api.get(MISSING)],
      ['screen', () => api.screen(MISSING, thresholdMet())],
      ['close', () => api.close(MISSING)],
      ['read a workflow of another type', () => api.get(ids.demo)],
      [
        'send to a workflow of another type',
        () => api.logContact(ids.demo, { with: 'referrer', channel: 'phone', summary: 'x' }),
      ],
      ['conclude a track on a workflow of another type', () => api.concludeTrack(ids.demo, 'police')],
    ])('%s', async (_name, act) => {
      const res = await expectRefused(act, 404);
      expect(res.body.detail).toBe('ASV referral not found');
    });

    it('every action on a referral of another area', async () => {
      const elsewhere = api.as('coordinator', { area: 'south' });
      const lado = api.as('lado'); // authority-wide: sees it
      expectStatus(await lado.get(ids.atLado), 200);
      for (const act of [
        () => elsewhere.get(ids.atLado),
        () => elsewhere.referToLado(ids.awaitingReferral),
        () => elsewhere.logContact(ids.atLado, { with: 'referrer', channel: 'phone', summary: 'x' }),
        () => elsewhere.screen(ids.screening, thresholdMet()),
      ]) {
        // Word for word what a missing referral answers.
        expect((await expectRefused(act, 404)).body.detail).toBe('ASV referral not found');
      }
      const listed = await elsewhere.list();
      expect(listed.body.items).toEqual([]);
    });
  });

  describe('roles without the permission: 403', () => {
    it.each<[string, () => Promise<request.Response>]>([
      ['a chair reading a referral', () => api.as('chair').get(ids.atLado)],
      ['a social worker receiving a contact', () => api.as('social_worker').receive()],
      ['a partner agency listing referrals', () => api.as('partner_agency').list()],
      [
        'a co-ordinator recording an outcome',
        () => api.as('coordinator').recordOutcome(ids.policeOpen, 'unfounded'),
      ],
      ['a co-ordinator closing a case', () => api.as('coordinator').close(ids.followUps)],
      ['a co-ordinator reopening a case', () => api.as('coordinator').reopen(ids.closed, 'x')],
      ['an auditor screening', () => api.as('auditor').screen(ids.screening, thresholdMet())],
    ])('%s', async (_name, act) => {
      await expectRefused(act, 403);
    });
  });
});
