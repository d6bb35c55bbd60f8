import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { WorkflowEngine } from '@app/persistence';
import { loseQueueContents, OutboxDispatcher, QueueBackend } from '@app/timers';
import { dateInLondon, type DistributionContext, ManualClock, SYSTEM_ACTOR } from '@app/workflows';
import { BounceMailbox, POLL_BATCH } from '../../apps/api/src/distribution/delivery-reports/bounce-mailbox';
import { DeliveryReportsService } from '../../apps/api/src/distribution/delivery-reports/delivery-reports.service';
import {
  DELIVERY_REPORTS_QUEUE,
  DELIVERY_REPORTS_SCHEDULER_ID,
  DeliveryReportsWorker,
} from '../../apps/api/src/distribution/delivery-reports/delivery-reports.worker';
import { distributionHandover, handoverInvitee } from '../fixtures/distribution';
import { HeldChange } from '../support/hold';
import { parent, PeopleApi } from '../fixtures/people';
import { startTestApp, TestApp } from '../support/app';
import { ImapServerProcess } from '../support/imap-server';
import { query } from '../support/rows';
import { SmtpServerProcess } from '../support/smtp-server';
import { waitFor } from '../support/timers';
import { bearer } from '../support/tokens';

const HELD_AT = new Date('2027-03-08T16:00:00Z'); // Monday
const CHAIR = 'chair-9';
const RETURN_PATH = 'bounces@council.example';
const EMAILS = {
  mother: 'mother.dr@family.example',
  // Accepted by the relay at RCPT, failed later (5.1.1), as a remote relay's bounce comes back.
  father: 'father.dr@bounces.invalid',
  socialWorker: 'sw.dr@council.example',
  police: 'police.dr@police.example',
  // A relay that drops the envelope id from its report (the returned headers still name the sending).
  gp: 'gp.dr@no-envid.invalid',
};
type Who = keyof typeof EMAILS;

/**
 * Delivery reports against the real services: PostgreSQL, the queue, the SMTP server process as a
 * relay that offers DSN, and dovecot as the bounce mailbox. The decisions go out through HTTP; the
 * relay appends a report per email to the bounce mailbox; the worker's poll (BullMQ's scheduler,
 * or the same poll called directly while the queue is paused, where a test needs its order) turns
 * each into the pack's event. Faults: the mailbox down, a crash between the event's commit and the
 * message's move, a duplicate report, a report for a revoked pack, one that names no sending, the
 * scheduler lost with the queue's data.
 */
