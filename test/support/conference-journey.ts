import request from 'supertest';
import { OutboxDispatcher } from '@app/timers';
import type { TestApp } from './app';
import { authorization, Role, type TestTokenOptions } from './auth';
import { countRows, query } from './rows';

/** Facts read back from a context or a view: their shape is the machine's, and each assertion checks it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Facts = Record<string, any>;

/**
 * A conference's journey through HTTP for the part-2 suites: the household requested, the chair
 * assigned by the rule, the booking, the sitting, attendance and the decision; the plans and the
 * next review the decision starts, read from the rows the engine wrote. Staff and chairs are
 * created through the API in `setUp()`.
 */
export class ConferenceJourney {
  readonly people: Record<string, string> = {};

  constructor(readonly t: TestApp) {}

  http = () => request(this.t.app.getHttpServer());
  as = (role: Role, token: TestTokenOptions = {}) => authorization(this.t, role, token);
  manager = () => this.as(Role.Manager, { sub: 'manager-1' });
  coordinator = () => this.as(Role.Coordinator, { sub: 'coord-north', area: 'north' });
  socialWorker = () => this.as(Role.SocialWorker, { sub: 'sw-north', area: 'north' });
  chair = () => this.as(Role.Chair, { sub: 'chair-north', area: 'north' });

  async post(path: string, body: unknown, auth: Record<string, string>, key?: string) {
    const req = this.http().post(path).set(auth);
    if (key) req.set('Idempotency-Key', key);
    return req.send(body as object);
  }

  async get(path: string, q: Record<string, string> = {}, auth?: Record<string, string>) {
    return this.http()
      .get(path)
      .query(q)
      .set(auth ?? (await this.coordinator()));
  }

  /** The route answered `status`; the body says why. */
  async ok(path: string, body: unknown, auth: Record<string, string>, key?: string, status = 200) {
    const res = await this.post(path, body, auth, key);
    expect({ path, status: res.status, body: res.body }).toMatchObject({ path, status });
    return res.body as Record<string, unknown> & { state: string };
  }

