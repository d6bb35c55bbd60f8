import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DocumentStore, loadConfig, WorkflowEngine } from '@app/persistence';
import {
  dateInLondon,
  DEFAULT_STATUTORY_SETTINGS,
  distributionFigures,
  ManualClock,
  SYSTEM_ACTOR,
} from '@app/workflows';
import { parent } from '../fixtures/people';
import { startTestApp, TestApp } from '../support/app';
import { ServiceProcess } from '../support/child-process';
import { createTestDatabase } from '../support/database';
import { pdfBytes } from '../support/documents';
import { query } from '../support/rows';
import { SmtpServerProcess } from '../support/smtp-server';
import { waitFor } from '../support/timers';
import { bearer } from '../support/tokens';

/** Values that appear nowhere else, so finding one can only mean it leaked. */
const PERSONAL = {
  motherName: 'Hyacinthemum',
  fatherName: 'Leopoldusdad',
  familyName: 'Wrenfeather',
  motherEmail: 'hyacinthe.w@family.example',
  fatherEmail: 'leopold.w@family.example',
  proEmail: 'officer.k@police.example',
  addressLine: '9 Quinceberry Walk',
  minutesText: 'MINUTES-BODY-LOGTEST-3318',
  sectionText: 'EXCLUDED-SECTION-LOGTEST-8812',
  addressText: 'ADDRESS-PART-LOGTEST-4471',
  reportText: 'REPORT-BODY-LOGTEST-2290',
  correctionText: 'Please correct the spelling of Hyacinthemum',
};

/**
 * The service in a process of its own at the most talkative log level, its output captured,
 * driven through the distribution: decisions drafted, approved and emailed, links opened with and
 * without a code, minutes uploaded, an approval refused, a correction through the link, a pack
 * revoked, bad input. No name, email address, address, document content, code or link token is
 * in any log line, email subject, effect row or journal event.
 */
