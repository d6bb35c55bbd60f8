import request from 'supertest';
import { DISTRIBUTION_EFFECTS, DISTRIBUTION_EVENTS } from '@app/workflows';
import { startTestApp, TestApp } from '../support/app';
import { ServiceProcess } from '../support/child-process';
import { HeldChange } from '../support/hold';
import { ConferenceJourney } from '../support/conference-journey';
import { query } from '../support/rows';
import { SmtpServerProcess } from '../support/smtp-server';
import { waitFor } from '../support/timers';

/** The advisory lock the test holds to stop a worker between the email and `pack.sent`. */
const HOLD = 4343;
const SAT_ON = '2027-03-05'; // a Friday

/**
 * A pack's email taken by the relay, and the worker killed (SIGKILL, no shutdown hooks) before
 * `pack.sent` commits: the sending is performed again by another worker, so the recipient gets a
 * second email. Both emails' links open the same pack (neither is a dead link in the recipient's
 * inbox); the pack is sent once in the journal; every other recipient has one email; and revoking
 * the pack stops both links at once.
 */
describe('A pack emailed, the worker killed before it is recorded sent', () => {
  let t: TestApp;
  let j: ConferenceJourney;
  let smtp: SmtpServerProcess;
  const running: ServiceProcess[] = [];

  beforeAll(async () => {
    smtp = await SmtpServerProcess.start();
    t = await startTestApp({ PROCESS_ROLE: 'api', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) });
    t.clock.set('2027-02-20T10:00:00Z');
    j = new ConferenceJourney(t);
    await j.setUp();
  }, 120_000);
  afterAll(async () => {
    await Promise.all(running.map((p) => p.kill()));
    await t?.close();
    await smtp?.stop();
  });

  /** A worker in a process of its own, on this suite's database, queue and clock. */
  const launchWorker = async () => {
    const service = await ServiceProcess.beside(t, 'worker', {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      OUTBOX_BATCH_SIZE: '1',
    });
    running.push(service);
    return service;
  };
  const linkIn = (text: string) => /\/packs\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
  const packEmails = () =>
    smtp.received.filter((m) => linkIn(m.text)).map((m) => ({ to: m.to, link: linkIn(m.text)! }));
  const sendings = (workflowId: string) =>
    query<{ status: string; attempts: number; pack_id: string }>(
      t.databaseUrl,
      `SELECT status, attempts, payload ->> 'packId' AS pack_id FROM outbox
        WHERE workflow_id = $1 AND effect_type = $2 ORDER BY id`,
      [workflowId, DISTRIBUTION_EFFECTS.sendPack],
    );

  it('opens the pack from either email, records it sent once, and stops both links on revocation', async () => {
    // A conference held and decided (the mother by email, the father without one).
    const mother = j.parent('HH-X1', 'mother', [0, 1, 2]);
    const { id } = await j.request(
      j.icpc('HH-X1', '2027-02-19', {
        parentsAndCarers: [
          { ...mother, person: { ...mother.person, contactPoints: [{ system: 'email', value: 'mother.hh-x1@family.example' }] } },
        ],
      }),
      'icpc-hh-x1',
    );
    await j.bookAndSit(id, SAT_ON, '10:00', 'minute-taker-1');
    const children = await j.childIds(id);
    await j.ok(`/conferences/${id}/attendance`, j.quorateAttendance(children), await j.chair(), 'attendance-hh-x1');
    t.clock.set(`${SAT_ON}T12:30:00Z`);
    await j.ok(
      `/conferences/${id}/decision`,
      {
        children: children.map((childId) => ({
          childId,
          plan: true,
          categories: ['neglect'],
          dissent: [],
          chairDecisionRecord: 'Neglect',
        })),
      },
      await j.chair(),
      'decision-hh-x1',
    );
    await j.drain();
    const distributionId = (await j.get(`/conferences/${id}`)).body.distributionId as string;
    expect(distributionId).toEqual(expect.any(String));

    // The decisions drafted and approved by this (API-only) process: the sendings wait in the outbox.
    await j.ok(`/distributions/${distributionId}/documents/decisions/drafts`, undefined, await j.coordinator(), 'draft-hh-x1');
    await j.ok(`/distributions/${distributionId}/approvals/decisions`, {}, await j.chair(), 'approve-hh-x1');
    const before = smtp.received.length;
    const queued = await sendings(distributionId);
    expect(queued.length).toBeGreaterThan(2);
    expect(queued.every((s) => s.status === 'pending' && s.attempts === 0)).toBe(true);

    // A worker (one effect at a time) emails the first pack and is held recording `pack.sent`: a
    // test trigger makes that journal row wait for the test's lock. Then it is killed.
    const hold = await HeldChange.at(t.databaseUrl, {
      lock: HOLD,
      name: 'test_hold_pack_sent',
      event: 'INSERT',
      table: 'workflow_journal',
      when: `NEW.event_type = '${DISTRIBUTION_EVENTS.packSent}'`,
    });
    const worker = await launchWorker();
    await waitFor('the worker to be recording the first pack sent', async () => (await hold.waiting()).length === 1, 60_000);
    await smtp.waitFor(before + 1);
    await worker.kill();
    expect(worker.exit?.signal).toBe('SIGKILL');
    await hold.release();
    const performed = (await sendings(distributionId)).filter((s) => s.attempts > 0);
    expect(performed.map((s) => s.status)).toEqual(['pending']); // emailed, not recorded
    const firstPack = performed[0]!.pack_id;
    const [first] = packEmails();
    expect(packEmails()).toHaveLength(1);
    const journal = () =>
      query<{ event_type: string; pack_id: string }>(
        t.databaseUrl,
        `SELECT event_type, payload ->> 'packId' AS pack_id FROM workflow_journal WHERE workflow_id = $1 AND event_type = $2`,
        [distributionId, DISTRIBUTION_EVENTS.packSent],
      );
    expect(await journal()).toEqual([]);

    // Later (the dead worker's lease runs out on the service's clock), another worker performs
    // every sending, the first again.
    t.clock.set(new Date(t.clock.now().getTime() + 60_000).toISOString());
    const second = await launchWorker();
    await waitFor(
      'every sending performed',
      async () => (await sendings(distributionId)).every((s) => s.status === 'done'),
      60_000,
    );
    expect(second.exit).toBeUndefined();
    const emails = packEmails();
    const again = emails.filter((e) => e.to.join() === first!.to.join());
    expect(again).toHaveLength(2);
    expect(again[1]!.link).not.toBe(again[0]!.link);
    // Every other recipient has exactly one email.
    const byAddress = new Map<string, number>();
    for (const e of emails) byAddress.set(e.to.join(), (byAddress.get(e.to.join()) ?? 0) + 1);
    expect([...byAddress.values()].sort()).toEqual([...Array(byAddress.size - 1).fill(1), 2]);
    // Sent once in the journal, each pack.
    const sent = await journal();
    expect(sent.filter((row) => row.pack_id === firstPack)).toHaveLength(1);
    expect(new Set(sent.map((row) => row.pack_id)).size).toBe(sent.length);

    // Both of the first recipient's links open the pack's page.
    const server = t.app.getHttpServer();
    for (const { link } of again) {
      const page = await request(server).get(`/packs/${link}`);
      expect({ link, status: page.status }).toEqual({ link, status: 200 });
    }

    // Revoked in error: both links stop at once (410 problem+json, no bytes).
    await j.ok(
      `/distributions/${distributionId}/packs/${firstPack}/revocation`,
      { reason: 'wrong-recipient' },
      await j.coordinator(),
      'revoke-hh-x1',
    );
    for (const { link } of again) {
      const page = await request(server).get(`/packs/${link}`);
      expect({ status: page.status, type: page.headers['content-type'] }).toEqual({
        status: 410,
        type: expect.stringContaining('application/problem+json'),
      });
      const bytes = await request(server).post(`/packs/${link}/documents`).type('form').send({ code: '123456' });
      expect({ status: bytes.status, type: bytes.headers['content-type'] }).toEqual({
        status: 410,
        type: expect.stringContaining('application/problem+json'),
      });
    }
    // One data-protection incident, recorded by the running worker.
    const incidents = () =>
      query<{ n: number }>(t.databaseUrl, `SELECT count(*)::int AS n FROM data_protection_incident WHERE workflow_id = $1`, [
        distributionId,
      ]);
    await waitFor('the incident recorded', async () => (await incidents())[0]!.n > 0, 30_000);
    await waitFor(
      'every effect performed',
      async () =>
        (
          await query<{ n: number }>(t.databaseUrl, `SELECT count(*)::int AS n FROM outbox WHERE workflow_id = $1 AND status <> 'done'`, [
            distributionId,
          ])
        )[0]!.n === 0,
      30_000,
    );
    expect(await incidents()).toEqual([{ n: 1 }]);
  }, 240_000);
});
