import request from 'supertest';
import { ReplayService, WorkflowEngine } from '@app/persistence';
import { SYSTEM_ACTOR, WORKFLOW_DEFINITIONS } from '@app/workflows';
import { AsvApi, contactReceived, expectStatus } from '../fixtures/asv';
import { householdCase } from '../fixtures/household.machine';
import { startTestApp, TestApp } from '../support/app';
import { countRows, query } from '../support/rows';
import { bearer } from '../support/tokens';

/**
 * Every workflow about one person, from the subjects the engine keeps in the transaction of each
 * start and transition: the ASV referral found by a child named at the contact, scoped by area and
 * type like every list, and the lookup itself in the access log.
 */
describe('Workflows by subject', () => {
  let t: TestApp;
  let api: AsvApi;

  beforeAll(async () => {
    t = await startTestApp({ PROCESS_ROLE: 'api' }, undefined, {
      definitions: [...WORKFLOW_DEFINITIONS, householdCase],
    });
    t.clock.set('2026-11-20T12:00:00Z');
    api = new AsvApi(t);
  });
  afterAll(() => t?.close());

  const http = () => request(t.app.getHttpServer());
  const bySubject = async (subject: string, role: 'coordinator' | 'social_worker' | 'manager', area?: string) =>
    http()
      .get('/workflows')
      .query({ subject })
      .set('Authorization', await bearer(t.config, t.clock, role, { sub: `${role}-${area ?? 'all'}`, area }));
  const ids = (res: request.Response) => (res.body.items as { id: string }[]).map((i) => i.id).sort();
  const subjectRows = (workflowId: string) =>
    query<{ subject_id: string; kind: string; xmin: string }>(
      t.databaseUrl,
      `SELECT subject_id, kind, xmin::text FROM workflow_subject WHERE workflow_id = $1 ORDER BY kind, subject_id`,
      [workflowId],
    );

  let north: string;
  let south: string;

  it('finds the ASV referral by a child named at the contact, and by the subject of the allegation', async () => {
    const received = await api.as('coordinator').receive(contactReceived({ childIds: ['child-77', 'child-78'], subjectPersonId: 'person-77' }));
    expectStatus(received, 201);
    north = received.body.id;
    const elsewhere = await api
      .as('coordinator', { area: 'south' })
      .receive(contactReceived({ area: 'south', childIds: ['child-77'], subjectPersonId: 'person-12' }));
    expectStatus(elsewhere, 201);
    south = elsewhere.body.id;
    const unrelated = await api.as('coordinator').receive(contactReceived({ childIds: ['child-90'], subjectPersonId: 'person-90' }));
    expectStatus(unrelated, 201);

    expect((await subjectRows(north)).map((r) => [r.kind, r.subject_id])).toEqual([
      ['allegation-subject', 'person-77'],
      ['child', 'child-77'],
      ['child', 'child-78'],
    ]);
    const found = await bySubject('child-77', 'coordinator', 'north');
    expectStatus(found, 200);
    expect(ids(found)).toEqual([north]);
    expect(found.body.items[0]).toMatchObject({ id: north, type: 'asv-referral', area: 'north', state: 'screening' });
    expect(ids(await bySubject('person-77', 'coordinator', 'north'))).toEqual([north]);
    expect(ids(await bySubject('child-78', 'manager'))).toEqual([north]);
    expect(ids(await bySubject('child-77', 'manager'))).toEqual([north, south].sort());
  });

  it('leaves out what the caller may not see: another area, a type their role does not read', async () => {
    expect(ids(await bySubject('child-77', 'coordinator', 'south'))).toEqual([south]);
    expect(ids(await bySubject('child-78', 'coordinator', 'south'))).toEqual([]);
    expect(ids(await bySubject('child-77', 'social_worker', 'north'))).toEqual([]);
  });

  it('logs each lookup as a read of the subject, for the auditor', async () => {
    const audit = await http()
      .get('/audit')
      .query({ recordType: 'subject', recordId: 'child-77' })
      .set('Authorization', await bearer(t.config, t.clock, 'auditor', { sub: 'auditor-1' }));
    expectStatus(audit, 200);
    expect(
      (audit.body.items as { subject: string; role: string; action: string; route: string }[]).map((e) => [
        e.subject,
        e.role,
        e.action,
        e.route,
      ]),
    ).toEqual([
      ['social_worker-north', 'social_worker', 'read', 'GET /workflows'],
      ['coordinator-south', 'coordinator', 'read', 'GET /workflows'],
      ['manager-all', 'manager', 'read', 'GET /workflows'],
      ['coordinator-north', 'coordinator', 'read', 'GET /workflows'],
    ]);
  });

  it('refuses a subject that is not an opaque id with problem+json, and logs nothing', async () => {
    const before = await countRows(t.databaseUrl);
    const res = await bySubject('Jane Smith', 'coordinator', 'north');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await countRows(t.databaseUrl)).toEqual(before);
  });

  it('writes subject rows only when the set changes, in the transition that changes it', async () => {
    const engine = t.app.get(WorkflowEngine);
    const started = await engine.start(
      'household-case',
      { reference: 'HH-1', area: 'north', householdId: 'household-h1' },
      { actor: SYSTEM_ACTOR },
    );
    const first = await subjectRows(started.id);
    expect(first.map((r) => [r.kind, r.subject_id])).toEqual([['household', 'household-h1']]);

    await engine.send(started.id, { type: 'note.added', text: 'visit' }, { actor: SYSTEM_ACTOR, eventId: 'n1' });
    expect(await subjectRows(started.id)).toEqual(first); // same rows, same row versions: nothing written

    await engine.send(started.id, { type: 'member.joined', childId: 'child-h1' }, { actor: SYSTEM_ACTOR, eventId: 'j1' });
    await engine.send(started.id, { type: 'member.joined', childId: 'child-h2' }, { actor: SYSTEM_ACTOR, eventId: 'j2' });
    const joined = await subjectRows(started.id);
    expect(joined.map((r) => [r.kind, r.subject_id])).toEqual([
      ['child', 'child-h1'],
      ['child', 'child-h2'],
      ['household', 'household-h1'],
    ]);
    expect(joined[2]!.xmin).toBe(first[0]!.xmin); // the household's row was kept, not rewritten

    await engine.send(started.id, { type: 'member.left', childId: 'child-h1' }, { actor: SYSTEM_ACTOR, eventId: 'l1' });
    expect((await subjectRows(started.id)).map((r) => r.subject_id)).toEqual(['child-h2', 'household-h1']);
    expect(ids(await bySubject('child-h1', 'manager'))).toEqual([]);
    expect(ids(await bySubject('household-h1', 'manager'))).toEqual([started.id]);

    // A refused event changes no subject.
    await expect(
      engine.send(started.id, { type: 'member.joined', childId: 'Not An Id' }, { actor: SYSTEM_ACTOR, eventId: 'bad' }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    expect((await subjectRows(started.id)).map((r) => r.subject_id)).toEqual(['child-h2', 'household-h1']);
  });

  it('replays every journal these tests wrote', async () => {
    expect((await t.app.get(ReplayService).check()).mismatched).toEqual([]);
  });
});
