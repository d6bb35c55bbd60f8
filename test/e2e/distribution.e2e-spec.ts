import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DocumentStore, WorkflowEngine } from '@app/persistence';
import { OutboxDispatcher } from '@app/timers';
import {
  dateInLondon,
  DEFAULT_STATUTORY_SETTINGS,
  type DistributionContext,
  distributionFigures,
  ManualClock,
  SYSTEM_ACTOR,
} from '@app/workflows';
import { DistributionEffectsHandler } from '../../apps/api/src/distribution/distribution-effects.handler';
import { unzipStored } from '../../apps/api/src/distribution/pack-zip';
import { parent, PeopleApi } from '../fixtures/people';
import { startTestApp, TestApp } from '../support/app';
import { pdfBytes } from '../support/documents';
import { asBytes } from '../support/multipart';
import { query } from '../support/rows';
import { SmtpServerProcess } from '../support/smtp-server';
import { fireDueSteps, waitFor, waitForOutbox } from '../support/timers';
import { bearer } from '../support/tokens';

/**
 * The distribution against the real services: PostgreSQL, the queue, the SMTP server process, on
 * the injected clock. The conference's part-2 routes are being built elsewhere, so the workflow is
 * started as the conference's handover starts it (the engine's start with a DistributionStartInput,
 * as the outbox's workflow-links handler performs a `workflow.start`).
 */
const HELD_AT = new Date('2026-11-23T16:00:00Z'); // Monday
const CHAIR = 'chair-7';
const TEXT = {
  decisionsSecret: 'The chair decided the plan in confidence',
  minutesMain: 'MINUTES-MAIN-TEXT-7781',
  section: 'POLICE-ONLY-SECTION-4410',
  address: 'CONFIDENTIAL-ADDRESS-22-Birch-Lane',
  policeReport: 'POLICE-REPORT-BODY-5532',
  minutesV2: 'MINUTES-MAIN-CORRECTED-9902',
};

