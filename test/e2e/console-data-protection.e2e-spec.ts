import { WorkflowEngine } from '@app/persistence';
import { OutboxDispatcher } from '@app/timers';
import { type DistributionContext, SYSTEM_ACTOR } from '@app/workflows';
import { distributionHandover, handoverInvitee } from '../fixtures/distribution';
import { PeopleApi } from '../fixtures/people';
import { type ConsoleHarness, expectAccessible, expectReflowsAt320, startConsole } from '../support/console';
import { query } from '../support/rows';
import { SmtpServerProcess } from '../support/smtp-server';
import { bearer } from '../support/tokens';

/** Tuesday 24 November 2026, the day after the conference. */
const NOW = '2026-11-24T10:00:00Z';

/**
 * The data protection officer's page in the console, in a real browser: packs sent in error and
 * revoked — one opened before it was revoked, one sent and not opened, one revoked before it went —
 * each with what was exposed, to whom (by person id), when, and whether it was opened; for managers
 * and auditors only, and in the navigation only for them.
 */
describe('Console: data protection incidents', () => {
  let c: ConsoleHarness;
  let smtp: SmtpServerProcess;
  let reference: string;
  let distributionId: string;

  const as = (role: string, sub = `user-${role}`) =>
    bearer(c.t.config, c.t.clock, role as never, { sub, area: 'north' });
  const linkIn = (text: string) => /\/packs\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];

  beforeAll(async () => {
    smtp = await SmtpServerProcess.start();
    c = await startConsole(undefined, { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) });
    c.t.clock.set(NOW);
    const people = new PeopleApi(c.t);
    const ids: string[] = [];
    for (const who of ['opened', 'unopened', 'unsent']) {
      const res = await people.resolve([
        {
          kind: 'adult',
          givenName: 'Dpofictional',
          familyName: `Professional ${who}`,
          contactPoints: [{ system: 'email', value: `dpo-${who}@agency.example`, use: 'work' }],
          externalIds: [{ system: 'staff', value: `DPO-${who}` }],
        },
      ]);
      ids.push(res.body.people[0].id as string);
    }
    reference = 'CPC-2026-000777';
    const { id } = await c.t.app.get(WorkflowEngine).start(
      'distribution',
      distributionHandover({
        conferenceReference: reference,
        householdId: 'household-dpo',
        heldOn: '2026-11-23',
        chairSub: 'chair-north',
        invitees: ids.map((personId) => handoverInvitee(personId, 'professional', 'agency-north')),
      }),
      { actor: SYSTEM_ACTOR, idempotencyKey: 'conference-dpo/distribution' },
    );
    distributionId = id;
    const http = c.http;
    await http()
      .post(`/distributions/${id}/documents/decisions/drafts`)
      .set('Authorization', await as('coordinator'))
      .expect(200);
    await http()
      .post(`/distributions/${id}/approvals/decisions`)
      .set('Authorization', await as('chair', 'chair-north'))
      .send({})
      .expect(200);
    const packs = async () =>
      ((await c.t.app.get(WorkflowEngine).get(id)).context as unknown as DistributionContext).packs;
    const packOf = async (personId: string) => (await packs()).find((p) => p.recipientId === personId)!;
    const revoke = async (personId: string) =>
      http()
        .post(`/distributions/${id}/packs/${(await packOf(personId)).packId}/revocation`)
        .set('Authorization', await as('coordinator'))
        .send({ reason: 'wrong-recipient' })
        .expect(200);
    // The third is revoked while still queued; the other two go out, one is opened.
    await revoke(ids[2]!);
    await c.t.app.get(OutboxDispatcher).drain();
    await smtp.waitFor(2);
    const token = linkIn(smtp.to('dpo-opened@agency.example')[0]!.text)!;
    await http().post(`/packs/${token}/documents`).type('form').send({}).expect(200);
    c.t.clock.set('2026-11-24T11:30:00Z');
    await revoke(ids[0]!);
    await revoke(ids[1]!);
    await c.t.app.get(OutboxDispatcher).drain();
  }, 120_000);
  afterAll(async () => {
    await c?.close();
    await smtp?.stop();
  });

  it('shows a manager each incident: what was exposed, to whom, when, and whether it was opened', async () => {
    const page = await c.signIn('manager', '/console/data-protection');
    await expect(page.locator('.govuk-service-navigation').textContent()).resolves.toContain('Data protection');
    const incidents = page.locator('.incident');
    await expect(incidents.count()).resolves.toBe(3);
    const texts = await incidents.allTextContents();
    for (const text of texts) {
      expect(text).toContain(reference);
      expect(text).toMatch(/decisions[^,]*, version 1: 1 part/);
    }
    // Newest first: the two revoked at 11:30 (one opened, one not), then the one that never went.
    expect(texts.filter((t) => t.includes('First opened'))).toHaveLength(1);
    expect(texts.filter((t) => /Not opened\s/.test(t) && t.includes('Not opened before it was revoked'))).toHaveLength(2);
    expect(texts[2]).toContain('Not sent yet (revoked while queued)');
    expect(texts.filter((t) => t.includes('Revoked') && t.includes('11:30'))).toHaveLength(2);
    for (const text of texts) {
      expect(text).toContain('by user-coordinator');
      expect(text).toMatch(/Why\s*Wrong recipient/);
    }
    // Names and addresses are not on the page: people by id.
    const body = await page.locator('main').textContent();
    expect(body).not.toContain('Dpofictional');
    expect(body).not.toContain('@agency.example');
    // The page is a read of the distribution in the access log, once however many incidents it has.
    const reads = await query<{ subject: string; route: string }>(
      c.t.databaseUrl,
      `SELECT subject, route FROM access_log WHERE record_id = $1 AND action = 'read' AND subject = 'manager'`,
      [distributionId],
    );
    expect(reads).toEqual([{ subject: 'manager', route: 'GET /console/data-protection' }]);
    await expectAccessible(page);
    await expectReflowsAt320(page);
    await page.click('a:has-text("Open the distribution")');
    await expect(page.locator('h1').textContent()).resolves.toContain(reference);
  });

  it('is the auditor’s too, and not a co-ordinator’s: no link for them, and 403 if they ask', async () => {
    const auditor = await c.signIn('auditor', '/console/data-protection');
    await expect(auditor.locator('.incident').count()).resolves.toBe(3);
    const coordinator = await c.signIn('coordinator-north', '/console');
    await expect(coordinator.locator('.govuk-service-navigation').textContent()).resolves.not.toContain(
      'Data protection',
    );
    const refused = await coordinator.goto(`${c.base}/console/data-protection`);
    expect(refused?.status()).toBe(403);
    await expect(coordinator.locator('.incident').count()).resolves.toBe(0);
  });
});
