import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import pino from 'pino';
import AxeBuilder from '@axe-core/playwright';
import { Client } from 'pg';
import request from 'supertest';
import { WorkflowEngine } from '@app/persistence';
import { InvitationEffectHandler, OutboxDispatcher, type OutboxEffect } from '@app/timers';
import { SYSTEM_ACTOR } from '@app/workflows';
import { PINO } from '../../apps/api/src/logging/logging.module';
import { startTestApp, TestApp } from '../support/app';
import { authorization, Role, type TestTokenOptions } from '../support/auth';
import { launchBrowser } from '../support/browser';
import { calendarOf, textOf } from '../support/mime';
import { freePort } from '../support/redis-server';
import { countRows, query } from '../support/rows';
import { type ReceivedEmail, SmtpServerProcess } from '../support/smtp-server';
import { fireDueSteps, waitFor, waitForOutbox } from '../support/timers';

const MAILBOX = 'conferences@council.example';
const PUBLIC_BASE_URL = 'https://cp.council.example';
const INVITATION_EFFECTS = ['conference.invitation-email', 'conference.invitation-letter'];
/** Every effect an invitation, a notification or a clock passes through. */
const EFFECTS = [
  ...INVITATION_EFFECTS,
  'notify',
  'notification.email',
  'deadline.opened',
  'deadline.moved',
  'deadline.closed',
  'deadline.escalate',
];
/** Names, addresses and dates of the family: none may leave the person store. */
const FAMILY_VALUES = ['Okafor', 'Amira', 'Daniel', 'ChildHH', 'Hidden Way', 'N1 1AA', '2013-06-01', '2018-09-12'];

interface Sent {
  email: ReceivedEmail;
  calendar: ICAL.Component;
  event: ICAL.Component;
  contentType: string;
  text: string;
}

/**
 * Conference invitations through HTTP against the real service (API, outbox, timer worker),
 * PostgreSQL, Redis and a real SMTP server process: the iCalendar file each invitee receives,
 * parsed with ical.js; moves and a cancellation under the same UID; letters for invitees without
 * email; answers through the personal link; a refusal by the mail server recorded, and the
 * invitations clock escalating on the injected clock while an invitation is not out.
 */
