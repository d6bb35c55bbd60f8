import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { loadConfig, WorkflowEngine } from '@app/persistence';
import { dateInLondon, ManualClock, SYSTEM_ACTOR } from '@app/workflows';
import { distributionHandover, handoverInvitee } from '../fixtures/distribution';
import { parent } from '../fixtures/people';
import { startTestApp, TestApp } from '../support/app';
import { ServiceProcess } from '../support/child-process';
import { createTestDatabase } from '../support/database';
import { ImapServerProcess } from '../support/imap-server';
import { query } from '../support/rows';
import { SmtpServerProcess } from '../support/smtp-server';
import { waitFor } from '../support/timers';
import { bearer } from '../support/tokens';

/** Addresses that appear nowhere else, so finding one can only mean it leaked. */
const PERSONAL = {
  motherEmail: 'marguerite.q@family.example',
  fatherEmail: 'tobiah.q@bounces.invalid',
  proEmail: 'inspector.q@police.example',
  strangerEmail: 'someone.q@family.example',
  motherName: 'Margueritemum',
};
const RETURN_PATH = 'bounces.q@council.example';

/**
 * The service in a process of its own at the most talkative log level (the worker reading the
 * bounce mailbox on its own schedule), its output captured: reports delivered and failed, one
 * naming no sending, mail that is no report (quoting an address), and the mailbox down for a
 * while. No email address or name is in any log line or journal event; the reader's lines are
 * there (so the search is not of an empty log), with ids.
 */
describe('delivery reports: no email address in logs or the journal', () => {
  let service: ServiceProcess;
  let smtp: SmtpServerProcess;
  let imap: ImapServerProcess;
  let starter: TestApp;
  let databaseUrl: string;
  let drop: () => Promise<void>;
  const config = loadConfig({});
  const clock = new ManualClock(new Date());
  const as = (role: string, sub = `user-${role}`) =>
    bearer(config, clock, role as 'coordinator', { area: 'north', sub });

  beforeAll(async () => {
    imap = await ImapServerProcess.start();
    smtp = await SmtpServerProcess.start({ bounceMailbox: imap.access });
    const database = await createTestDatabase();
    drop = database.drop;
    databaseUrl = database.url;
    service = await ServiceProcess.start({
      DATABASE_URL: database.url,
      MIGRATE_ON_START: 'false',
      QUEUE_PREFIX: `drlogs${process.pid}`,
      PROCESS_ROLE: 'all',
      LOG_LEVEL: 'trace',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      DISTRIBUTION_RETURN_PATH: RETURN_PATH,
      ...imap.settings,
      DELIVERY_REPORTS_POLL_SECONDS: '1',
    });
    starter = await startTestApp({ PROCESS_ROLE: 'api' }, new ManualClock(new Date()), {
      databaseUrl: database.url,
    });
  }, 180_000);

  afterAll(async () => {
    await starter?.close();
    await service?.kill();
    await smtp?.stop();
    await imap?.remove();
    await drop?.();
  });

  it('logs ids only, whatever the report', async () => {
    const http = () => request(service.url);
    const person = async (given: string, email: string, caseId: string) => {
      const res = await http()
        .post('/people')
        .set('Authorization', await as('social_worker'))
        .send({
          area: 'north',
          people: [
            parent({
              givenName: given,
              familyName: 'Quillfeather',
              contactPoints: [{ system: 'email', value: email, use: 'home' }],
              externalIds: [{ system: 'case-management', value: caseId }],
            }),
          ],
        });
      return res.body.people[0].id as string;
    };
    const mother = await person(PERSONAL.motherName, PERSONAL.motherEmail, 'CM-DRL-1');
    const father = await person('Tobiahdad', PERSONAL.fatherEmail, 'CM-DRL-2');
    const police = await person('Inspector', PERSONAL.proEmail, 'CM-DRL-3');
    const { id } = await starter.app.get(WorkflowEngine).start(
      'distribution',
      distributionHandover({
        conferenceReference: 'CPC-2027-000415',
        householdId: 'household-drl',
        heldOn: dateInLondon(new Date()),
        chairSub: 'chair-8',
        invitees: [
          handoverInvitee(mother, 'parent'),
          handoverInvitee(father, 'parent'),
          handoverInvitee(police, 'professional'),
        ],
      }),
      { actor: SYSTEM_ACTOR, idempotencyKey: 'drl-conference/distribution' },
    );
    // The mailbox is down while the first reports are due: the relay holds them, the polls fail.
    await imap.stop();
    await http()
      .post(`/distributions/${id}/documents/decisions/drafts`)
      .set('Authorization', await as('coordinator'));
    await http()
      .post(`/distributions/${id}/approvals/decisions`)
      .set('Authorization', await as('chair', 'chair-8'))
      .send({});
    await waitFor('three emails', async () => smtp.received.length >= 3, 60_000);
    await waitFor(
      'a failed poll in the log',
      async () => service.log.includes('Bounce mailbox poll failed'),
      30_000,
    );
    await imap.start();
    await smtp.waitForReports(3, 30_000);
    await imap.append(
      smtp.reports[0]!.replace(
        /^Message-ID: <[^>]+>/m,
        `Message-ID: <${randomBytes(8).toString('hex')}@relay.test>`,
      ).replace(/Original-Envelope-Id: [0-9a-f]{32}/, `Original-Envelope-Id: ${'b'.repeat(32)}`),
    );
    await imap.append(
      [
        `From: ${PERSONAL.strangerEmail}`,
        `To: ${RETURN_PATH}`,
        'Subject: Away',
        '',
        `Write to ${PERSONAL.strangerEmail}`,
        '',
      ].join('\r\n'),
    );
    await waitFor(
      'every message read',
      async () => (await imap.count('Processed')) === 3 && (await imap.count('Unmatched')) === 2,
      60_000,
    );
    await waitFor(
      'the three outcomes recorded',
      async () =>
        (
          await query(
            databaseUrl,
            `SELECT 1 FROM distribution_link WHERE workflow_id = $1 AND delivery IS NOT NULL`,
            [id],
          )
        ).length === 3,
      30_000,
    );

    // The failed polls did not stop the process.
    expect(service.exit).toBeUndefined();
    const output = service.log;
    // The reader's own lines are there, with ids.
    expect(output.match(/"msg":"Delivery report recorded"/g)).toHaveLength(3);
    expect(output).toMatch(/"msg":"Delivery report names no sending; moved to Unmatched"/);
    expect(output).toMatch(
      /"msg":"Bounce mailbox: a message that is no delivery report; moved to Unmatched"/,
    );
    expect(output).toMatch(/"msg":"Bounce mailbox poll failed; the next poll retries"/);
    const journal = (
      await query(databaseUrl, `SELECT payload::text || event_id AS text FROM workflow_journal`)
    ).map((r) => String(r.text));
    for (const [what, value] of Object.entries(PERSONAL)) {
      expect({ what, inLog: output.includes(value) }).toEqual({ what, inLog: false });
      expect({ what, inJournal: journal.some((s) => s.includes(value)) }).toEqual({ what, inJournal: false });
    }
    // Nor any address at all in the reader's lines (the return path included).
    const readerLines = output
      .split('\n')
      .filter((line) => /DeliveryReports|BounceMailbox|Delivery report|Bounce mailbox/.test(line));
    expect(readerLines.length).toBeGreaterThanOrEqual(6);
    for (const line of readerLines)
      expect({ line, address: /[^\s"@]+@[^\s"@]+\.[a-z]+/i.test(line) }).toEqual({ line, address: false });
  }, 240_000);
});
