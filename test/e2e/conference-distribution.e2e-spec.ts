import request from 'supertest';
import { dateInLondon, type DistributionContext, ManualClock, WorkingDayCalendar } from '@app/workflows';
import { WorkflowEngine } from '@app/persistence';
import { startTestApp, TestApp } from '../support/app';
import { Role } from '../support/auth';
import { ConferenceJourney } from '../support/conference-journey';
import { query } from '../support/rows';
import { SmtpServerProcess } from '../support/smtp-server';
import { waitFor } from '../support/timers';

const calendar = new WorkingDayCalendar();
const SAT_ON = '2027-02-19'; // a Friday: the decisions are due on Monday 22 February

/**
 * From a held conference to the invitees' mailboxes, all through HTTP, against PostgreSQL, the
 * queue and the SMTP server process, on the injected clock: the conference requested, booked,
 * sat, its attendance (the father excluded from the police's part) and its decision; the
 * distribution found from the conference's view (`distributionId`); the decisions drafted and
 * the list approved by the chair; every invitee with email receives their own link within one
 * working day of the conference.
 */
describe('Conference to mailboxes: the decision starts the distribution, the decisions arrive in 1 working day (e2e)', () => {
  let t: TestApp;
  let smtp: SmtpServerProcess;
  let j: ConferenceJourney;

  const linkIn = (text: string) => /\/packs\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
  const packLinksTo = (address: string) =>
    smtp
      .to(address)
      .map((m) => linkIn(m.text))
      .filter((l): l is string => !!l);

  beforeAll(async () => {
    smtp = await SmtpServerProcess.start();
    t = await startTestApp(
      { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) },
      new ManualClock(new Date('2027-02-02T10:00:00Z')),
    );
    j = new ConferenceJourney(t);
    await j.setUp();
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  const emailOf = (who: string) => `${who}@agency.example`;
  const family = {
    mother: 'mother.hh-d1@family.example',
    father: 'father.hh-d1@family.example',
  };
  const parentWithEmail = (relationship: 'mother' | 'father', children: number[]) => {
    const base = j.parent('HH-D1', relationship, children);
    return {
      ...base,
      person: { ...base.person, contactPoints: [{ system: 'email', value: family[relationship] }] },
    };
  };

  it('a decided conference shows its distribution; the chair’s list sends each invitee their decisions by the next working day', async () => {
    const { id, reference } = await j.request(
      j.icpc('HH-D1', '2027-02-01', {
        parentsAndCarers: [parentWithEmail('mother', [0, 1, 2]), parentWithEmail('father', [1, 2])],
      }),
      'icpc-hh-d1',
    );
    // Before the decision there is no distribution.
    expect((await j.get(`/conferences/${id}`)).body).toMatchObject({ distributionId: null });

    await j.bookAndSit(id, SAT_ON, '10:00', 'minute-taker-1');
    const view = await j.conference(id);
    const children = view.conference.children.map((c: { personId: string }) => c.personId) as string[];
    const parents = Object.fromEntries(
      view.conference.parentsAndCarers.map((p: { relationship: string; personId: string }) => [
        p.relationship,
        p.personId,
      ]),
    ) as Record<'mother' | 'father', string>;

    const attendance = await j.ok(
      `/conferences/${id}/attendance`,
      {
        ...j.quorateAttendance(children),
        exclusions: [
          {
            partId: 'part-police-intelligence',
            personIds: [parents.father],
            reason: 'Police intelligence not yet disclosed to the father',
            chairDecision: 'The father leaves for the police update and returns for the decision',
          },
        ],
      },
      await j.chair(),
      'attendance-hh-d1',
    );
    expect(attendance.state).toBe('held.deciding');
    t.clock.set(`${SAT_ON}T12:30:00Z`);
    const decided = await j.ok(
      `/conferences/${id}/decision`,
      {
        children: [
          {
            childId: children[0],
            plan: true,
            categories: ['neglect'],
            dissent: [],
            chairDecisionRecord: 'Neglect',
          },
          {
            childId: children[1],
            plan: true,
            categories: ['neglect'],
            dissent: [],
            chairDecisionRecord: 'Neglect',
          },
          {
            childId: children[2],
            plan: false,
            withoutPlan: 'no-further-action',
            dissent: [],
            chairDecisionRecord: 'No continuing risk',
          },
        ],
      },
      await j.chair(),
      'decision-hh-d1',
    );
    expect(decided.state).toBe('decided');
    await j.drain();

    // The distribution, found through the conference's own view, is the one the decision started.
    const conferenceView = await j.get(`/conferences/${id}`);
    expect(conferenceView.status).toBe(200);
    const distributionId = conferenceView.body.distributionId as string;
    expect(distributionId).toEqual(expect.any(String));
    const started = await j.startedBy(id, 'distribution');
    expect(started.map((d) => [d.id, d.start_key])).toEqual([[distributionId, `${id}/distribution`]]);
    // The social worker reads the conference but not its distribution: not shown the id.
    const asSocialWorker = await j.get(`/conferences/${id}`, {}, await j.socialWorker());
    expect({ status: asSocialWorker.status, distributionId: asSocialWorker.body.distributionId }).toEqual({
      status: 200,
      distributionId: null,
    });

    // And through the list: the conference's distribution only, each listed a read in the access log.
    const byConference = await j.get('/distributions', { conference: id });
    expect(byConference.status).toBe(200);
    expect(byConference.body).toMatchObject({
      items: [{ id: distributionId, conferenceId: id, reference, area: 'north', workflowStatus: 'active' }],
      nextCursor: null,
    });
    expect(
      await query(
        t.databaseUrl,
        `SELECT subject FROM access_log WHERE record_type = 'distribution' AND record_id = $1 AND action = 'read'`,
        [distributionId],
      ),
    ).toEqual([{ subject: 'coord-north' }]);
    // Another area's co-ordinator finds nothing; the social worker may not list distributions.
    const south = await j.get('/distributions', { conference: id }, await j.as(Role.Coordinator, { sub: 'coord-south', area: 'south' }));
    expect({ status: south.status, items: south.body.items }).toEqual({ status: 200, items: [] });
    await j.refused(async () => j.get('/distributions', { conference: id }, await j.socialWorker()), 403);
    // Bad input: problem+json, nothing written (no access-log row either).
    await j.refused(async () => j.get('/distributions', { conference: 'not-a-conference' }), 400);
    await j.refused(async () => j.get('/distributions', { conference: id, limit: '0' }), 400);
    await j.refused(async () => j.get('/distributions', { conference: id, cursor: '' }), 400);

    const distribution = await j.get(`/distributions/${distributionId}`);
    expect(distribution.status).toBe(200);
    expect(distribution.body).toMatchObject({ id: distributionId, reference });
    const context = async () =>
      (await t.app.get(WorkflowEngine).get(distributionId)).context as unknown as DistributionContext;
    const ctx = await context();
    expect(ctx.exclusions).toEqual([{ sectionId: 'part-police-intelligence', excludedPersonIds: [parents.father] }]);
    const dueBy = calendar.addWorkingDays(SAT_ON, 1);
    expect(dueBy).toBe('2027-02-22');
    expect(ctx.clocks.decisionsDueBy).toBe(dueBy);

    // Monday morning: the co-ordinator drafts the decisions, the chair approves the drafted list.
    t.clock.set(`${dueBy}T09:00:00Z`);
    const draft = await j.post(
      `/distributions/${distributionId}/documents/decisions/drafts`,
      undefined,
      await j.coordinator(),
      'draft-hh-d1',
    );
    expect({ status: draft.status, body: draft.body }).toMatchObject({ status: 200 });
    const list = await j.get(`/distributions/${distributionId}/lists/decisions`);
    expect(list.status).toBe(200);
    const approved = await j.post(
      `/distributions/${distributionId}/approvals/decisions`,
      {},
      await j.chair(),
      'approve-hh-d1',
    );
    expect({ status: approved.status, body: approved.body }).toMatchObject({ status: 200 });
    await j.drain();

    // Every invitee the conference invited by email: the mother, the father, the social worker,
    // the team manager, the police and the GP (the 13-year-old's is a printed pack).
    const byEmail: [string, string][] = [
      [parents.mother, family.mother],
      [parents.father, family.father],
      [j.people.socialWorker!, emailOf('socialWorker')],
      [j.people.teamManager!, emailOf('teamManager')],
      [j.people.police!, emailOf('police')],
      [j.people.gp!, emailOf('gp')],
    ];
    await waitFor('the decisions in every mailbox', async () =>
      byEmail.every(([, address]) => packLinksTo(address).length >= 1),
    );
    for (const [, address] of byEmail) expect(packLinksTo(address)).toHaveLength(1);
    // Each link is that recipient's own.
    expect(new Set(byEmail.map(([, address]) => packLinksTo(address)[0])).size).toBe(byEmail.length);
    // No name in any subject.
    for (const email of smtp.received) expect(email.subject).not.toMatch(/Okafor|mother|father|Staff/);

    const packs = (await context()).packs.filter((p) => p.round === 'decisions');
    for (const [personId] of byEmail) {
      const pack = packs.find((p) => p.recipientId === personId);
      expect({ personId, channel: pack?.channel, status: pack?.status }).toEqual({
        personId,
        channel: 'email',
        status: 'sent',
      });
      expect(dateInLondon(new Date(pack!.sentAt!)) <= dueBy).toBe(true);
    }
    const page = await request(t.app.getHttpServer()).get(`/packs/${packLinksTo(family.father)[0]}`);
    expect(page.status).toBe(200);
    // The 13-year-old was invited by letter: the co-ordinator prints and posts their pack that day.
    const letters = packs.filter((p) => p.channel !== 'email');
    expect(letters.map((p) => [p.recipientId, p.channel, p.status])).toEqual([[children[0], 'letter', 'queued']]);
    const printed = await j.get(`/distributions/${distributionId}/packs/${letters[0]!.packId}/print`);
    expect(printed.status).toBe(200);
    const posted = await j.post(
      `/distributions/${distributionId}/packs/${letters[0]!.packId}/posted`,
      undefined,
      await j.coordinator(),
      'posted-hh-d1',
    );
    expect(posted.status).toBe(200);
    // Every invitee had the decisions in time: their clock is met.
    const clock = await query<{ status: string; due_date: string }>(
      t.databaseUrl,
      `SELECT status, to_char(due_date, 'YYYY-MM-DD') AS due_date FROM workflow_deadline
        WHERE workflow_id = $1 AND kind = 'distribution-decisions'`,
      [distributionId],
    );
    expect(clock).toEqual([{ status: 'met', due_date: dueBy }]);
    expect(await j.linkIncidents(id)).toEqual([]);
  });
});