describe('Conference invitations: email with iCalendar, letters, personal links', () => {
  let t: TestApp;
  let smtp: SmtpServerProcess;
  const people: Record<string, string> = {};
  const logged: string[] = [];

  const http = () => request(t.app.getHttpServer());
  const as = (role: Role, token: TestTokenOptions = {}) => authorization(t, role, token);
  const manager = () => as(Role.Manager, { sub: 'manager-1' });
  const coordinator = () => as(Role.Coordinator, { sub: 'coord-north', area: 'north' });
  const southCoordinator = () => as(Role.Coordinator, { sub: 'coord-south', area: 'south' });
  const socialWorker = () => as(Role.SocialWorker, { sub: 'sw-north', area: 'north' });
  const chairNorth = () => as(Role.Chair, { sub: 'chair-north', area: 'north' });

  const post = async (path: string, body: unknown, auth: Record<string, string>, key?: string) => {
    const req = http().post(path).set(auth);
    if (key) req.set('Idempotency-Key', key);
    return req.send(body as object);
  };
  const settle = () => waitForOutbox(t, EFFECTS);

  /** Refused with `status` as problem+json, and no table gains or loses a row. */
  async function expectRefused(act: () => Promise<request.Response>, status: number): Promise<request.Response> {
    await settle();
    const before = await countRows(t.databaseUrl);
    const res = await act();
    expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { status, type: expect.any(String) } });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    await settle();
    expect(await countRows(t.databaseUrl)).toEqual(before);
    return res;
  }

  const child = (n: string, dateOfBirth: string) => ({
    person: {
      kind: 'child',
      givenName: `Child${n}`,
      familyName: 'Okafor',
      dateOfBirth,
      externalIds: [{ system: 'case-management', value: `CM-C${n}` }],
    },
  });

  /** Three children (13, 8, 3); the mother (confidential address) by email, the father and the 13-year-old by letter. */
  function icpc(household: string, professionals: { personId: string; agencyId: string; professionalGroup: string }[]) {
    return {
      kind: 'initial',
      area: 'north',
      householdId: household,
      children: [child(`${household}-1`, '2013-06-01'), child(`${household}-2`, '2018-09-12'), child(`${household}-3`, '2023-11-30')],
      parentsAndCarers: [
        {
          person: {
            kind: 'adult',
            givenName: 'Amira',
            familyName: 'Okafor',
            confidentialAddress: true,
            address: { lines: ['1 Hidden Way'], postcode: 'N1 1AA' },
            contactPoints: [{ system: 'email', value: `amira.${household.toLowerCase()}@example.org` }],
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
            address: { lines: ['2 Open Road'], postcode: 'N1 2BB' },
            externalIds: [{ system: 'case-management', value: `CM-F-${household}` }],
          },
          relationship: 'father',
          parentalResponsibility: true,
          children: [1, 2],
        },
      ],
      strategyDiscussions: [{ id: 'sd-1', heldOn: '2027-02-01', startedSection47: true }],
      section47StartDate: '2027-02-01',
      socialWorker: {
        personId: people.socialWorker,
        teamId: 'team-n1',
        teamManagerPersonId: people.teamManager,
        agencyId: 'csc:north',
      },
      professionals: professionals.map((p) => ({ ...p, directContactWith: [0] })),
    };
  }
  const police = () => ({ personId: people.police!, agencyId: 'police:met', professionalGroup: 'police' });
  const gp = () => ({ personId: people.gp!, agencyId: 'gp:park-road', professionalGroup: 'gp' });
  const schedule = (date: string, startTime: string, minuteTakerSub: string, extra: Record<string, unknown> = {}) => ({
    date,
    startTime,
    durationMinutes: 90,
    venueId: 'room-town-hall-2',
    minuteTakerSub,
    ...extra,
  });

  const conference = async (id: string) => (await http().get(`/conferences/${id}`).set(await coordinator())).body;
  const invitee = async (id: string, personId: string) =>
    ((await conference(id)).conference.invitees as { personId: string; status: string; letterPostedOn: string | null; answer: unknown }[]).find(
      (p) => p.personId === personId,
    )!;

  /** Requested, chaired, booked and the list agreed by the chair: the invitations go out. */
  async function invited(household: string, professionals: ReturnType<typeof police>[], slot: ReturnType<typeof schedule>) {
    const requested = await post('/conferences', icpc(household, professionals), await socialWorker(), `req-${household}`);
    expect({ status: requested.status, body: requested.body }).toMatchObject({ status: 201 });
    const { id, reference } = requested.body as { id: string; reference: string };
    expect((await post(`/conferences/${id}/chair`, {}, await coordinator())).status).toBe(200);
    expect((await post(`/conferences/${id}/schedule`, slot, await coordinator())).status).toBe(200);
    expect((await post(`/conferences/${id}/invitees/agreement`, {}, await chairNorth())).status).toBe(200);
    const view = (await conference(id)).conference;
    const mother = view.parentsAndCarers.find((p: { relationship: string }) => p.relationship === 'mother').personId as string;
    const father = view.parentsAndCarers.find((p: { relationship: string }) => p.relationship === 'father').personId as string;
    const eldest = view.children[0].personId as string;
    return { id, reference, mother, father, eldest };
  }

  /** The messages to an address, each with its calendar file parsed by ical.js. */
  function sentTo(address: string): Sent[] {
    return smtp.to(address).map((email) => {
      const { contentType, text } = calendarOf(email);
      const calendar = new ICAL.Component(ICAL.parse(text));
      return { email, calendar, event: calendar.getFirstSubcomponent('vevent')!, contentType, text: textOf(email) };
    });
  }
  /** Waits until the SMTP server has printed `count` messages to the address (it prints each just after accepting it). */
  async function arrived(address: string, count: number): Promise<Sent[]> {
    await waitFor(`${count} messages to an invitee`, async () => smtp.to(address).length >= count);
    return sentTo(address);
  }
  const uidOf = (workflowId: string, personId: string) => `conference-${workflowId}-invitee-${personId}@council.example`;
  const linkIn = (sent: Sent) => {
    const match = /https:\/\/cp\.council\.example(\/invitations\/[A-Za-z0-9_-]{43})/.exec(sent.text);
    expect(match).not.toBeNull();
    return match![1]!;
  };
  const journalOf = (id: string, type: string) =>
    query<{ event_id: string; actor_sub: string; payload: Record<string, unknown> }>(
      t.databaseUrl,
      `SELECT event_id, actor_sub, payload FROM workflow_journal WHERE workflow_id = $1 AND event_type = $2 ORDER BY seq`,
      [id, type],
    );
  const emailRows = (id: string) =>
    query<{ id: string; workflow_id: string; journal_seq: number; effect_type: string; payload: Record<string, unknown>; attempts: number; status: string }>(
      t.databaseUrl,
      `SELECT id::text, workflow_id, journal_seq, effect_type, payload, attempts, status FROM outbox
        WHERE workflow_id = $1 AND effect_type = 'conference.invitation-email' ORDER BY id`,
      [id],
    );
  const asEffect = (row: Awaited<ReturnType<typeof emailRows>>[number]): OutboxEffect => ({
    id: row.id,
    workflowId: row.workflow_id,
    journalSeq: row.journal_seq,
    type: row.effect_type,
    payload: row.payload,
    attempt: row.attempts + 1,
  });

  beforeAll(async () => {
    smtp = await SmtpServerProcess.start();
    t = await startTestApp({
      LOG_LEVEL: 'debug',
      OUTBOX_POLL_MS: '60000',
      OUTBOX_BACKOFF_MS: '10',
      PUBLIC_BASE_URL,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_FROM: 'cp-workflows@council.example',
      SMTP_TIMEOUT_MS: '5000',
      CONFERENCE_MAILBOX: MAILBOX,
      RATE_LIMIT_MAX_REQUESTS: '100000',
    });
    // The service's log lines: its one pino logger's stream, kept (not printed) to search them for personal data.
    const stream = (t.app.get(PINO) as Record<symbol, { write: (line: string) => boolean }>)[pino.symbols.streamSym]!;
    stream.write = (line: string) => logged.push(line) > 0;
    t.clock.set('2027-02-02T10:00:00Z'); // Tuesday; the strategy discussion was on Monday 1 February.
    for (const [sub, homeAreas] of [
      ['chair-north', ['north']],
      ['chair-cover', []],
    ] as const) {
      const res = await http().put(`/chairs/${sub}`).set(await manager()).send({ displayName: `Chair ${sub}`, email: `${sub}@council.example`, homeAreas });
      expect(res.status).toBe(200);
    }
    for (const recipient of ['coordinator', 'duty_manager']) {
      const res = await http()
        .put('/duty-teams')
        .set(await manager())
        .send({ area: 'north', recipient, name: `North ${recipient}`, fallbackEmail: `north-${recipient}@council.example`, fallbackSubject: `north-${recipient}` });
      expect(res.status).toBe(200);
    }
    const staff: [string, string][] = [
      ['socialWorker', 'sw@agency.example'],
      ['teamManager', 'tm@agency.example'],
      ['police', 'police@agency.example'],
      ['gp', 'gp@agency.example'],
      ['rejectedPolice', 'police@rejected.invalid'],
      ['deferredGp', 'gp@deferred.invalid'],
    ];
    const made = await post(
      '/people',
      {
        area: 'north',
        people: staff.map(([who, email]) => ({
          kind: 'adult',
          givenName: who,
          familyName: 'Staff',
          contactPoints: [{ system: 'email', value: email }],
          externalIds: [{ system: 'staff', value: who }],
        })),
      },
      await coordinator(),
    );
    expect(made.status).toBe(200);
    staff.forEach(([who], i) => (people[who] = made.body.people[i].id));
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  let first: Awaited<ReturnType<typeof invited>>;
  /** HH-5: its mother's first sending cut off before its outcome was recorded. */
  let fifth: Awaited<ReturnType<typeof invited>>;
  /** HH-3: invited in full (after a deferral), its letters posted. */
  let third: Awaited<ReturnType<typeof invited>>;

  it('invites the three-child ICPC: one message and calendar file per invitee with email, a letter task for the others', async () => {
    first = await invited('HH-1', [police(), gp()], schedule('2027-02-18', '10:00', 'mt-1'));
    await settle();
    const byEmail: [string, string][] = [
      [first.mother, 'amira.hh-1@example.org'],
      [people.socialWorker!, 'sw@agency.example'],
      [people.teamManager!, 'tm@agency.example'],
      [people.police!, 'police@agency.example'],
      [people.gp!, 'gp@agency.example'],
    ];
    for (const [personId, address] of byEmail) {
      const [sent, ...more] = await arrived(address, 1);
      expect(more).toHaveLength(0);
      expect(sent!.email.to).toEqual([address]);
      expect(sent!.email.from).toBe(MAILBOX);
      expect(sent!.email.subject).toBe(`Invitation: child protection conference ${first.reference}`);
      expect(sent!.contentType).toMatch(/^text\/calendar;.*method=REQUEST/);
      const { calendar, event } = sent!;
      expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
      expect(calendar.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe('Europe/London');
      expect(calendar.getAllSubcomponents('vevent')).toHaveLength(1);
      // 18 February is in GMT: 10:00 in London is 10:00Z; the file says it in London's time.
      expect(event.getFirstProperty('dtstart')!.toICALString()).toBe('DTSTART;TZID=Europe/London:20270218T100000');
      expect(event.getFirstProperty('dtend')!.toICALString()).toBe('DTEND;TZID=Europe/London:20270218T113000');
      expect((event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe('2027-02-18T10:00:00.000Z');
      expect(event.getFirstPropertyValue('organizer')).toBe(`mailto:${MAILBOX}`);
      expect(event.getAllProperties('attendee').map((p) => String(p.getFirstValue()).toLowerCase())).toEqual([`mailto:${address}`]);
      expect(event.getFirstPropertyValue('uid')).toBe(uidOf(first.id, personId));
      expect(event.getFirstPropertyValue('sequence')).toBe(0);
      expect(event.getFirstPropertyValue('summary')).toBe(`Child protection conference ${first.reference}`);
      expect(event.getFirstPropertyValue('location')).toBe('Venue room-town-hall-2');
      expect(sent!.text).toContain('Thursday 18 February 2027, 10:00 to 11:30');
      expect(linkIn(sent!)).toMatch(/^\/invitations\//);
      expect((await invitee(first.id, personId)).status).toBe('sent');
    }
    // Reported once each, by the outbox row's event id.
    expect((await journalOf(first.id, 'invitation.sent')).map((e) => e.payload.personId).sort()).toEqual(byEmail.map(([p]) => p).sort());
    // Only the hash of each token is kept.
    const links = await query<{ token_hash: Buffer }>(t.databaseUrl, `SELECT token_hash FROM invitation_link WHERE workflow_id = $1`, [first.id]);
    expect(links).toHaveLength(5);
    for (const [, address] of byEmail) {
      const token = linkIn(sentTo(address)[0]!).split('/').pop()!;
      expect(JSON.stringify(links)).not.toContain(token);
    }

    // The father and the 13-year-old have no email: a letter each for the co-ordinators.
    expect((await invitee(first.id, first.father)).status).toBe('awaiting-post');
    expect((await invitee(first.id, first.eldest)).status).toBe('awaiting-post');
    const letters = await http().get(`/conferences/${first.id}/letters`).set(await coordinator());
    expect(letters.status).toBe(200);
    expect(letters.body.items.map((l: { personId: string }) => l.personId).sort()).toEqual([first.father, first.eldest].sort());
    expect(letters.body.items[0]).toMatchObject({
      reference: first.reference,
      method: 'REQUEST',
      sequence: 0,
      status: 'to-post',
      slot: { date: '2027-02-18', startTime: '10:00', durationMinutes: 90, venueId: 'room-town-hall-2' },
    });
    const toPost = await http().get('/letters').set(await coordinator());
    expect(toPost.body.items.map((l: { conferenceId: string }) => l.conferenceId)).toContain(first.id);
    // Another area's co-ordinator sees none of them.
    const south = await http().get('/letters').set(await southCoordinator());
    expect(south.status).toBe(200);
    expect(south.body.items.map((l: { conferenceId: string }) => l.conferenceId)).not.toContain(first.id);
    await expectRefused(async () => http().get(`/conferences/${first.id}/letters`).set(await southCoordinator()), 404);

    // Posted: the invitation counts as sent, with the day; a retry with the same key answers the same.
    for (const letter of letters.body.items as { id: string; personId: string }[]) {
      const posted = await post(`/conferences/${first.id}/letters/${letter.id}/posted`, { postedOn: '2027-02-02' }, await coordinator(), `post-${letter.id}`);
      expect(posted.body).toMatchObject({ status: 'posted', postedOn: '2027-02-02', postedBy: 'coord-north' });
      const again = await post(`/conferences/${first.id}/letters/${letter.id}/posted`, { postedOn: '2027-02-02' }, await coordinator(), `post-${letter.id}`);
      expect(again.body).toMatchObject({ status: 'posted', postedOn: '2027-02-02' });
      expect(await invitee(first.id, letter.personId)).toMatchObject({ status: 'sent', letterPostedOn: '2027-02-02' });
    }
    expect(await journalOf(first.id, 'invitation.letter-posted')).toHaveLength(2);
    expect((await http().get('/letters').set(await coordinator())).body.items.map((l: { conferenceId: string }) => l.conferenceId)).not.toContain(first.id);

    // Every invitation out: the invitations clock is met.
    expect((await conference(first.id)).state).toMatch(/allSent/);
    await settle();
    const [clock] = await query<{ status: string }>(
      t.databaseUrl,
      `SELECT status FROM workflow_deadline WHERE workflow_id = $1 AND kind = 'conference-invitations'`,
      [first.id],
    );
    expect(clock).toEqual({ status: 'met' });
  });

  it("takes the invitee's answer through the personal link: the page changes nothing, the form records the answer once", async () => {
    const link = linkIn(sentTo('amira.hh-1@example.org')[0]!);
    await settle();
    const before = await countRows(t.databaseUrl);
    // Opening it (a person, or a mail scanner following links) writes nothing.
    for (const accept of ['text/html', '*/*']) {
      const page = await http().get(link).set('Accept', accept);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.text).toContain(first.reference);
      expect(page.text).toContain('Thursday 18 February 2027, 10:00 to 11:30');
      expect(page.text).toContain('method="post"');
      for (const value of FAMILY_VALUES) expect(page.text).not.toContain(value);
    }
    const head = await http().head(link);
    expect(head.status).toBe(200);
    expect(await countRows(t.databaseUrl)).toEqual(before);

    const page = await http().get(link).set('Accept', 'text/html');
    const submission = /name="submission" value="([0-9a-f-]{36})"/.exec(page.text)![1]!;
    const form = `answer=apologies-with-report&submission=${submission}`;
    const answered = await http().post(link).set('Accept', 'text/html').type('form').send(form);
    expect(answered.status).toBe(200);
    expect(answered.text).toContain('Answer received');
    // The same form sent twice: one answer.
    const twice = await http().post(link).set('Accept', 'text/html').type('form').send(form);
    expect(twice.status).toBe(200);
    const answers = await journalOf(first.id, 'invitation.answered');
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({
      actor_sub: `invitee:${first.mother}`,
      payload: { personId: first.mother, answer: 'apologies', withReport: true },
    });
    expect(await invitee(first.id, first.mother)).toMatchObject({ status: 'apologies', answer: { answer: 'apologies', withReport: true } });
    // The page now shows the answer, and it can be changed (a new page, a new submission).
    const again = await http().get(link).set('Accept', 'text/html');
    expect(again.text).toContain('you send your apologies, and a report');
    const changed = await http()
      .post(link)
      .send({ answer: 'attending', submission: /name="submission" value="([0-9a-f-]{36})"/.exec(again.text)![1] });
    expect(changed.status).toBe(200);
    expect((await invitee(first.id, first.mother)).status).toBe('attending');

    // The existing API's answer keeps working.
    const byApi = await post(`/conferences/${first.id}/invitations/${people.gp}/response`, { answer: 'not-attending' }, await coordinator());
    expect(byApi.status).toBe(200);
    expect((await invitee(first.id, people.gp!)).status).toBe('not-attending');
  });

  it('refuses bad input to every new route with problem+json, writing nothing', async () => {
    const link = linkIn(sentTo('sw@agency.example')[0]!);
    const letters = (await http().get(`/conferences/${first.id}/letters`).set(await coordinator())).body.items as { id: string }[];
    const unknownToken = `/invitations/${'A'.repeat(43)}`;
    await expectRefused(async () => http().get(unknownToken), 404);
    await expectRefused(async () => http().post(unknownToken).send({ answer: 'attending', submission: randomUUID() }), 404);
    await expectRefused(async () => http().get('/invitations/not-a-token'), 404);
    await expectRefused(async () => http().post(link).send({ answer: 'maybe', submission: randomUUID() }), 400);
    await expectRefused(async () => http().post(link).send({ answer: 'attending' }), 400);
    await expectRefused(async () => http().post(link).send({ answer: 'attending', submission: randomUUID(), personId: people.gp }), 400);
    await expectRefused(async () => http().post(link).type('form').send('answer=attending&submission=x'), 400);
    // A browser gets a page with the same status, and nothing is written either.
    const before = await countRows(t.databaseUrl);
    const page = await http().post(link).set('Accept', 'text/html').type('form').send('answer=');
    expect(page.status).toBe(400);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('Choose whether you will attend');
    expect(await countRows(t.databaseUrl)).toEqual(before);

    await expectRefused(async () => http().get('/letters').query({ limit: 0 }).set(await coordinator()), 400);
    await expectRefused(async () => http().get('/letters').query({ limit: 'lots' }).set(await coordinator()), 400);
    await expectRefused(async () => http().get('/conferences/not-an-id/letters').set(await coordinator()), 400);
    const posted = (taskId: string, body: unknown) => async () =>
      post(`/conferences/${first.id}/letters/${taskId}/posted`, body, await coordinator());
    await expectRefused(posted('not-an-id', { postedOn: '2027-02-02' }), 400);
    await expectRefused(posted(randomUUID(), { postedOn: '2027-02-02' }), 404);
    await expectRefused(posted(letters[0]!.id, {}), 400);
    await expectRefused(posted(letters[0]!.id, { postedOn: '2027-02-30' }), 400);
    await expectRefused(posted(letters[0]!.id, { postedOn: '2027-02-02', personId: people.gp }), 400);
    // Posted already, on another day: a conflict.
    await expectRefused(posted(letters[0]!.id, { postedOn: '2027-02-01' }), 409);
    // A role that does not administer conferences.
    await expectRefused(async () => post(`/conferences/${first.id}/letters/${letters[0]!.id}/posted`, { postedOn: '2027-02-02' }, await socialWorker()), 403);
  });

  it('performs a redelivered sending once: no second message, one recorded outcome', async () => {
    await settle();
    const [row] = await emailRows(first.id);
    expect(row!.status).toBe('done');
    const messages = smtp.received.length;
    const handler = t.app.get(InvitationEffectHandler);
    // Delivered again after it was done (a lease ran out before the row was marked): answered from the journal.
    await handler.handle(asEffect(row!));
    expect(smtp.received.length).toBe(messages);
    expect((await journalOf(first.id, 'invitation.sent')).filter((e) => e.event_id === `invitation-outcome-${row!.id}`)).toHaveLength(1);

    // Two workers performing the same rows at once (and the dispatcher a third): the mail may go
    // more than once (at least once), the outcome is recorded once per row by the engine's event id.
    const second = await invited('HH-2', [police()], schedule('2027-02-19', '10:00', 'mt-2'));
    const rows = await emailRows(second.id);
    expect(rows.length).toBe(4);
    await Promise.all(rows.flatMap((r) => [handler.handle(asEffect(r)), handler.handle(asEffect(r))]));
    await settle();
    const outcomes = await journalOf(second.id, 'invitation.sent');
    expect(outcomes.map((e) => e.event_id).sort()).toEqual(rows.map((r) => `invitation-outcome-${r.id}`).sort());
    expect(new Set(outcomes.map((e) => e.payload.personId)).size).toBe(4);
    for (const address of ['amira.hh-2@example.org', 'sw@agency.example', 'tm@agency.example', 'police@agency.example']) {
      await waitFor('the messages of HH-2', async () => smtp.to(address).some((m) => m.subject.includes(second.reference)));
      const mine = smtp.to(address).filter((m) => m.subject.includes(second.reference));
      expect(mine.length).toBeGreaterThanOrEqual(1);
      // However many times it went, it is one message to a mail client, and one event to a calendar.
      expect(new Set(mine.map((m) => m.headers['message-id'])).size).toBe(1);
      expect(new Set(mine.map((m) => calendarOf(m).text.match(/UID:.*/)![0])).size).toBe(1);
    }
  });

  it('keeps the outcome of a sending that went out just before a crash: the redelivery records it once', async () => {
    // The dispatcher's background loop stops, so this test alone delivers the row; later steps
    // drain the outbox themselves (settle()).
    const dispatcher = t.app.get(OutboxDispatcher);
    await dispatcher.onApplicationShutdown();
    fifth = await invited('HH-5', [police()], schedule('2027-02-18', '15:00', 'mt-5'));
    const row = (await emailRows(fifth.id)).find((r) => r.payload.personId === fifth.mother)!;
    expect(row.status).toBe('pending');
    const address = 'amira.hh-5@example.org';

    // The journal is locked: the first delivery sends the email, then waits to record the outcome,
    // and its connection is cut there, as a crash of the worker would leave it.
    const locker = new Client({ connectionString: t.databaseUrl });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE workflow_journal IN EXCLUSIVE MODE');
      let settled = false;
      const firstDelivery = t.app
        .get(InvitationEffectHandler)
        .handle(asEffect(row))
        .then(
          () => 'recorded',
          () => 'failed',
        )
        .finally(() => (settled = true));
      await arrived(address, 1);
      await waitFor('the first delivery to be cut off before recording', async () => {
        await locker.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
        );
        return settled;
      });
      expect(await firstDelivery).toBe('failed');
      await locker.query('ROLLBACK');
    } finally {
      await locker.end();
    }
    expect(await journalOf(fifth.id, 'invitation.sent')).toEqual([]);
    expect((await invitee(fifth.id, fifth.mother)).status).toBe('queued');

    // The row was never marked done: the dispatcher delivers it again. The email goes a second
    // time (at least once, the same message and event), and the outcome is recorded once.
    await settle();
    const both = await arrived(address, 2);
    expect(new Set(both.map((m) => m.email.headers['message-id'])).size).toBe(1);
    expect(new Set(both.map((m) => m.event.getFirstPropertyValue('uid')))).toEqual(new Set([uidOf(fifth.id, fifth.mother)]));
    const recorded = (await journalOf(fifth.id, 'invitation.sent')).filter((e) => e.payload.personId === fifth.mother);
    expect(recorded.map((e) => e.event_id)).toEqual([`invitation-outcome-${row.id}`]);
    expect((await invitee(fifth.id, fifth.mother)).status).toBe('sent');
    // Asked again with the same event id, the engine answers from the journal and records nothing.
    const again = await t.app
      .get(WorkflowEngine)
      .send(fifth.id, { type: 'invitation.sent', personId: fifth.mother, sequence: 0 }, { actor: SYSTEM_ACTOR, eventId: `invitation-outcome-${row.id}` });
    expect(again.replayed).toBe(true);
    expect((await journalOf(fifth.id, 'invitation.sent')).filter((e) => e.payload.personId === fifth.mother)).toHaveLength(1);
  });

  it('lets the invitee answer in a real browser, on an accessible page', async () => {
    const port = await freePort();
    await t.app.listen(port, '127.0.0.1');
    const browser = await launchBrowser();
    try {
      const link = linkIn(sentTo('sw@agency.example').find((s) => s.email.subject.includes(fifth.reference))!);
      const page = await browser.context.newPage();
      const opened = await page.goto(`http://127.0.0.1:${port}${link}`);
      expect(opened?.status()).toBe(200);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      await page.setViewportSize({ width: 320, height: 640 });
      expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
      // Sent without choosing: the form again, saying so, and nothing is recorded.
      const [refused] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('button[type=submit]')]);
      expect(refused.status()).toBe(400);
      await page.waitForSelector('.govuk-error-summary');
      expect(await page.textContent('.govuk-error-summary')).toContain('Choose whether you will attend');
      expect((await invitee(fifth.id, people.socialWorker!)).status).toBe('sent');
      await page.check('input[value=apologies]');
      await page.click('button[type=submit]');
      await page.waitForSelector('text=Answer received');
      expect(await invitee(fifth.id, people.socialWorker!)).toMatchObject({
        status: 'apologies',
        answer: { answer: 'apologies', withReport: false },
      });
    } finally {
      await browser.close();
    }
  });

  it('sends the moves with SEQUENCE 1 and 2 under the same UID, supersedes old links and letters, and cancels with METHOD:CANCEL', async () => {
    const oldLink = linkIn(sentTo('amira.hh-1@example.org')[0]!);
    for (const [date, n] of [
      ['2027-02-16', 1],
      ['2027-02-17', 2],
    ] as const) {
      const moved = await post(`/conferences/${first.id}/reschedule`, { ...schedule(date, '14:00', 'mt-1'), reason: `Move ${n}: venue unavailable` }, await coordinator());
      expect(moved.status).toBe(200);
      await settle();
    }
    const sent = await arrived('amira.hh-1@example.org', 3);
    expect(sent.map((s) => s.event.getFirstPropertyValue('sequence'))).toEqual([0, 1, 2]);
    expect(new Set(sent.map((s) => s.event.getFirstPropertyValue('uid')))).toEqual(new Set([uidOf(first.id, first.mother)]));
    expect(sent[1]!.email.subject).toBe(`Updated invitation: child protection conference ${first.reference}`);
    expect(sent[2]!.event.getFirstProperty('dtstart')!.toICALString()).toBe('DTSTART;TZID=Europe/London:20270217T140000');
    expect(sent[2]!.calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    // A link of an older sending no longer opens (410), and writes nothing.
    await expectRefused(async () => http().get(oldLink), 410);
    expect((await http().get(linkIn(sent[2]!))).status).toBe(200);
    // Each move asks the letter invitees again; the older letters are not to be posted.
    const letters = (await http().get(`/conferences/${first.id}/letters`).set(await coordinator())).body.items as {
      id: string;
      personId: string;
      sequence: number;
      status: string;
    }[];
    const fathers = letters.filter((l) => l.personId === first.father);
    expect(fathers.map((l) => [l.sequence, l.status])).toEqual([
      [0, 'posted'],
      [1, 'superseded'],
      [2, 'to-post'],
    ]);
    await expectRefused(async () => post(`/conferences/${first.id}/letters/${fathers[1]!.id}/posted`, { postedOn: '2027-02-02' }, await coordinator()), 409);

    const cancelled = await post(`/conferences/${first.id}/cancellation`, { reason: 'Family moved out of the area' }, await coordinator());
    expect(cancelled.body.state).toBe('cancelled');
    await settle();
    const all = await arrived('amira.hh-1@example.org', 4);
    const cancel = all[all.length - 1]!;
    expect(cancel.calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancel.contentType).toMatch(/method=CANCEL/);
    expect(cancel.event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancel.event.getFirstPropertyValue('sequence')).toBe(3);
    expect(cancel.event.getFirstPropertyValue('uid')).toBe(uidOf(first.id, first.mother));
    expect(cancel.email.subject).toBe(`Cancelled: child protection conference ${first.reference}`);
    for (const address of ['sw@agency.example', 'police@agency.example', 'gp@agency.example']) {
      await waitFor('the cancellations', async () => sentTo(address).some((s) => s.email.subject === `Cancelled: child protection conference ${first.reference}`));
      const mine = sentTo(address).filter((s) => s.email.subject.includes(first.reference));
      expect(mine.map((s) => [s.calendar.getFirstPropertyValue('method'), s.event.getFirstPropertyValue('sequence')])).toEqual([
        ['REQUEST', 0],
        ['REQUEST', 1],
        ['REQUEST', 2],
        ['CANCEL', 3],
      ]);
    }
    // The letter invitees get a cancellation letter; it is recorded posted on the task alone (the conference is over).
    const after = (await http().get(`/conferences/${first.id}/letters`).set(await coordinator())).body.items as {
      id: string;
      personId: string;
      method: string;
      status: string;
    }[];
    const cancelLetter = after.find((l) => l.personId === first.father && l.method === 'CANCEL')!;
    expect(cancelLetter.status).toBe('to-post');
    expect(after.filter((l) => l.personId === first.father && l.status === 'to-post')).toHaveLength(1);
    const posted = await post(`/conferences/${first.id}/letters/${cancelLetter.id}/posted`, { postedOn: '2027-02-02' }, await coordinator());
    expect(posted.body).toMatchObject({ status: 'posted' });
    // No outcome is recorded on a conference that is over, and no sending failed or was refused.
    const incidents = (await http().get(`/workflows/${first.id}`).set(await manager())).body.incidents as { kind: string }[];
    expect(incidents.filter((i) => i.kind !== 'notification-undeliverable')).toEqual([]);
    await expectRefused(async () => http().get(linkIn(sent[2]!)), 410);
  });

  it('retries a sending the mail server defers, and sends it once the relay accepts', async () => {
    third = await invited('HH-3', [{ personId: people.deferredGp!, agencyId: 'gp:park-road', professionalGroup: 'gp' }], schedule('2027-02-19', '14:00', 'mt-3'));
    await waitFor('the deferral to be tried', async () => {
      await waitForOutbox(t, EFFECTS.filter((e) => !INVITATION_EFFECTS.includes(e)));
      const rows = await emailRows(third.id);
      const deferred = rows.find((r) => r.payload.personId === people.deferredGp);
      return deferred !== undefined && deferred.attempts >= 1;
    });
    const [deferred] = await query<{ status: string; last_error: string }>(
      t.databaseUrl,
      `SELECT status, last_error FROM outbox WHERE workflow_id = $1 AND effect_type = 'conference.invitation-email' AND payload->>'personId' = $2`,
      [third.id, people.deferredGp],
    );
    expect(deferred).toMatchObject({ status: 'pending', last_error: 'email not delivered: EENVELOPE: SMTP 451' });
    expect((await invitee(third.id, people.deferredGp!)).status).toBe('queued');
    // The address is corrected in the person store: the next attempt goes to the new one.
    const corrected = await http()
      .patch(`/people/${people.deferredGp}`)
      .set(await coordinator())
      .send({ contactPoints: [{ system: 'email', value: 'gp.new@agency.example' }], reason: 'New practice address' });
    expect(corrected.status).toBe(200);
    // The backoff passes on the injected clock.
    t.clock.advanceMs(1000);
    await settle();
    expect((await invitee(third.id, people.deferredGp!)).status).toBe('sent');
    expect((await arrived('gp.new@agency.example', 1)).map((s) => s.event.getFirstPropertyValue('uid'))).toEqual([uidOf(third.id, people.deferredGp!)]);
    for (const letter of (await http().get(`/conferences/${third.id}/letters`).set(await coordinator())).body.items as { id: string }[]) {
      expect((await post(`/conferences/${third.id}/letters/${letter.id}/posted`, { postedOn: '2027-02-02' }, await coordinator())).status).toBe(200);
    }
    expect((await conference(third.id)).state).toMatch(/allSent/);
  });

  it('records an address the mail server rejects as rejected, tells the co-ordinator, and escalates the unsent invitation on its due day', async () => {
    const fourth = await invited('HH-4', [{ personId: people.rejectedPolice!, agencyId: 'police:met', professionalGroup: 'police' }], schedule('2027-02-22', '10:00', 'mt-4'));
    await settle();
    expect((await invitee(fourth.id, people.rejectedPolice!)).status).toBe('rejected');
    const rejected = await journalOf(fourth.id, 'invitation.rejected');
    expect(rejected.map((e) => e.payload)).toEqual([{ personId: people.rejectedPolice, sequence: 0 }]);
    const [notified] = await query<{ n: number }>(
      t.databaseUrl,
      `SELECT count(*)::int AS n FROM outbox WHERE workflow_id = $1 AND effect_type = 'notify' AND payload->>'template' = 'conference.invitation-rejected'`,
      [fourth.id],
    );
    expect(notified!.n).toBe(1);
    // Its letters posted, so only the rejected email keeps the clock open.
    for (const letter of (await http().get(`/conferences/${fourth.id}/letters`).set(await coordinator())).body.items as { id: string }[]) {
      expect((await post(`/conferences/${fourth.id}/letters/${letter.id}/posted`, { postedOn: '2027-02-02' }, await coordinator())).status).toBe(200);
    }
    expect((await conference(fourth.id)).state).toMatch(/sending/);
    const [clock] = await query<{ status: string; due_date: string }>(
      t.databaseUrl,
      `SELECT status, due_date::text AS due_date FROM workflow_deadline WHERE workflow_id = $1 AND kind = 'conference-invitations'`,
      [fourth.id],
    );
    // Five working days before Monday 22 February: Monday 15 February.
    expect(clock).toEqual({ status: 'open', due_date: '2027-02-15' });

    const invitationEscalations = (id: string) =>
      query<{ step: string }>(
        t.databaseUrl,
        `SELECT payload->>'stepId' AS step FROM outbox WHERE workflow_id = $1 AND effect_type = 'deadline.escalate' AND payload->>'kind' = 'conference-invitations' ORDER BY id`,
        [id],
      );
    // Friday 12 February, 09:00: the warning a working day before.
    t.clock.set('2027-02-12T09:00:00Z');
    await fireDueSteps(t);
    await settle();
    expect((await invitationEscalations(fourth.id)).map((e) => e.step)).toEqual(['warn-1']);
    // Tuesday 16 February: missed, to the co-ordinator and the duty manager.
    t.clock.set('2027-02-16T00:00:00Z');
    await fireDueSteps(t);
    await settle();
    expect((await invitationEscalations(fourth.id)).map((e) => e.step)).toEqual(['warn-1', 'due']);
    // The conference whose invitations all went out never escalates for them.
    expect(await invitationEscalations(third.id)).toEqual([]);

    // Sent again: refused while the person has no email on record, or for someone not rejected.
    const resend = (personId: string, body: unknown, key?: string) => async () =>
      post(`/conferences/${fourth.id}/invitations/${personId}/resend`, body, await coordinator(), key);
    await expectRefused(resend(people.rejectedPolice!, { contactBy: 'fax' }), 400);
    await expectRefused(resend(people.rejectedPolice!, {}), 400);
    await expectRefused(resend('not an id', { contactBy: 'email' }), 400);
    const noEmail = await expectRefused(resend(fourth.father, { contactBy: 'email' }), 422);
    expect(noEmail.body.rules).toEqual(['emailOnRecord']);
    const notRejected = await expectRefused(resend(people.socialWorker!, { contactBy: 'email' }), 422);
    expect(notRejected.body.rules).toContain('invitationWasRejected');
    await expectRefused(async () => post(`/conferences/${fourth.id}/invitations/${people.rejectedPolice}/resend`, { contactBy: 'email' }, await socialWorker()), 403);
    // The address corrected, the invitation goes again (the same UID, the SEQUENCE above the one
    // rejected), and the clock is met.
    const corrected = await http()
      .patch(`/people/${people.rejectedPolice}`)
      .set(await coordinator())
      .send({ contactPoints: [{ system: 'email', value: 'police.desk@agency.example' }], reason: 'Address bounced' });
    expect(corrected.status).toBe(200);
    const sentAgain = await post(`/conferences/${fourth.id}/invitations/${people.rejectedPolice}/resend`, { contactBy: 'email' }, await coordinator(), 'resend-hh-4');
    expect(sentAgain.status).toBe(200);
    await settle();
    const [delivered] = await arrived('police.desk@agency.example', 1);
    expect(delivered!.event.getFirstPropertyValue('uid')).toBe(uidOf(fourth.id, people.rejectedPolice!));
    expect(delivered!.event.getFirstPropertyValue('sequence')).toBe(1);
    expect((await invitee(fourth.id, people.rejectedPolice!)).status).toBe('sent');
    expect((await conference(fourth.id)).state).toMatch(/allSent/);
    const [met] = await query<{ status: string }>(
      t.databaseUrl,
      `SELECT status FROM workflow_deadline WHERE workflow_id = $1 AND kind = 'conference-invitations'`,
      [fourth.id],
    );
    expect(met).toEqual({ status: 'met' });
  });

  it('answers an expired link with 410 and writes nothing', async () => {
    // HH-3 is on Friday 19 February: its links open until the end of Saturday 20th.
    const link = linkIn(sentTo('tm@agency.example').find((s) => s.email.subject.includes(third.reference))!);
    t.clock.set('2027-02-20T23:59:00Z');
    expect((await http().get(link)).status).toBe(200);
    t.clock.set('2027-02-21T00:00:00Z');
    const res = await expectRefused(async () => http().get(link), 410);
    expect(res.body.detail).toBe('This link has expired.');
    await expectRefused(async () => http().post(link).send({ answer: 'attending', submission: randomUUID() }), 410);
    const page = await http().get(link).set('Accept', 'text/html');
    expect(page.status).toBe(410);
    expect(page.text).toContain('This link no longer opens your invitation');
  });

  it('puts no name, address or date of birth of the family in any subject, text, calendar file, effect row or log line', async () => {
    await settle();
    const invitations = smtp.received.filter((m) => /child protection conference/.test(m.subject));
    expect(invitations.length).toBeGreaterThan(20);
    const outbox = JSON.stringify(await query(t.databaseUrl, `SELECT payload, last_error FROM outbox`));
    const tables = JSON.stringify(
      await query(t.databaseUrl, `SELECT * FROM invitation_letter_task`),
    ) + JSON.stringify(await query(t.databaseUrl, `SELECT id, workflow_id, person_id, sequence FROM invitation_link`));
    const log = logged.join('');
    expect(log).toContain('Invitation sent');
    // The personal links are credentials: the request log names the route, not the token.
    expect(log).toContain('/invitations/[token]');
    expect(log).not.toMatch(/\/invitations\/[A-Za-z0-9_-]{43}/);
    for (const value of [...FAMILY_VALUES, 'amira.hh-1@example.org', 'police@rejected.invalid']) {
      for (const message of invitations) {
        expect(message.subject).not.toContain(value);
        expect(calendarOf(message).text).not.toMatch(new RegExp(`SUMMARY:.*${value}|DESCRIPTION:.*${value}`));
        expect(textOf(message)).not.toContain(value);
      }
      expect(outbox).not.toContain(value);
      expect(tables).not.toContain(value);
      expect(log).not.toContain(value);
    }
  });

});