  /** Refused with `status` as problem+json, and no table gains or loses a row. */
  async refused(act: () => Promise<request.Response>, status: number): Promise<request.Response> {
    const before = await countRows(this.t.databaseUrl);
    const res = await act();
    expect({ status: res.status, body: res.body }).toMatchObject({
      status,
      body: { status, type: expect.any(String) },
    });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await countRows(this.t.databaseUrl)).toEqual(before);
    return res;
  }

  drain = () => this.t.app.get(OutboxDispatcher).drain();

  async dueDate(kind: string, from: string): Promise<string> {
    const res = await this.get(`/timescales/${kind}`, { from });
    expect(res.status).toBe(200);
    return res.body.dueDate as string;
  }

  async setUp(): Promise<void> {
    for (const [sub, homeAreas] of [
      ['chair-north', ['north']],
      ['chair-spare', []],
    ] as const) {
      const res = await this.http()
        .put(`/chairs/${sub}`)
        .set(await this.manager())
        .send({ displayName: `Chair ${sub}`, email: `${sub}@council.example`, homeAreas });
      expect(res.status).toBe(200);
    }
    const staff = ['socialWorker', 'teamManager', 'police', 'gp', 'healthVisitor', 'school', 'midwife'];
    const res = await this.post(
      '/people',
      {
        area: 'north',
        people: staff.map((who) => ({
          kind: 'adult',
          givenName: who,
          familyName: 'Staff',
          contactPoints: [{ system: 'email', value: `${who}@agency.example` }],
          externalIds: [{ system: 'staff', value: who }],
        })),
      },
      await this.coordinator(),
    );
    expect(res.status).toBe(200);
    staff.forEach((who, i) => (this.people[who] = res.body.people[i].id));
  }

  child = (household: string, n: number, dateOfBirth: string) => ({
    person: {
      kind: 'child',
      givenName: `Child${n}`,
      familyName: 'Okafor',
      dateOfBirth,
      externalIds: [{ system: 'case-management', value: `CM-${household}-C${n}` }],
    },
  });

  parent = (household: string, relationship: string, children: number[]) => ({
    person: {
      kind: 'adult',
      givenName: relationship,
      familyName: 'Okafor',
      externalIds: [{ system: 'case-management', value: `CM-${household}-${relationship}` }],
    },
    relationship,
    parentalResponsibility: true,
    children,
  });

  socialWorkerInput = () => ({
    personId: this.people.socialWorker,
    teamId: 'team-n1',
    teamManagerPersonId: this.people.teamManager,
    agencyId: 'csc:north',
  });

  /** An ICPC for three children (13, 8 and 3), their mother; the police know the eldest, the GP all three. */
  icpc(household: string, strategyDiscussion: string, overrides: Record<string, unknown> = {}) {
    return {
      kind: 'initial',
      area: 'north',
      householdId: household,
      children: [
        this.child(household, 1, '2013-06-01'),
        this.child(household, 2, '2018-09-12'),
        this.child(household, 3, '2023-11-30'),
      ],
      parentsAndCarers: [this.parent(household, 'mother', [0, 1, 2])],
      strategyDiscussions: [{ id: 'sd-1', heldOn: strategyDiscussion, startedSection47: true }],
      section47StartDate: strategyDiscussion,
      socialWorker: this.socialWorkerInput(),
      professionals: [
        {
          personId: this.people.police,
          agencyId: 'police:met',
          professionalGroup: 'police',
          directContactWith: [0],
        },
        {
          personId: this.people.gp,
          agencyId: 'gp:park-road',
          professionalGroup: 'gp',
          directContactWith: [0, 1, 2],
        },
      ],
      ...overrides,
    };
  }

  async request(body: unknown, key?: string): Promise<{ id: string; reference: string }> {
    const res = await this.post('/conferences', body, await this.socialWorker(), key);
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    return res.body as { id: string; reference: string };
  }

  async conference(id: string) {
    const res = await this.get(`/conferences/${id}`);
    expect(res.status).toBe(200);
    return res.body as {
      state: string;
      dueDate: string;
      kind: string;
      reference: string;
      conference: Facts;
    };
  }

  /** The chair by the rule, booked on `date` at `startTime`, and the clock at that morning: the conference sits. */
  async bookAndSit(id: string, date: string, startTime: string, minuteTaker: string): Promise<void> {
    const view = await this.conference(id);
    if (!view.conference.chair) await this.ok(`/conferences/${id}/chair`, {}, await this.coordinator());
    await this.ok(
      `/conferences/${id}/schedule`,
      { date, startTime, durationMinutes: 90, venueId: 'room-2', minuteTakerSub: minuteTaker },
      await this.coordinator(),
    );
    this.t.clock.set(`${date}T08:00:00Z`);
    await this.ok(`/conferences/${id}/sitting`, {}, await this.chair(), `sit-${id}-${date}`);
  }

  /** The children's ids, in the order the conference holds them. */
  async childIds(id: string): Promise<string[]> {
    return ((await this.conference(id)).conference.children as { personId: string }[]).map((c) => c.personId);
  }

  professional(
    personId: string,
    agencyId: string,
    professionalGroup: string,
    directContactChildIds: string[],
  ) {
    return { personId, capacity: 'professional', agencyId, professionalGroup, directContactChildIds };
  }

  /** Children's social care, the GP and the police for every child (quorate), plus a health visitor who came uninvited. */
  quorateAttendance(children: string[]) {
    return {
      attendees: [
        this.professional(this.people.socialWorker, 'csc:north', 'childrens-social-care', children),
        this.professional(this.people.gp, 'gp:park-road', 'gp', children),
        this.professional(this.people.police, 'police:met', 'police', children),
        this.professional(this.people.healthVisitor, 'hv:north', 'health-visiting', children.slice(1)),
      ],
      apologies: [],
      exclusions: [],
    };
  }

  /** The workflows a conference started, by type, with their context and start key. */
  async startedBy(conferenceId: string, type: string) {
    return query<{
      id: string;
      start_key: string;
      state: string;
      context: Facts;
    }>(
      this.t.databaseUrl,
      `SELECT id, start_key, state, snapshot -> 'context' AS context FROM workflow_instance
        WHERE parent_id = $1 AND type = $2 ORDER BY start_key`,
      [conferenceId, type],
    );
  }

  /** Open incidents on what the conference starts or signals: its plans, its next review, its distribution. */
  async linkIncidents(conferenceId: string) {
    return query<{ kind: string; start_key: string }>(
      this.t.databaseUrl,
      `SELECT i.kind, o.payload ->> 'startKey' AS start_key FROM workflow_incident i JOIN outbox o ON o.id = i.outbox_id
        WHERE i.workflow_id = $1 AND i.resolved_at IS NULL
          AND o.effect_type IN ('workflow.start', 'workflow.signal')`,
      [conferenceId],
    );
  }

  async plan(id: string) {
    const res = await this.get(`/plans/${id}`);
    expect(res.status).toBe(200);
    return res.body as { state: string; workflowStatus: string; plan: Facts };
  }
}
