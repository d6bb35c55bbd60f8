import request from 'supertest';
import { conferenceHelpers, type ConferenceHelpers, REPORT_KEYS } from '../fixtures/conference';
import { startTestApp, TestApp } from '../support/app';
import { authorization, Role } from '../support/auth';
import { pdfBytes } from '../support/documents';
import { query } from '../support/rows';
import { SmtpServerProcess } from '../support/smtp-server';
import { fireDueSteps, stepJobs, waitFor, waitForOutbox } from '../support/timers';

/** Every effect an escalation passes through on its way to an inbox and a mailbox. */
const EFFECTS = [
  'deadline.opened',
  'deadline.moved',
  'deadline.closed',
  'deadline.escalate',
  'notify',
  'notification.email',
];
const COORDINATORS = { email: 'north-coordinators@council.example', subject: 'north-coordinators' };

/**
 * Issue 12: "a late report escalating on the injected clock". The whole service runs (API, timer
 * worker, outbox) with a real SMTP server process. An ICPC booked for Thursday 18 February 2027
 * expects three reports (police, GP, social worker), each with its own clock: due three working
 * days before (agencyReportWorkingDaysBeforeIcpc), Monday 15 February, missed from Tuesday 00:00.
 * The police's and the social worker's come in time: their clocks close and never escalate. The
 * GP's does not: the co-ordinators are warned the working day before, told once it is missed (by
 * email too), reminded at 09:00 the next working day, and the GP's report received late closes its
 * clock, so no reminder follows.
 */