describe('distribution: decisions, minutes, corrections, revocation (e2e)', () => {
  let t: TestApp;
  let smtp: SmtpServerProcess;
  const ids: Record<string, string> = {};
  const emails: Record<string, string> = {};
  let workflowId: string;
  const reportDocumentId = randomUUID();

  const http = () => request(t.app.getHttpServer());
  const as = (role: string, sub = `user-${role}`) =>
    bearer(t.config, t.clock, role as never, { sub, area: 'north' });
  const context = async () =>
    (await t.app.get(WorkflowEngine).get(workflowId)).context as unknown as DistributionContext;
  const drain = async () => {
    await t.app.get(OutboxDispatcher).drain();
  };
  const linkIn = (text: string) => /\/packs\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
  const linksTo = (who: string) =>
    smtp
      .to(emails[who]!)
      .map((m) => linkIn(m.text))
      .filter((l): l is string => !!l);

  beforeAll(async () => {
    smtp = await SmtpServerProcess.start();
    t = await startTestApp(
      { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) },
      new ManualClock(HELD_AT),
    );
    const people = new PeopleApi(t);
    const adult = (
      key: string,
      givenName: string,
      email: string | null,
      extra: Record<string, unknown> = {},
    ) =>
      parent({
        givenName,
        familyName: 'Testperson',
        confidentialAddress: false,
        contactPoints: email ? [{ system: 'email', value: email, use: 'home' }] : [],
        externalIds: [{ system: 'case-management', value: `CM-70${key}` }],
        ...extra,
      });
    const spec: [string, string, string | null, Record<string, unknown>?][] = [
      ['mother', 'Zofiamother', 'mother@family.example', { confidentialAddress: true }],
      ['father', 'Barnabyfather', 'father@family.example'],
      ['grandmother', 'Ottiliegran', null],
      ['socialWorker', 'Quentinsw', 'sw@council.example'],
      ['police', 'Perpetuapolice', 'police@police.example'],
      ['gp', 'Cornelisgp', 'gp@surgery.example'],
    ];
    for (const [i, [key, name, email, extra]] of spec.entries()) {
      const res = await people.resolve([adult(String(10 + i), name, email, extra)]);
      expect(res.body.people?.[0]?.created).toBe(true);
      ids[key] = res.body.people[0].id;
      if (email) emails[key] = email;
    }
    const invitee = (
      key: string,
      invitedAs: string,
      contactBy = 'email',
      agencyId: string | null = null,
    ) => ({
      personId: ids[key],
      invitedAs,
      agencyId,
      attended: true,
      contactBy,
    });
    const started = await t.app.get(WorkflowEngine).start(
      'distribution',
      {
        conferenceReference: 'CPC-2026-000042',
        area: 'north',
        householdId: 'household-12',
        conferenceKind: 'initial',
        heldOn: dateInLondon(HELD_AT),
        chairSub: CHAIR,
        invitees: [
          invitee('mother', 'parent'),
          invitee('father', 'parent'),
          invitee('grandmother', 'carer', 'letter'),
          invitee('socialWorker', 'social-worker'),
          invitee('police', 'professional', 'email', 'police-north'),
        ],
        uninvitedAttendeePersonIds: [],
        exclusions: [{ partId: 'part-police', excludedPersonIds: [ids.father] }],
        reports: [
          {
            key: 'police-north',
            documentId: reportDocumentId,
            caseManagementReference: null,
            notForSharingWithParents: true,
          },
        ],
        confidentialAddressPersonIds: [ids.mother],
        children: [{ childId: 'child-a', outcome: 'plan', categories: ['neglect'] }],
        figures: distributionFigures(DEFAULT_STATUTORY_SETTINGS, []),
      },
      { actor: SYSTEM_ACTOR, idempotencyKey: 'conference-1/distribution' },
    );
    workflowId = started.id;
    // The police report, uploaded in part 1 (stored against this workflow here: there is no conference row).
    await t.app.get(WorkflowEngine).get(workflowId);
    const store = t.app.get(DocumentStore);
    const { DataSource } = await import('typeorm');
    await t.app.get(DataSource).transaction((tx) =>
      store.insert(tx, {
        id: reportDocumentId,
        workflowId,
        area: 'north',
        kind: 'report',
        mediaType: 'application/pdf',
        content: pdfBytes(TEXT.policeReport),
        uploadedBy: 'coordinator-1',
      }),
    );
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('the decisions go to every invitee within 1 working day: an email each, a printed pack for the one without', async () => {
    const coordinator = await as('coordinator');
    const draft = await http()
      .post(`/distributions/${workflowId}/documents/decisions/drafts`)
      .set('Authorization', coordinator)
      .set('Idempotency-Key', 'draft-1');
    expect(draft.status).toBe(200);
    const approved = await http()
      .post(`/distributions/${workflowId}/approvals/decisions`)
      .set('Authorization', await as('chair', CHAIR))
      .set('Idempotency-Key', 'approve-decisions')
      .send({});
    expect(approved.status).toBe(200);
    await drain();
    await smtp.waitFor(4);
    for (const who of ['mother', 'father', 'socialWorker', 'police']) expect(linksTo(who)).toHaveLength(1);
    // A sending delivered again (the dispatcher's retry after a crash) sends nothing more: the pack is no longer queued.
    const [sent] = await query<{ id: string; journal_seq: number; payload: Record<string, unknown> }>(
      t.databaseUrl,
      `SELECT id::text, journal_seq, payload FROM outbox WHERE workflow_id = $1 AND effect_type = 'distribution.send-pack' AND status = 'done' LIMIT 1`,
      [workflowId],
    );
    await t.app.get(DistributionEffectsHandler).handle({
      id: sent!.id,
      workflowId,
      journalSeq: sent!.journal_seq,
      type: 'distribution.send-pack',
      payload: sent!.payload,
      attempt: 2,
    });
    expect(smtp.received).toHaveLength(4);
    const ctx = await context();
    const decisions = ctx.packs.filter((p) => p.round === 'decisions');
    expect(decisions).toHaveLength(5);
    for (const pack of decisions.filter((p) => p.channel === 'email')) {
      expect(pack.status).toBe('sent');
      expect(dateInLondon(new Date(pack.sentAt!)) <= ctx.clocks.decisionsDueBy).toBe(true);
    }
    expect(ctx.clocks.decisionsDueBy).toBe('2026-11-24');
    const letter = decisions.find((p) => p.recipientId === ids.grandmother)!;
    expect(letter.channel).toBe('letter');
    const printed = await http()
      .get(`/distributions/${workflowId}/packs/${letter.packId}/print`)
      .set('Authorization', coordinator)
      .buffer(true)
      .parse(asBytes);
    expect(printed.status).toBe(200);
    expect(unzipStored(printed.body as Buffer).map((e) => e.name)).toEqual(['decisions-v1/01-main.txt']);
    const posted = await http()
      .post(`/distributions/${workflowId}/packs/${letter.packId}/posted`)
      .set('Authorization', coordinator)
      .set('Idempotency-Key', 'posted-1');
    expect(posted.status).toBe(200);
    expect(
      (await context()).packs.filter((p) => p.round === 'decisions').every((p) => p.status === 'sent'),
    ).toBe(true);
    // The decisions' clock is closed: they went out in time.
    const clock = await query<{ status: string; due_date: string }>(
      t.databaseUrl,
      `SELECT status, to_char(due_date, 'YYYY-MM-DD') AS due_date FROM workflow_deadline WHERE workflow_id = $1 AND kind = 'distribution-decisions'`,
      [workflowId],
    );
    expect(clock).toEqual([{ status: 'met', due_date: '2026-11-24' }]);
  });

  const download = (token: string, form: Record<string, string> = {}) =>
    http()
      .post(`/packs/${token}/documents`)
      .type('form')
      .send(form)
      .buffer(true)
      .parse(asBytes);

  it('a link shows a page and changes nothing; a professional downloads on the page’s POST; a parent needs the code from a second email', async () => {
    const [policeLink] = linksTo('police');
    const page = await http().get(`/packs/${policeLink}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('Download my documents');
    expect((await context()).packs.find((p) => p.recipientId === ids.police)!.firstOpenedAt).toBeNull();

    const file = await download(policeLink!);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toMatch(/application\/zip/);
    const [entry] = unzipStored(file.body as Buffer);
    expect(entry!.content.toString('utf8')).toContain('CPC-2026-000042');
    expect(entry!.content.toString('utf8')).toContain('child-a');
    expect(
      (await context()).packs.find((p) => p.packId === `decisions.1.${ids.police}`)!.firstOpenedAt,
    ).not.toBeNull();

    const [motherLink] = linksTo('mother');
    const refused = await download(motherLink!);
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    const before = smtp.to(emails.mother!).length;
    expect((await http().post(`/packs/${motherLink}/code`).type('form').send({})).status).toBe(200);
    await waitFor('the mother’s code', async () => smtp.to(emails.mother!).length === before + 1);
    const codeMail = smtp.to(emails.mother!)[before]!;
    const code = /code to open your documents is (\d{6})/.exec(codeMail.text)![1]!;
    // The code travels in its own email, never in the subject, and not with the link.
    expect(codeMail.subject).not.toContain(code);
    expect(linkIn(codeMail.text)).toBeUndefined();
    expect((await download(motherLink!, { code: code === '000000' ? '111111' : '000000' })).status).toBe(422);
    const opened = await download(motherLink!, { code });
    expect(opened.status).toBe(200);
    // A code works once.
    expect((await download(motherLink!, { code })).status).toBe(422);
    const log = await query<{ subject: string; role: string }>(
      t.databaseUrl,
      `SELECT subject, role FROM access_log WHERE role = 'recipient' AND record_id = $1 ORDER BY at`,
      [workflowId],
    );
    expect(log.map((l) => l.subject)).toEqual([`recipient:${ids.police}`, `recipient:${ids.mother}`]);
  });

  const pdf = (text: string) => pdfBytes(text).toString('base64');
  let minutesMainPart: string;

  it('the chair’s approval that gives the father the section he was excluded from is refused, naming the rule and him', async () => {
    const coordinator = await as('coordinator');
    const version = await http()
      .post(`/distributions/${workflowId}/documents/minutes/versions`)
      .set('Authorization', coordinator)
      .set('Idempotency-Key', 'minutes-v1')
      .send({
        parts: [
          { kind: 'main', content: pdf(TEXT.minutesMain) },
          { kind: 'excluded-section', sectionId: 'part-police', content: pdf(TEXT.section) },
          { kind: 'confidential-address', addressOfPersonId: ids.mother, content: pdf(TEXT.address) },
        ],
      });
    expect(version.status).toBe(200);
    const reports = await http()
      .post(`/distributions/${workflowId}/reports`)
      .set('Authorization', coordinator)
      .set('Idempotency-Key', 'reports-1');
    expect(reports.status).toBe(200);
    const ctx = await context();
    const parts = ctx.documents.find((d) => d.documentId === 'minutes')!.versions[0]!.parts;
    minutesMainPart = parts[0]!.partId;
    const section = parts.find((p) => p.kind === 'excluded-section')!.partId;
    const bad = await http()
      .post(`/distributions/${workflowId}/approvals/minutes`)
      .set('Authorization', await as('chair', CHAIR))
      .send({
        recipients: [{ recipientId: ids.father, documents: [{ documentId: 'minutes', partIds: [section] }] }],
      });
    expect(bad.status).toBe(422);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(bad.body.violations).toEqual(
      expect.arrayContaining([
        { rule: 'excluded-section', recipientId: ids.father, documentId: 'minutes', partId: section },
      ]),
    );
    expect((await context()).approvals).toHaveLength(1);
  });

  it('the minutes approved and sent: the father’s pack lacks the excluded section, the mother’s address and the police report', async () => {
    // The chair adds the GP, who was not invited: the minutes go to them too.
    const added = await http()
      .post(`/distributions/${workflowId}/recipients`)
      .set('Authorization', await as('chair', CHAIR))
      .set('Idempotency-Key', 'add-gp')
      .send({ personId: ids.gp, role: 'professional' });
    expect(added.status).toBe(200);
    const unknown = await http()
      .post(`/distributions/${workflowId}/recipients`)
      .set('Authorization', await as('chair', CHAIR))
      .send({ personId: 'nobody-on-record', role: 'professional' });
    expect(unknown.status).toBe(400);
    const approved = await http()
      .post(`/distributions/${workflowId}/approvals/minutes`)
      .set('Authorization', await as('chair', CHAIR))
      .set('Idempotency-Key', 'approve-minutes')
      .send({});
    expect(approved.status).toBe(200);
    await drain();
    await waitFor('the minutes emails', async () => linksTo('father').length === 2);
    const fatherLink = linksTo('father')[1]!;
    expect((await http().post(`/packs/${fatherLink}/code`).type('form').send({})).status).toBe(200);
    await waitFor('the father’s code', async () => smtp.to(emails.father!).length === 3);
    const code = /code to open your documents is (\d{6})/.exec(smtp.to(emails.father!)[2]!.text)![1]!;
    const file = await download(fatherLink, { code });
    expect([file.status, file.status === 200 ? '' : (file.body as Buffer).toString()]).toEqual([200, '']);
    const bytes = (file.body as Buffer).toString('latin1');
    expect(bytes).toContain(TEXT.minutesMain);
    for (const withheld of [TEXT.section, TEXT.address, TEXT.policeReport])
      expect(bytes).not.toContain(withheld);
    const gpFile = await download(linksTo('gp')[0]!);
    const gpBytes = (gpFile.body as Buffer).toString('latin1');
    expect(gpBytes).toContain(TEXT.minutesMain);
    expect(gpBytes).not.toContain(TEXT.address);
    const policeFile = await download(linksTo('police')[1]!);
    const policeBytes = (policeFile.body as Buffer).toString('latin1');
    expect(policeBytes).toContain(TEXT.section);
    expect(policeBytes).toContain(TEXT.policeReport);
    expect(policeBytes).not.toContain(TEXT.address);
  });

  it('a correction asked through the link and accepted issues version 2 to the same list; version 1’s link answers 410 with no bytes', async () => {
    // The grandmother's printed minutes are posted first: every pack of issue 1 is out.
    const letter = (await context()).packs.find(
      (p) => p.round === 'minutes' && p.recipientId === ids.grandmother,
    )!;
    const posted = await http()
      .post(`/distributions/${workflowId}/packs/${letter.packId}/posted`)
      .set('Authorization', await as('coordinator'))
      .set('Idempotency-Key', 'posted-minutes-1');
    expect(posted.status).toBe(200);
    const motherV1 = linksTo('mother')[1]!;
    const asked = await http()
      .post(`/packs/${motherV1}/corrections`)
      .type('form')
      .send({ text: 'My name is misspelt' });
    expect(asked.status).toBe(200);
    const ctx = await context();
    const correction = ctx.corrections[0]!;
    expect(correction.recipientId).toBe(ids.mother);
    const answered = await http()
      .post(`/distributions/${workflowId}/corrections/${correction.correctionId}/answer`)
      .set('Authorization', await as('chair', CHAIR))
      .set('Idempotency-Key', 'answer-1')
      .send({ accepted: true });
    expect(answered.status).toBe(200);
    const parts = ctx.documents.find((d) => d.documentId === 'minutes')!.versions[0]!.parts;
    const v2 = await http()
      .post(`/distributions/${workflowId}/documents/minutes/versions`)
      .set('Authorization', await as('coordinator'))
      .set('Idempotency-Key', 'minutes-v2')
      .send({
        parts: [
          { kind: 'main', content: pdf(TEXT.minutesV2) },
          ...parts.slice(1).map((p) => ({ partId: p.partId })),
        ],
      });
    expect(v2.status).toBe(200);
    expect(minutesMainPart).toBeDefined();
    const approved = await http()
      .post(`/distributions/${workflowId}/approvals/minutes`)
      .set('Authorization', await as('chair', CHAIR))
      .set('Idempotency-Key', 'approve-minutes-2')
      .send({});
    expect(approved.status).toBe(200);
    await drain();
    await waitFor('version 2 emails', async () => linksTo('mother').length === 3);
    const old = await download(motherV1);
    expect(old.status).toBe(410);
    expect(old.headers['content-type']).toMatch(/problem\+json/);
    expect((old.body as Buffer).toString('latin1')).not.toContain('MINUTES');
    expect((await http().get(`/packs/${motherV1}`)).status).toBe(410);
    // A correction asked on the father's behalf through the API, and rejected: no new version.
    const asked2 = await http()
      .post(`/distributions/${workflowId}/corrections`)
      .set('Authorization', await as('coordinator'))
      .set('Idempotency-Key', 'correction-2')
      .send({ packId: `minutes.2.${ids.father}`, text: 'The date of the next meeting is wrong' });
    expect(asked2.status).toBe(200);
    const second = (await context()).corrections.find((c) => c.recipientId === ids.father)!;
    const rejected = await http()
      .post(`/distributions/${workflowId}/corrections/${second.correctionId}/answer`)
      .set('Authorization', await as('chair', CHAIR))
      .set('Idempotency-Key', 'answer-2')
      .send({ accepted: false });
    expect(rejected.status).toBe(200);
    const afterRejection = await context();
    expect(
      afterRejection.corrections.find((c) => c.correctionId === second.correctionId)!.answer,
    ).toMatchObject({
      accepted: false,
    });
    expect(afterRejection.approvals.filter((a) => a.round === 'minutes')).toHaveLength(2);
    // Its text is in the document store, not in the workflow.
    const [stored] = await query<{ kind: string }>(t.databaseUrl, `SELECT kind FROM document WHERE id = $1`, [
      second.correctionId,
    ]);
    expect(stored).toEqual({ kind: 'correction-request' });
    expect(JSON.stringify(afterRejection)).not.toContain('next meeting');
    const policeV2 = await download(linksTo('police')[2]!);
    expect((policeV2.body as Buffer).toString('latin1')).toContain(TEXT.minutesV2);
  });

  it('a revoked pack answers 410 at once and one data-protection incident is recorded, visible to managers and auditors', async () => {
    const policeLink = linksTo('police')[2]!;
    const packId = (await context()).packs.find(
      (p) => p.round === 'minutes' && p.issue === 2 && p.recipientId === ids.police,
    )!.packId;
    const revoked = await http()
      .post(`/distributions/${workflowId}/packs/${packId}/revocation`)
      .set('Authorization', await as('coordinator'))
      .set('Idempotency-Key', 'revoke-1')
      .send({ reason: 'wrong-recipient' });
    expect(revoked.status).toBe(200);
    expect((await download(policeLink)).status).toBe(410);
    await drain();
    await waitForOutbox(t, ['distribution.data-protection-incident', 'distribution.revoke-pack']);
    for (const role of ['auditor', 'manager']) {
      const incidents = await http()
        .get('/distributions/incidents')
        .set('Authorization', await as(role));
      expect(incidents.status).toBe(200);
      expect(incidents.body.incidents).toHaveLength(1);
      expect(incidents.body.incidents[0]).toMatchObject({
        packId,
        recipientId: ids.police,
        opened: true,
        reason: 'wrong-recipient',
        revokedBy: 'user-coordinator',
      });
    }
    expect(
      (
        await http()
          .get('/distributions/incidents')
          .set('Authorization', await as('coordinator'))
      ).status,
    ).toBe(403);
  });

  it('an expired link answers 410', async () => {
    const [socialWorkerLink] = linksTo('socialWorker');
    const expiresOn = (await context()).packs.find(
      (p) => p.packId === `decisions.1.${ids.socialWorker}`,
    )!.linkExpiresOn;
    // The email gives that last day in words, as the page does.
    const [email] = smtp.to(emails.socialWorker!).filter((m) => linkIn(m.text) === socialWorkerLink);
    const lastDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${expiresOn}T12:00:00Z`),
    );
    expect(email!.text).toContain(`stops working after ${lastDay}.`);
    // Its last day still opens it; the next day (Europe/London) it is gone.
    (t.clock as ManualClock).set(new Date(`${expiresOn}T23:30:00Z`));
    expect((await http().get(`/packs/${socialWorkerLink}`)).status).toBe(200);
    (t.clock as ManualClock).advanceMs(3600_000);
    const gone = await http().get(`/packs/${socialWorkerLink}`);
    expect(gone.status).toBe(410);
    expect(gone.headers['content-type']).toMatch(/problem\+json/);
  });

  it('bad input answers problem+json and writes nothing', async () => {
    const coordinator = await as('coordinator');
    const [before] = await query<{ seq: number }>(
      t.databaseUrl,
      `SELECT seq FROM workflow_instance WHERE id = $1`,
      [workflowId],
    );
    const docsBefore = await query(t.databaseUrl, `SELECT id FROM document`);
    const cases: [string, string, Record<string, unknown> | undefined][] = [
      [
        'post',
        `/distributions/${workflowId}/documents/minutes/versions`,
        { parts: [{ kind: 'main', content: Buffer.from('MZ not a pdf').toString('base64') }] },
      ],
      [
        'post',
        `/distributions/${workflowId}/documents/agenda/versions`,
        { parts: [{ kind: 'main', content: pdf('x') }] },
      ],
      [
        'post',
        `/distributions/${workflowId}/documents/minutes/versions`,
        { parts: [{ kind: 'main', content: pdf('x'), name: 'Zofia' }] },
      ],
      ['post', `/distributions/${workflowId}/documents/decisions/drafts`, { extra: 1 }],
      ['post', `/distributions/${workflowId}/packs/not-a-pack/revocation`, { reason: 'wrong-recipient' }],
      [
        'post',
        `/distributions/${workflowId}/packs/decisions.1.${ids.mother}/revocation`,
        { reason: 'because' },
      ],
      ['post', `/distributions/${workflowId}/corrections`, { packId: `minutes.2.${ids.mother}`, text: '' }],
      [
        'post',
        `/distributions/${workflowId}/packs/decisions.1.${ids.mother}/resending`,
        { channel: 'pigeon' },
      ],
      ['post', `/distributions/${workflowId}/recipients`, { personId: 'gp-1', role: 'doctor' }],
      [
        'post',
        `/distributions/${workflowId}/approvals/minutes`,
        { recipients: [{ recipientId: 'x', documents: 'all' }] },
      ],
      ['post', `/distributions/${workflowId}/approvals/minutes`, { addressNeeds: [{ professionalId: 'x' }] }],
      ['post', `/distributions/${workflowId}/corrections/c-1/answer`, { accepted: 'yes' }],
      ['post', `/distributions/${workflowId}/packs/decisions.1.${ids.grandmother}/posted`, { posted: true }],
      ['post', `/distributions/${workflowId}/reports`, { reportId: 'r-1' }],
      ['get', `/distributions/${workflowId}/packs/not-a-pack/print`, undefined],
      ['get', `/distributions/not-a-uuid/incidents`, undefined],
      ['get', `/distributions/not-a-uuid`, undefined],
      ['get', `/distributions/${workflowId}/lists/agenda`, undefined],
    ];
    for (const [method, path, body] of cases) {
      const token = /recipients|approvals|answer/.test(path)
        ? await as('chair', CHAIR)
        : path.endsWith('/incidents')
          ? await as('auditor')
          : coordinator;
      const res =
        method === 'get'
          ? await http().get(path).set('Authorization', token)
          : await http()
              .post(path)
              .set('Authorization', token)
              .send(body ?? {});
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    expect((await http().post('/packs/not-a-token/documents').type('form').send({})).status).toBe(404);
    const [link] = linksTo('police');
    const badCode = await http().post(`/packs/${link}/documents`).type('form').send({ code: 'abc' });
    expect(badCode.status).toBe(400);
    const emptyCorrection = await http().post(`/packs/${link}/corrections`).type('form').send({ text: '' });
    expect(emptyCorrection.status).toBe(400);
    expect(emptyCorrection.headers['content-type']).toMatch(/problem\+json/);
    const [after] = await query<{ seq: number }>(
      t.databaseUrl,
      `SELECT seq FROM workflow_instance WHERE id = $1`,
      [workflowId],
    );
    expect(after!.seq).toBe(before!.seq);
    expect(await query(t.databaseUrl, `SELECT id FROM document`)).toHaveLength(docsBefore.length);
  });

  it('no name, address, email address or document content in any email subject, effect row, journal event or incident', async () => {
    const forbidden = [
      'Zofiamother',
      'Barnabyfather',
      'Ottiliegran',
      'Quentinsw',
      'Perpetuapolice',
      'Cornelisgp',
      'Testperson',
      'Elm Road',
      ...Object.values(emails),
      ...Object.values(TEXT),
      'misspelt',
      'next meeting',
    ];
    const rows = [
      ...(await query(t.databaseUrl, `SELECT payload::text AS text FROM outbox`)),
      ...(await query(t.databaseUrl, `SELECT payload::text AS text FROM workflow_journal`)),
      ...(await query(t.databaseUrl, `SELECT exposed::text AS text FROM data_protection_incident`)),
      ...smtp.received.map((m) => ({ text: m.subject })),
    ].map((r) => String((r as { text: unknown }).text));
    expect(rows.length).toBeGreaterThan(10);
    for (const text of rows)
      for (const word of forbidden) expect([word, text.includes(word)]).toEqual([word, false]);
  });

  it('is scoped by area and logged: another area’s co-ordinator finds nothing; a read is in the access log', async () => {
    const south = await bearer(t.config, t.clock, 'coordinator', { sub: 'coord-south', area: 'south' });
    expect((await http().get(`/distributions/${workflowId}`).set('Authorization', south)).status).toBe(404);
    expect(
      (
        await http()
          .post(`/distributions/${workflowId}/documents/decisions/drafts`)
          .set('Authorization', south)
      ).status,
    ).toBe(404);
    const read = await http()
      .get(`/distributions/${workflowId}`)
      .set('Authorization', await as('coordinator', 'coord-north'));
    expect(read.status).toBe(200);
    expect(JSON.stringify(read.body)).not.toContain('figures');
    const log = await query<{ action: string; route: string }>(
      t.databaseUrl,
      `SELECT action, route FROM access_log WHERE subject = 'coord-north' AND record_id = $1`,
      [workflowId],
    );
    expect(log).toEqual([{ action: 'read', route: 'GET /distributions/:id' }]);
  });

  it('GET /timescales lists the clocks the machine declares, and computes the dates the machine holds', async () => {
    (t.clock as ManualClock).set(HELD_AT);
    const token = await as('coordinator');
    const list = await http().get('/timescales').set('Authorization', token);
    expect(list.status).toBe(200);
    const kinds = list.body.items.map((clock: { kind: string }) => clock.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['decisions', 'minutes', 'corrections', 'correction-answer']),
    );
    const clocks = (await context()).clocks;
    const due = async (kind: string) =>
      (await http().get(`/timescales/${kind}?from=2026-11-23`).set('Authorization', token)).body.dueDate;
    expect(await due('decisions')).toBe(clocks.decisionsDueBy);
    expect(await due('minutes')).toBe('2026-12-14');
    // The machine's three clocks, each with its ladder among the defaults.
    const declared = await query<{ kind: string }>(
      t.databaseUrl,
      `SELECT DISTINCT kind FROM workflow_deadline WHERE workflow_id = $1 ORDER BY kind`,
      [workflowId],
    );
    // This distribution has met all three by now: the decisions, the minutes, a correction's answer.
    expect(declared.map((d) => d.kind)).toEqual([
      'distribution-correction-answer',
      'distribution-decisions',
      'distribution-minutes',
    ]);
    expect(Object.keys(t.config.escalationLadders)).toEqual(
      expect.arrayContaining([
        'distribution-decisions',
        'distribution-minutes',
        'distribution-correction-answer',
      ]),
    );
  });

  it('late minutes escalate: a distribution whose minutes are not sent in 15 working days tells the service', async () => {
    (t.clock as ManualClock).set(HELD_AT);
    const late = await t.app.get(WorkflowEngine).start(
      'distribution',
      {
        conferenceReference: 'CPC-2026-000043',
        area: 'north',
        householdId: 'household-13',
        conferenceKind: 'initial',
        heldOn: dateInLondon(HELD_AT),
        chairSub: CHAIR,
        invitees: [
          {
            personId: ids.socialWorker,
            invitedAs: 'social-worker',
            agencyId: null,
            attended: true,
            contactBy: 'email',
          },
        ],
        uninvitedAttendeePersonIds: [],
        exclusions: [],
        reports: [],
        confidentialAddressPersonIds: [],
        children: [{ childId: 'child-b', outcome: 'child-in-need', categories: [] }],
        figures: distributionFigures(DEFAULT_STATUTORY_SETTINGS, []),
      },
      { actor: SYSTEM_ACTOR, idempotencyKey: 'conference-2/distribution' },
    );
    await waitForOutbox(t);
    const minutesDueBy = (
      (await t.app.get(WorkflowEngine).get(late.id)).context as unknown as DistributionContext
    ).clocks.minutesDueBy!;
    expect(minutesDueBy).toBe('2026-12-14');
    (t.clock as ManualClock).set(new Date(`${minutesDueBy}T23:30:00Z`));
    await fireDueSteps(t);
    await waitFor(
      'the missed minutes escalated',
      async () => {
        const rows = await query<{ n: number }>(
          t.databaseUrl,
          `SELECT count(*)::int AS n FROM outbox WHERE workflow_id = $1 AND effect_type = 'deadline.escalate' AND payload->>'kind' = 'distribution-minutes'`,
          [late.id],
        );
        return rows[0]!.n > 0;
      },
      60_000,
    );
  });
});
