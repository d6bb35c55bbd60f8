import request from 'supertest';
import { WorkflowEngine } from '@app/persistence';
import { OutboxDispatcher } from '@app/timers';
import { dateInLondon, type DistributionContext, ManualClock, SYSTEM_ACTOR } from '@app/workflows';
import { distributionHandover, handoverInvitee } from '../fixtures/distribution';
import { parent, PeopleApi } from '../fixtures/people';
import { startTestApp, TestApp } from '../support/app';
import { ServiceProcess } from '../support/child-process';
import { ImapServerProcess } from '../support/imap-server';
import { query } from '../support/rows';
import { SmtpServerProcess } from '../support/smtp-server';
import { TcpProxy } from '../support/tcp-proxy';
import { waitFor } from '../support/timers';
import { bearer } from '../support/tokens';

const HELD_AT = new Date('2027-03-08T16:00:00Z'); // Monday
const CHAIR = 'chair-crash';
const RETURN_PATH = 'bounces@council.example';

/**
 * The delivery reports' worker killed (SIGKILL, no shutdown hooks) after a report's outcome has
 * committed and before the message is moved out of the bounce mailbox: a proxy in front of the IMAP
 * server holds the worker's MOVE, so the server never sees it. Another worker reads the report
 * again: it is answered from the journal (one event, not two), the other report is recorded, and
 * both are moved.
 */
describe('distribution: the delivery reports worker killed between the outcome and the move', () => {
  let t: TestApp;
  let smtp: SmtpServerProcess;
  let imap: ImapServerProcess;
  let proxy: TcpProxy;
  const running: ServiceProcess[] = [];

  beforeAll(async () => {
    imap = await ImapServerProcess.start();
    smtp = await SmtpServerProcess.start({ bounceMailbox: imap.access });
    // This process serves the API and sends the packs (its outbox drained by the test); the
    // reports are read by worker processes only.
    t = await startTestApp(
      {
        PROCESS_ROLE: 'api',
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(smtp.port),
        DISTRIBUTION_RETURN_PATH: RETURN_PATH,
      },
      new ManualClock(HELD_AT),
    );
    proxy = await TcpProxy.start(imap.access.port, '127.0.0.1', {
      holdWhen: (chunk) => / (UID )?MOVE /i.test(chunk.toString('latin1')),
    });
  }, 120_000);
  afterAll(async () => {
    await Promise.all(running.map((p) => p.kill()));
    await proxy?.stop();
    await t?.close();
    await smtp?.stop();
    await imap?.remove();
  });

  /** A worker in a process of its own, reading the bounce mailbox through `port`. */
  const launchWorker = async (port: number) => {
    const service = await ServiceProcess.beside(t, 'worker', {
      ...imap.settings,
      DELIVERY_REPORTS_IMAP_PORT: String(port),
      DELIVERY_REPORTS_POLL_SECONDS: '1',
    });
    running.push(service);
    return service;
  };
  const folders = async () => ({ inbox: await imap.count('INBOX'), processed: await imap.count('Processed') });

  it('records the outcome once and moves both reports when another worker reads them again', async () => {
    const people = new PeopleApi(t);
    const ids: string[] = [];
    for (const who of ['one', 'two']) {
      const res = await people.resolve([
        parent({
          givenName: `Crash${who}`,
          familyName: 'Testperson',
          confidentialAddress: false,
          contactPoints: [{ system: 'email', value: `crash.${who}@family.example`, use: 'home' }],
          externalIds: [{ system: 'case-management', value: `CM-CRASH-${who}` }],
        }),
      ]);
      ids.push(res.body.people[0].id as string);
    }
    const { id: workflowId } = await t.app.get(WorkflowEngine).start(
      'distribution',
      distributionHandover({
        conferenceReference: 'CPC-2027-000420',
        householdId: 'household-crash',
        heldOn: dateInLondon(HELD_AT),
        chairSub: CHAIR,
        invitees: ids.map((id) => handoverInvitee(id, 'parent')),
      }),
      { actor: SYSTEM_ACTOR, idempotencyKey: 'conference-crash/distribution' },
    );
    const as = (role: string, sub = `user-${role}`) => bearer(t.config, t.clock, role as never, { sub, area: 'north' });
    t.clock.set('2027-03-09T09:00:00Z');
    const http = () => request(t.app.getHttpServer());
    expect(
      (
        await http()
          .post(`/distributions/${workflowId}/documents/decisions/drafts`)
          .set('Authorization', await as('coordinator'))
          .set('Idempotency-Key', 'crash-draft')
      ).status,
    ).toBe(200);
    expect(
      (
        await http()
          .post(`/distributions/${workflowId}/approvals/decisions`)
          .set('Authorization', await as('chair', CHAIR))
          .set('Idempotency-Key', 'crash-approve')
          .send({})
      ).status,
    ).toBe(200);
    await t.app.get(OutboxDispatcher).drain();
    await smtp.waitForReports(2);
    await waitFor('both reports in the mailbox', async () => (await folders()).inbox === 2, 30_000);
    const outcomes = () =>
      query<{ event_type: string; event_id: string; pack_id: string }>(
        t.databaseUrl,
        `SELECT event_type, event_id, payload->>'packId' AS pack_id FROM workflow_journal
          WHERE workflow_id = $1 AND event_type = 'pack.delivered' ORDER BY seq`,
        [workflowId],
      );

    // The first worker records the first report's outcome, and is held sending its MOVE: killed there.
    const first = await launchWorker(proxy.port);
    await proxy.held;
    await first.kill();
    expect(first.exit?.signal).toBe('SIGKILL');
    const committed = await outcomes();
    expect(committed).toHaveLength(1);
    expect(await folders()).toEqual({ inbox: 2, processed: 0 });

    // Another worker (straight to the server): the first report answered from the journal, the second recorded.
    proxy.stopHolding();
    await launchWorker(imap.access.port);
    await waitFor('both reports moved', async () => (await folders()).processed === 2, 30_000);
    expect(await folders()).toEqual({ inbox: 0, processed: 2 });
    const recorded = await outcomes();
    expect(recorded).toHaveLength(2);
    expect(recorded[0]).toEqual(committed[0]);
    expect(new Set(recorded.map((e) => e.pack_id)).size).toBe(2);
    const context = (await t.app.get(WorkflowEngine).get(workflowId)).context as unknown as DistributionContext;
    expect(context.packs.map((p) => p.status)).toEqual(['delivered', 'delivered']);
    const links = await query<{ delivery: string }>(
      t.databaseUrl,
      `SELECT delivery FROM distribution_link WHERE workflow_id = $1`,
      [workflowId],
    );
    expect(links).toEqual([{ delivery: 'delivered' }, { delivery: 'delivered' }]);
  }, 120_000);
});