describe('Conferences: a late report escalates to the co-ordinator, one clock per report', () => {
  let t: TestApp;
  let smtp: SmtpServerProcess;
  let c: ConferenceHelpers;
  let conference: { id: string; reference: string };

  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    smtp = await SmtpServerProcess.start();
    t = await startTestApp({
      OUTBOX_POLL_MS: '60000',
      RATE_LIMIT_MAX_REQUESTS: '100000',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_FROM: 'cp-workflows@council.example',
      SMTP_TIMEOUT_MS: '3000',
    });
    t.clock.set('2027-02-02T10:00:00Z');
    const res = await http()
      .put('/duty-teams')
      .set(await authorization(t, Role.Manager, { sub: 'manager-1' }))
      .send({
        area: 'north',
        recipient: 'coordinator',
        name: 'North co-ordinators',
        fallbackEmail: COORDINATORS.email,
        fallbackSubject: COORDINATORS.subject,
      });
    expect(res.status).toBe(200);
    c = await conferenceHelpers(t, '2027-02-01');
    conference = await c.bookedIcpc('HH-LATE', '2027-02-18');
    await waitForOutbox(t, EFFECTS);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  const reportClocks = () =>
    query<{ id: string; item_key: string; due_date: string; due_at: Date; status: string }>(
      t.databaseUrl,
      `SELECT id, item_key, due_date::text AS due_date, due_at, status FROM workflow_deadline
        WHERE workflow_id = $1 AND kind = 'conference-reports' ORDER BY item_key`,
      [conference.id],
    );
  /** The report escalations the outbox carried, as [report key, step]. */
  const reportEscalations = async () =>
    (
      await query<{ payload: { kind: string; key?: string; stepId: string; notify: string[] } }>(
        t.databaseUrl,
        `SELECT payload FROM outbox WHERE workflow_id = $1 AND effect_type = 'deadline.escalate' ORDER BY id`,
        [conference.id],
      )
    )
      .map((row) => row.payload)
      .filter((p) => p.kind === 'conference-reports')
      .map((p) => [p.key, p.stepId, p.notify]);
  const reportEmails = () =>
    smtp.received.filter(
      (email) => email.to.includes(COORDINATORS.email) && /conference reports/.test(email.subject),
    );
  async function timePasses(to: string): Promise<void> {
    t.clock.set(to);
    await fireDueSteps(t);
    await waitForOutbox(t, EFFECTS);
  }

  it('opens one clock per expected report, due three working days before the conference, as GET /timescales says', async () => {
    const timescale = await http()
      .get('/timescales/agency-reports-initial')
      .query({ from: '2027-02-18' })
      .set(await c.coordinator());
    expect(timescale.body).toMatchObject({ dueDate: '2027-02-15' });
    expect(await reportClocks()).toEqual(
      [REPORT_KEYS.gp, REPORT_KEYS.police, REPORT_KEYS.socialWorker].sort().map((key) => ({
        id: expect.any(String),
        item_key: key,
        due_date: '2027-02-15',
        due_at: new Date('2027-02-16T00:00:00Z'),
        status: 'open',
      })),
    );
    const view = (
      await http()
        .get(`/conferences/${conference.id}`)
        .set(await c.coordinator())
    ).body;
    expect(
      (view.conference.reports as { key: string; dueBy: string }[]).map((r) => [r.key, r.dueBy]).sort(),
    ).toEqual([
      [REPORT_KEYS.gp, '2027-02-15'],
      [REPORT_KEYS.police, '2027-02-15'],
      [REPORT_KEYS.socialWorker, '2027-02-15'],
    ]);
  });

  it('closes the clocks of the reports received in time; only the missing report escalates, and its late receipt ends it', async () => {
    t.clock.set('2027-02-10T10:00:00Z');
    const police = await http()
      .post(`/conferences/${conference.id}/reports/${REPORT_KEYS.police}/document`)
      .set(await c.coordinator())
      .set('Idempotency-Key', 'police-report')
      .attach('file', pdfBytes('Police report'), 'police.pdf');
    expect(police.status).toBe(200);
    const sw = await http()
      .post(`/conferences/${conference.id}/reports`)
      .set(await c.socialWorker())
      .send({ author: 'social-worker', caseManagementReference: 'DOC-SW-77' });
    expect(sw.status).toBe(200);
    await waitForOutbox(t, EFFECTS);
    const clocks = Object.fromEntries((await reportClocks()).map((d) => [d.item_key, d]));
    expect(clocks[REPORT_KEYS.police]!.status).not.toBe('open');
    expect(clocks[REPORT_KEYS.socialWorker]!.status).not.toBe('open');
    expect(clocks[REPORT_KEYS.gp]!.status).toBe('open');
    const gp = clocks[REPORT_KEYS.gp]!.id;
    const mine = (ids: string[], deadlineId: string) => ids.filter((id) => id.startsWith(`${deadlineId}.`));
    const delayed = (await stepJobs(t)).delayed;
    expect(mine(delayed, clocks[REPORT_KEYS.police]!.id)).toEqual([]);
    expect(mine(delayed, clocks[REPORT_KEYS.socialWorker]!.id)).toEqual([]);
    expect(mine(delayed, gp).length).toBeGreaterThan(0);

    // The working day before: the co-ordinators are warned about the GP's report, and only that one.
    await timePasses('2027-02-12T08:59:00Z');
    expect(await reportEscalations()).toEqual([]);
    await timePasses('2027-02-12T09:00:00Z');
    expect(await reportEscalations()).toEqual([[REPORT_KEYS.gp, 'warn-1', ['coordinator']]]);

    // Missed from Tuesday 00:00: the co-ordinators are told, in their inbox and by email.
    await timePasses('2027-02-16T00:00:00Z');
    expect(await reportEscalations()).toEqual([
      [REPORT_KEYS.gp, 'warn-1', ['coordinator']],
      [REPORT_KEYS.gp, 'due', ['coordinator']],
    ]);
    await waitFor('both report emails', async () => reportEmails().length >= 2);
    const emails = reportEmails();
    expect(emails.map((e) => e.subject)).toEqual([
      `[${conference.reference}] Deadline approaching: conference reports due by the end of 15 February 2027`,
      `[${conference.reference}] Deadline missed: conference reports was due by the end of 15 February 2027`,
    ]);
    for (const email of emails) {
      expect(email.text).toContain(`Case reference: ${conference.reference}`);
      // Which report: the agency's key, never a name.
      expect(email.text).toContain(
        `Deadline: conference reports (${REPORT_KEYS.gp}), due by the end of 15 February 2027`,
      );
      expect(email.text).not.toMatch(/Quillfeather|Zephyrine|Marisol/);
    }
    const inbox = await http()
      .get('/me/notifications')
      .set(await c.as(Role.Coordinator, { sub: COORDINATORS.subject, area: 'north' }));
    expect(inbox.status).toBe(200);
    const reportItems = (
      inbox.body.items as { workflowId: string; deadline: { id: string; step: string } | null }[]
    ).filter((item) => item.workflowId === conference.id && item.deadline?.id === gp);
    expect(reportItems.map((item) => item.deadline!.step).sort()).toEqual(['due', 'warning']);

    // Still missing at 09:00 that day: the daily reminder, to the co-ordinators and the chair.
    await timePasses('2027-02-16T09:00:00Z');
    expect((await reportEscalations()).map(([key, step]) => [key, step])).toEqual([
      [REPORT_KEYS.gp, 'warn-1'],
      [REPORT_KEYS.gp, 'due'],
      [REPORT_KEYS.gp, 'repeat'],
    ]);
    await waitFor('the reminder email', async () => reportEmails().length >= 3);

    // The GP's report arrives late: its clock closes and no further reminder comes.
    await timePasses('2027-02-16T10:00:00Z');
    const late = await http()
      .post(`/conferences/${conference.id}/reports/${REPORT_KEYS.gp}/document`)
      .set(await c.coordinator())
      .set('Idempotency-Key', 'gp-report-late')
      .attach('file', pdfBytes('GP report'), 'gp.pdf');
    expect(late.status).toBe(200);
    await waitForOutbox(t, EFFECTS);
    expect((await reportClocks()).every((d) => d.status !== 'open')).toBe(true);
    expect(mine((await stepJobs(t)).delayed, gp)).toEqual([]);
    await timePasses('2027-02-17T09:00:00Z');
    await timePasses('2027-02-18T09:00:00Z');
    expect(await reportEscalations()).toHaveLength(3);
    expect(reportEmails()).toHaveLength(3);
  });
});