describe('distribution: delivery reports from the relay’s bounce mailbox (e2e)', () => {
  let t: TestApp;
  let smtp: SmtpServerProcess;
  let imap: ImapServerProcess;
  let workflowId: string;
  const ids = {} as Record<Who, string>;

  const http = () => request(t.app.getHttpServer());
  const as = (role: string, sub = `user-${role}`) =>
    bearer(t.config, t.clock, role as never, { sub, area: 'north' });
  const context = async () =>
    (await t.app.get(WorkflowEngine).get(workflowId)).context as unknown as DistributionContext;
  const packOf = async (who: Who) =>
    (await context()).packs.find((p) => p.recipientId === ids[who] && p.round === 'decisions')!;
  const reportsQueue = () => t.app.get(QueueBackend).queue(DELIVERY_REPORTS_QUEUE);
  const journal = () =>
    query<{ event_type: string; event_id: string; pack_id: string }>(
      t.databaseUrl,
      `SELECT event_type, event_id, payload->>'packId' AS pack_id FROM workflow_journal
        WHERE workflow_id = $1 AND event_type IN ('pack.delivered', 'pack.rejected') ORDER BY seq`,
      [workflowId],
    );
  /** A report as the relay wrote it, for the same sending, under a new Message-ID (another report, not a copy). */
  const asAnotherReport = (raw: string) =>
    raw.replace(/^Message-ID: <[^>]+>/m, `Message-ID: <${randomBytes(12).toString('hex')}@relay.test>`);
  const reportFor = (who: Who) =>
    smtp.reports.find((r) => r.includes(`Final-Recipient: rfc822; ${EMAILS[who]}`))!;
  const folders = async () => ({
    inbox: await imap.count('INBOX'),
    processed: await imap.count('Processed'),
    unmatched: await imap.count('Unmatched'),
  });

  beforeAll(async () => {
    imap = await ImapServerProcess.start();
    smtp = await SmtpServerProcess.start({ bounceMailbox: imap.access });
    t = await startTestApp(
      {
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(smtp.port),
        DISTRIBUTION_RETURN_PATH: RETURN_PATH,
        ...imap.settings,
        DELIVERY_REPORTS_POLL_SECONDS: '1',
      },
      new ManualClock(HELD_AT),
    );
    // The first test orders the polls itself: the scheduler's jobs wait until it resumes the queue.
    await reportsQueue().pause();
    const people = new PeopleApi(t);
    for (const [i, who] of (Object.keys(EMAILS) as Who[]).entries()) {
      const res = await people.resolve([
        parent({
          givenName: `Dr${who}`,
          familyName: 'Testperson',
          confidentialAddress: false,
          contactPoints: [{ system: 'email', value: EMAILS[who], use: 'home' }],
          externalIds: [{ system: 'case-management', value: `CM-DR-${i}` }],
        }),
      ]);
      ids[who] = res.body.people[0].id;
    }
    const started = await t.app.get(WorkflowEngine).start(
      'distribution',
      distributionHandover({
        conferenceReference: 'CPC-2027-000314',
        householdId: 'household-dr',
        heldOn: dateInLondon(HELD_AT),
        chairSub: CHAIR,
        invitees: [
          handoverInvitee(ids.mother, 'parent'),
          handoverInvitee(ids.father, 'parent'),
          handoverInvitee(ids.socialWorker, 'social-worker'),
          handoverInvitee(ids.police, 'professional', 'police-north'),
          handoverInvitee(ids.gp, 'professional', 'gp-north'),
        ],
      }),
      { actor: SYSTEM_ACTOR, idempotencyKey: 'conference-dr/distribution' },
    );
    workflowId = started.id;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
    await imap?.remove();
  });

  it('each email asks for a report; the mailbox down and a crash before the move lose nothing and record each once', async () => {
    t.clock.set('2027-03-09T09:00:00Z');
    const draft = await http()
      .post(`/distributions/${workflowId}/documents/decisions/drafts`)
      .set('Authorization', await as('coordinator'))
      .set('Idempotency-Key', 'dr-draft');
    expect(draft.status).toBe(200);
    const approved = await http()
      .post(`/distributions/${workflowId}/approvals/decisions`)
      .set('Authorization', await as('chair', CHAIR))
      .set('Idempotency-Key', 'dr-approve')
      .send({});
    expect(approved.status).toBe(200);
    await t.app.get(OutboxDispatcher).drain();
    await smtp.waitFor(5);
    // The envelope sender is the bounce mailbox; the report names the sending by an opaque id only.
    for (const message of smtp.received) expect(message.from).toBe(RETURN_PATH);
    await smtp.waitForReports(5);
    // The reports are read two hours later (a poll late after an outage): the relay's time stands.
    t.clock.set('2027-03-09T11:00:00Z');
    const links = await query<{ pack_id: string; envelope_id: string }>(
      t.databaseUrl,
      `SELECT pack_id, envelope_id FROM distribution_link WHERE workflow_id = $1`,
      [workflowId],
    );
    expect(links).toHaveLength(5);
    for (const { envelope_id } of links) {
      expect(envelope_id).toMatch(/^[0-9a-f]{32}$/);
      // Each email's Message-ID names its sending as well, for a relay that drops the ENVID.
      const email = smtp.received.find((m) => /^Message-ID:\s*<([0-9a-f]{32})\./m.exec(m.raw)?.[1] === envelope_id);
      expect(email).toBeDefined();
      const reports = smtp.reports.filter((r) => r.includes(`<${envelope_id}.`));
      expect(reports).toHaveLength(1);
      expect(reports[0]!.includes(`Original-Envelope-Id: ${envelope_id}`)).toBe(!email!.to.includes(EMAILS.gp));
    }
    for (const who of Object.keys(EMAILS) as Who[]) expect((await packOf(who)).status).toBe('sent');
    expect(await folders()).toEqual({ inbox: 5, processed: 0, unmatched: 0 });

    // A crash between the event's commit and the message's move: the first report's outcome is
    // committed, then the poll dies before the move (as the worker would, killed there).
    const reports = t.app.get(DeliveryReportsService);
    let committed = 0;
    await expect(
      t.app.get(BounceMailbox).poll(async (message) => {
        await reports.apply(message);
        committed += 1;
        throw new Error('the worker died before the move');
      }),
    ).rejects.toThrow('the worker died before the move');
    expect(committed).toBe(1);
    expect(await journal()).toHaveLength(1);
    expect(await folders()).toEqual({ inbox: 5, processed: 0, unmatched: 0 });
    await imap.stop();

    // The mailbox down for a while: a poll fails (the job fails, logged), nothing changes, the process goes on.
    const worker = t.app.get(DeliveryReportsWorker);
    await expect(worker.poll()).rejects.toThrow();
    expect(await journal()).toHaveLength(1);
    const health = await http().get('/health');
    expect(health.status).toBe(200);

    // Back: the scheduler's next polls read every report, the first one answered from the journal.
    await imap.start();
    await reportsQueue().resume();
    await waitFor('every report read', async () => (await folders()).processed === 5, 30_000);
    expect(await folders()).toEqual({ inbox: 0, processed: 5, unmatched: 0 });
    const events = await journal();
    expect(events.map((e) => [e.event_type, e.pack_id]).sort()).toEqual(
      [
        ['pack.delivered', (await packOf('gp')).packId],
        ['pack.delivered', (await packOf('mother')).packId],
        ['pack.delivered', (await packOf('police')).packId],
        ['pack.delivered', (await packOf('socialWorker')).packId],
        ['pack.rejected', (await packOf('father')).packId],
      ].sort(),
    );
    for (const event of events) expect(event.event_id).toMatch(/^dsn-[0-9a-f]{40}$/);
  }, 90_000);

  it('every delivered pack is delivered at the relay’s time, not the reading’s; the bounced one rejected, the co-ordinator told, resent as a letter; GET shows each sending', async () => {
    for (const who of ['mother', 'socialWorker', 'police', 'gp'] as const) {
      const pack = await packOf(who);
      expect({ who, status: pack.status }).toEqual({ who, status: 'delivered' });
      // Sent at 09:00, delivered (the relay's Last-Attempt-Date) at 09:00:30, read at 11:00.
      expect({ who, deliveredAt: pack.deliveredAt }).toEqual({ who, deliveredAt: '2027-03-09T09:00:30.000Z' });
    }
    const bounced = await packOf('father');
    expect(bounced).toMatchObject({ status: 'rejected', rejectedAt: '2027-03-09T11:00:00.000Z', attempt: 1 });
    await t.app.get(OutboxDispatcher).drain();
    const told = await query<{ recipient: string; template: string }>(
      t.databaseUrl,
      `SELECT recipient, template FROM notification WHERE workflow_id = $1 AND template LIKE 'distribution.pack-%'`,
      [workflowId],
    );
    expect(told).toEqual([{ recipient: 'coordinator', template: 'distribution.pack-rejected' }]);
    const resent = await http()
      .post(`/distributions/${workflowId}/packs/${bounced.packId}/resending`)
      .set('Authorization', await as('coordinator'))
      .set('Idempotency-Key', 'dr-resend')
      .send({ channel: 'letter' });
    expect(resent.status).toBe(200);
    expect(await packOf('father')).toMatchObject({ status: 'queued', channel: 'letter', attempt: 2 });

    const view = await http()
      .get(`/distributions/${workflowId}`)
      .set('Authorization', await as('coordinator'));
    expect(view.status).toBe(200);
    const sendings = view.body.sendings as Record<string, unknown>[];
    expect(sendings).toHaveLength(5);
    const sendingOf = (who: Who) => sendings.find((s) => s.packId === `decisions.1.${ids[who]}`);
    expect(sendingOf('father')).toEqual({
      packId: `decisions.1.${ids.father}`,
      attempt: 1,
      linkIssuedAt: '2027-03-09T09:00:00.000Z',
      delivery: 'failed',
      deliveryStatus: '5.1.1',
      deliveryAt: '2027-03-09T09:00:30.000Z',
      deliveryReportedAt: '2027-03-09T11:00:00.000Z',
    });
    for (const who of ['mother', 'socialWorker', 'police', 'gp'] as const)
      expect(sendingOf(who)).toMatchObject({
        attempt: 1,
        delivery: 'delivered',
        deliveryStatus: '2.0.0',
        deliveryAt: '2027-03-09T09:00:30.000Z',
        deliveryReportedAt: '2027-03-09T11:00:00.000Z',
      });
    const packs = view.body.distribution.packs as {
      recipientId: string;
      status: string;
      deliveredAt: string | null;
    }[];
    expect(packs.find((p) => p.recipientId === ids.mother)).toMatchObject({
      status: 'delivered',
      deliveredAt: '2027-03-09T09:00:30.000Z',
    });
  });

  it('the same report twice is one event; another report for a delivered pack is refused, and moved', async () => {
    const before = await journal();
    const mother = reportFor('mother');
    await imap.append(mother);
    await imap.append(asAnotherReport(mother));
    await waitFor('both read', async () => (await folders()).processed === 7, 30_000);
    expect(await journal()).toEqual(before);
    expect((await packOf('mother')).status).toBe('delivered');
  });

  it('a report for a revoked pack changes nothing and is moved; one naming no sending, by envelope id or returned headers, goes to Unmatched', async () => {
    const police = await packOf('police');
    const revoked = await http()
      .post(`/distributions/${workflowId}/packs/${police.packId}/revocation`)
      .set('Authorization', await as('coordinator'))
      .set('Idempotency-Key', 'dr-revoke')
      .send({ reason: 'wrong-recipient' });
    expect(revoked.status).toBe(200);
    const before = await journal();
    // A late failure report for the revoked pack: the workflow refuses it, and that is the answer.
    await imap.append(
      asAnotherReport(reportFor('police'))
        .replace('Action: delivered', 'Action: failed')
        .replace('Status: 2.0.0', 'Status: 5.2.2'),
    );
    // A report whose envelope id is no sending of ours; one with none (its returned headers name the
    // mother's sending, already delivered: refused, and moved); one with neither; mail that is no report.
    await imap.append(
      asAnotherReport(reportFor('mother')).replace(
        /Original-Envelope-Id: [0-9a-f]{32}/,
        `Original-Envelope-Id: ${'a'.repeat(32)}`,
      ),
    );
    const withoutEnvelopeId = asAnotherReport(reportFor('mother')).replace(
      /Original-Envelope-Id: [0-9a-f]{32}\r\n/,
      '',
    );
    await imap.append(withoutEnvelopeId);
    await imap.append(withoutEnvelopeId.replace(/^Message-ID:\s*<[0-9a-f]{32}\./m, 'Message-ID: <elsewhere.'));
    await imap.append(
      [
        'From: someone@family.example',
        'To: bounces@council.example',
        'Subject: Out of office',
        'Message-ID: <ooo@family.example>',
        '',
        'I am away.',
        '',
      ].join('\r\n'),
    );
    await waitFor(
      'all five read',
      async () => {
        const f = await folders();
        return f.inbox === 0 && f.processed === 9 && f.unmatched === 3;
      },
      30_000,
    );
    expect(await journal()).toEqual(before);
    expect((await packOf('police')).status).toBe('revoked');
    const [policeLink] = await query<{ delivery: string | null }>(
      t.databaseUrl,
      `SELECT delivery FROM distribution_link WHERE workflow_id = $1 AND pack_id = $2`,
      [workflowId, police.packId],
    );
    expect(policeLink).toEqual({ delivery: 'delivered' });
  });

  it('the poll’s scheduler lost with the queue’s data is put back, and the next report is read', async () => {
    await loseQueueContents(t.app.get(QueueBackend));
    const worker = t.app.get(DeliveryReportsWorker);
    expect(await worker.checkScheduler()).toBe(true);
    expect(await reportsQueue().getJobScheduler(DELIVERY_REPORTS_SCHEDULER_ID)).toBeTruthy();
    expect(await worker.checkScheduler()).toBe(false);
    await imap.append(asAnotherReport(reportFor('socialWorker')));
    await waitFor('read after the loss', async () => (await folders()).processed === 10, 30_000);
  });

  it('a report that arrives before the sender has recorded the pack sent waits in the mailbox, and is read once it has', async () => {
    // Another conference's distribution, one carer: its sender held between the relay taking the
    // email and pack.sent's commit, while the relay's report is already in the mailbox.
    const carer = await new PeopleApi(t).resolve([
      parent({
        givenName: 'Drcarer',
        familyName: 'Testperson',
        confidentialAddress: false,
        contactPoints: [{ system: 'email', value: 'carer.dr@family.example', use: 'home' }],
        externalIds: [{ system: 'case-management', value: 'CM-DR-CARER' }],
      }),
    ]);
    const carerId = carer.body.people[0].id as string;
    const other = await t.app.get(WorkflowEngine).start(
      'distribution',
      distributionHandover({
        conferenceReference: 'CPC-2027-000315',
        householdId: 'household-dr-2',
        heldOn: dateInLondon(HELD_AT),
        chairSub: CHAIR,
        invitees: [handoverInvitee(carerId, 'parent')],
      }),
      { actor: SYSTEM_ACTOR, idempotencyKey: 'conference-dr-2/distribution' },
    );
    const carerEvents = () =>
      query<{ event_type: string }>(
        t.databaseUrl,
        `SELECT event_type FROM workflow_journal WHERE workflow_id = $1 AND event_type LIKE 'pack.%' ORDER BY seq`,
        [other.id],
      );
    const carerPack = async () =>
      ((await t.app.get(WorkflowEngine).get(other.id)).context as unknown as DistributionContext).packs[0]!;
    expect(
      (
        await http()
          .post(`/distributions/${other.id}/documents/decisions/drafts`)
          .set('Authorization', await as('coordinator'))
          .set('Idempotency-Key', 'dr2-draft')
      ).status,
    ).toBe(200);
    const hold = await HeldChange.at(t.databaseUrl, {
      lock: 4344,
      name: 'test_hold_carer_pack_sent',
      event: 'INSERT',
      table: 'workflow_journal',
      when: `NEW.event_type = 'pack.sent' AND NEW.workflow_id = '${other.id}'`,
    });
    const reportsBefore = smtp.reports.length;
    const processedBefore = (await folders()).processed;
    try {
      expect(
        (
          await http()
            .post(`/distributions/${other.id}/approvals/decisions`)
            .set('Authorization', await as('chair', CHAIR))
            .set('Idempotency-Key', 'dr2-approve')
            .send({})
        ).status,
      ).toBe(200);
      const sending = t.app.get(OutboxDispatcher).drain();
      await waitFor('the sender held at pack.sent', async () => (await hold.waiting()).length === 1, 30_000);
      await smtp.waitForReports(reportsBefore + 1);
      await waitFor('the report in the mailbox', async () => (await folders()).inbox === 1, 30_000);
      // A poll now (and the scheduler's, every second) leaves it where it is and records nothing.
      const summary = await t.app
        .get(BounceMailbox)
        .poll((message) => t.app.get(DeliveryReportsService).apply(message));
      expect(summary).toMatchObject({ read: 1, kept: 1, processed: 0, unmatched: 0 });
      expect(await folders()).toMatchObject({ inbox: 1, processed: processedBefore });
      expect(await carerEvents()).toEqual([]);
      expect((await carerPack()).status).toBe('queued');
      await hold.letGo();
      await sending;
    } finally {
      if ((await hold.waiting().catch(() => [])).length > 0) await hold.release();
    }
    expect((await carerPack()).status).not.toBe('queued');
    await waitFor('read once sent', async () => (await folders()).processed === processedBefore + 1, 30_000);
    expect(await folders()).toMatchObject({ inbox: 0, unmatched: 3 });
    expect((await carerEvents()).map((e) => e.event_type)).toEqual(['pack.sent', 'pack.delivered']);
    expect(await carerPack()).toMatchObject({ status: 'delivered', deliveredAt: '2027-03-09T11:00:00.000Z' });
  }, 90_000);

  it('a backlog longer than one fetch is read in one poll, in batches, oldest first', async () => {
    await reportsQueue().pause();
    await waitFor('no poll running', async () => (await reportsQueue().getActiveCount()) === 0, 30_000);
    const before = await folders();
    const backlog = POLL_BATCH + 50;
    // Another report each on the mother's delivered sending: each is refused by the workflow and moved.
    await imap.with(async (client) => {
      for (let i = 0; i < backlog; i++) await client.append('INBOX', asAnotherReport(reportFor('mother')));
    });
    const journalBefore = await journal();
    const uids: number[] = [];
    const summary = await t.app.get(BounceMailbox).poll(async (message) => {
      uids.push(message.uid);
      return t.app.get(DeliveryReportsService).apply(message);
    });
    expect(summary).toEqual({ read: backlog, processed: backlog, unmatched: 0, kept: 0 });
    expect(uids).toEqual([...uids].sort((a, b) => a - b));
    expect(await folders()).toEqual({ ...before, processed: before.processed + backlog });
    expect(await journal()).toEqual(journalBefore);
    await reportsQueue().resume();
  }, 120_000);
});