describe('distribution: no personal data in logs, subjects, effects or the journal', () => {
  let service: ServiceProcess;
  let smtp: SmtpServerProcess;
  let starter: TestApp;
  let databaseUrl: string;
  let drop: () => Promise<void>;
  const config = loadConfig({});
  const clock = new ManualClock(new Date());
  const as = (role: string, sub = `user-${role}`) =>
    bearer(config, clock, role as 'coordinator', { area: 'north', sub });
  const tokens: string[] = [];
  const codes: string[] = [];

  beforeAll(async () => {
    smtp = await SmtpServerProcess.start();
    const database = await createTestDatabase();
    drop = database.drop;
    databaseUrl = database.url;
    service = await ServiceProcess.start({
      DATABASE_URL: database.url,
      MIGRATE_ON_START: 'false',
      QUEUE_PREFIX: `dlogs${process.pid}`,
      PROCESS_ROLE: 'all',
      LOG_LEVEL: 'trace',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
    });
    // Starts the workflow as the conference's handover does, from a second, API-only process on the same database.
    starter = await startTestApp({ PROCESS_ROLE: 'api' }, new ManualClock(new Date()), {
      databaseUrl: database.url,
    });
  }, 180_000);
  afterAll(async () => {
    await starter?.close();
    await service?.kill();
    await smtp?.stop();
    await drop?.();
  });

  it('writes none of them, whatever the answer', async () => {
    const http = () => request(service.url);
    const person = async (given: string, email: string | null, caseId: string) => {
      const res = await http()
        .post('/people')
        .set('Authorization', await as('social_worker'))
        .send({
          area: 'north',
          people: [
            parent({
              givenName: given,
              familyName: PERSONAL.familyName,
              address: { lines: [PERSONAL.addressLine], postcode: 'NW1 4AB' },
              contactPoints: email ? [{ system: 'email', value: email, use: 'home' }] : [],
              externalIds: [{ system: 'case-management', value: caseId }],
            }),
          ],
        });
      expect(res.body.people?.[0]?.id).toBeDefined();
      return res.body.people[0].id as string;
    };
    const mother = await person(PERSONAL.motherName, PERSONAL.motherEmail, 'CM-LOG-1');
    const father = await person(PERSONAL.fatherName, PERSONAL.fatherEmail, 'CM-LOG-2');
    const police = await person('Constable', PERSONAL.proEmail, 'CM-LOG-3');
    const reportId = randomUUID();
    const invitee = (personId: string, invitedAs: string) => ({
      personId,
      invitedAs,
      agencyId: null,
      attended: true,
      contactBy: 'email',
    });
    const { id } = await starter.app.get(WorkflowEngine).start(
      'distribution',
      {
        conferenceReference: 'CPC-2026-000077',
        area: 'north',
        householdId: 'household-77',
        conferenceKind: 'initial',
        heldOn: dateInLondon(new Date()),
        chairSub: 'chair-7',
        invitees: [invitee(mother, 'parent'), invitee(father, 'parent'), invitee(police, 'professional')],
        uninvitedAttendeePersonIds: [],
        exclusions: [{ partId: 'part-police', excludedPersonIds: [father] }],
        reports: [
          {
            key: 'police',
            documentId: reportId,
            caseManagementReference: null,
            notForSharingWithParents: true,
          },
        ],
        confidentialAddressPersonIds: [mother],
        children: [{ childId: 'child-a', outcome: 'plan', categories: ['neglect'] }],
        figures: distributionFigures(DEFAULT_STATUTORY_SETTINGS, []),
      },
      { actor: SYSTEM_ACTOR, idempotencyKey: 'log-conference/distribution' },
    );
    await starter.app.get(DataSource).transaction((tx) =>
      starter.app.get(DocumentStore).insert(tx, {
        id: reportId,
        workflowId: id,
        area: 'north',
        kind: 'report',
        mediaType: 'application/pdf',
        content: pdfBytes(PERSONAL.reportText),
        uploadedBy: 'coordinator-1',
      }),
    );
    const coordinator = await as('coordinator');
    const chair = await as('chair', 'chair-7');
    const statuses: number[] = [];
    const send = async (req: request.Test) => {
      const res = await req;
      statuses.push(res.status);
      return res;
    };
    const linkOf = (text: string) => /\/packs\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];

    await send(
      http().post(`/distributions/${id}/documents/decisions/drafts`).set('Authorization', coordinator),
    );
    await send(http().post(`/distributions/${id}/approvals/decisions`).set('Authorization', chair).send({}));
    await waitFor('three emails', async () => smtp.received.length >= 3, 60_000);
    for (const message of smtp.received) tokens.push(linkOf(message.text)!);
    const motherLink = linkOf(smtp.to(PERSONAL.motherEmail)[0]!.text)!;
    const policeLink = linkOf(smtp.to(PERSONAL.proEmail)[0]!.text)!;
    await send(http().get(`/packs/${policeLink}`));
    await send(http().post(`/packs/${policeLink}/documents`).type('form').send({}));
    await send(http().post(`/packs/${motherLink}/documents`).type('form').send({ code: '123456' }));
    await send(http().post(`/packs/${motherLink}/code`).type('form').send({}));
    await waitFor('the code', async () => smtp.to(PERSONAL.motherEmail).length === 2, 30_000);
    const code = /documents is (\d{6})/.exec(smtp.to(PERSONAL.motherEmail)[1]!.text)![1]!;
    codes.push(code);
    await send(http().post(`/packs/${motherLink}/documents`).type('form').send({ code }));

    const pdf = (text: string) => pdfBytes(text).toString('base64');
    await send(
      http()
        .post(`/distributions/${id}/documents/minutes/versions`)
        .set('Authorization', coordinator)
        .send({
          parts: [
            { kind: 'main', content: pdf(PERSONAL.minutesText) },
            { kind: 'excluded-section', sectionId: 'part-police', content: pdf(PERSONAL.sectionText) },
            { kind: 'confidential-address', addressOfPersonId: mother, content: pdf(PERSONAL.addressText) },
          ],
        }),
    );
    await send(http().post(`/distributions/${id}/reports`).set('Authorization', coordinator));
    // Bad input, whose errors are where values leak first.
    await send(
      http()
        .post(`/distributions/${id}/documents/minutes/versions`)
        .set('Authorization', coordinator)
        .send({ parts: [{ kind: 'main', content: Buffer.from(PERSONAL.minutesText).toString('base64') }] }),
    );
    await send(
      http()
        .post(`/distributions/${id}/recipients`)
        .set('Authorization', chair)
        .send({ personId: PERSONAL.motherEmail, role: 'professional' }),
    );
    await send(http().get(`/packs/${'B'.repeat(43)}`));
    const draft = (await send(http().get(`/distributions/${id}/lists/minutes`).set('Authorization', chair)))
      .body.draft;
    const everything = draft.recipients.map((r: { recipientId: string }) => ({
      recipientId: r.recipientId,
      documents: draft.recipients.flatMap((e: { documents: unknown[] }) => e.documents).slice(0, 1),
    }));
    await send(
      http()
        .post(`/distributions/${id}/approvals/minutes`)
        .set('Authorization', chair)
        .send({ recipients: everything }),
    );
    await send(http().post(`/distributions/${id}/approvals/minutes`).set('Authorization', chair).send({}));
    await waitFor('the minutes', async () => smtp.to(PERSONAL.proEmail).length === 2, 60_000);
    const policeMinutes = linkOf(smtp.to(PERSONAL.proEmail)[1]!.text)!;
    tokens.push(policeMinutes, linkOf(smtp.to(PERSONAL.motherEmail).at(-1)!.text)!);
    await send(
      http().post(`/packs/${policeMinutes}/corrections`).type('form').send({ text: PERSONAL.correctionText }),
    );
    const packId = `minutes.1.${police}`;
    await send(
      http()
        .post(`/distributions/${id}/packs/${packId}/revocation`)
        .set('Authorization', coordinator)
        .set('X-Request-Id', 'last-request-of-distribution-logs')
        .send({ reason: 'wrong-recipient' }),
    );
    await send(http().post(`/packs/${policeMinutes}/documents`).type('form').send({}));

    expect(new Set(statuses)).toEqual(new Set([200, 400, 404, 410, 422]));
    await waitFor('the last request in the log', async () =>
      service.log.includes('last-request-of-distribution-logs'),
    );
    await waitFor(
      'the incident recorded',
      async () => {
        const rows = await query(databaseUrl, `SELECT 1 FROM data_protection_incident`);
        return rows.length === 1;
      },
      30_000,
    );
    const output = service.log;
    expect(output).toMatch(/"path":"\/packs\/\[token\]\/documents"/);
    const stored = [
      ...(await query(databaseUrl, `SELECT payload::text AS text FROM outbox`)),
      ...(await query(databaseUrl, `SELECT payload::text AS text FROM workflow_journal`)),
      ...(await query(databaseUrl, `SELECT exposed::text AS text FROM data_protection_incident`)),
    ].map((row) => String(row.text));
    const subjects = smtp.received.map((m) => m.subject);
    for (const [what, value] of [
      ...Object.entries(PERSONAL),
      ...tokens.map((v, i) => [`token ${i}`, v]),
      ...codes.map((c) => ['code', c]),
    ]) {
      expect({ what, inLog: output.includes(value) }).toEqual({ what, inLog: false });
      expect({ what, inSubject: subjects.some((s) => s.includes(value)) }).toEqual({
        what,
        inSubject: false,
      });
      expect({ what, inRows: stored.some((s) => s.includes(value)) }).toEqual({ what, inRows: false });
    }
  }, 240_000);
});
