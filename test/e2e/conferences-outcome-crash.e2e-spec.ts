import request from 'supertest';
import { ENGINE_EFFECTS } from '@app/workflows';
import { startTestApp, TestApp } from '../support/app';
import { tokenFor, Role } from '../support/auth';
import { ServiceProcess } from '../support/child-process';
import { ConferenceJourney } from '../support/conference-journey';
import { query } from '../support/rows';
import { waitFor } from '../support/timers';

const PLAN = 'child-protection-plan';

/**
 * The family of three's decision committed by an API-only process that is then killed (SIGKILL,
 * no shutdown hooks) before anything it declared has run: the plans' and the review's starts are
 * in the outbox only. A worker started afterwards, in a process of its own, performs them: the
 * same two plans and one review as when nothing fails, each once, with the same due dates.
 */
describe('A conference decided, the process killed before the plans start', () => {
  let t: TestApp;
  let j: ConferenceJourney;
  const running: ServiceProcess[] = [];

  beforeAll(async () => {
    t = await startTestApp({ PROCESS_ROLE: 'api' });
    t.clock.set('2027-02-02T10:00:00Z');
    j = new ConferenceJourney(t);
    await j.setUp();
  });
  afterAll(async () => {
    await Promise.all(running.map((p) => p.kill()));
    await t?.close();
  });

  /** The service in a process of its own, on this suite's database and on its clock as it stands. */
  const launch = async (role: 'api' | 'worker') => {
    const service = await ServiceProcess.beside(t, role);
    running.push(service);
    return service;
  };

  const startRows = (conferenceId: string) =>
    query<{ start_key: string; status: string }>(
      t.databaseUrl,
      `SELECT payload ->> 'startKey' AS start_key, status FROM outbox
        WHERE workflow_id = $1 AND effect_type = $2
        ORDER BY payload ->> 'startKey'`,
      [conferenceId, ENGINE_EFFECTS.workflowStart],
    );

  it('starts the same two plans, one review and the distribution, once each, after a worker comes up', async () => {
    const { id, reference } = await j.request(j.icpc('HH-K', '2027-02-01'));
    const children = await j.childIds(id);
    await j.bookAndSit(id, '2027-02-15', '10:00', 'minute-taker-1');
    await j.ok(`/conferences/${id}/attendance`, j.quorateAttendance(children), await j.chair());
    const decision = {
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
          categories: ['emotional'],
          dissent: [],
          chairDecisionRecord: 'Emotional',
        },
        {
          childId: children[2],
          plan: false,
          withoutPlan: 'no-further-action',
          dissent: [],
          chairDecisionRecord: 'No plan',
        },
      ],
    };

    // The decision, through an API-only process, which is killed once it has answered.
    const api = await launch('api');
    const chair = `Bearer ${await tokenFor(t, Role.Chair, { sub: 'chair-north', area: 'north' })}`;
    const decided = await request(api.url)
      .post(`/conferences/${id}/decision`)
      .set('Authorization', chair)
      .set('Idempotency-Key', 'decision-hh-k')
      .send(decision);
    expect({ status: decided.status, body: decided.body }).toMatchObject({
      status: 200,
      body: { state: 'decided' },
    });
    await api.kill();
    expect(api.exit?.signal).toBe('SIGKILL');

    // Committed, and nothing it declared has run: the starts wait in the outbox.
    expect(await startRows(id)).toEqual(
      [`${id}/distribution`, `${id}/plan:${children[0]}`, `${id}/plan:${children[1]}`, `${id}/review:HH-K:1`]
        .sort()
        .map((start_key) => ({ start_key, status: 'pending' })),
    );
    expect(await j.startedBy(id, PLAN)).toEqual([]);

    // A worker comes up afterwards and performs them.
    const worker = await launch('worker');
    await waitFor(
      'the plans, the review and the distribution to start',
      async () => (await startRows(id)).every((row) => row.status === 'done'),
      60_000,
    );
    await worker.kill();

    const plans = await j.startedBy(id, PLAN);
    expect(plans.map((p) => p.start_key)).toEqual(
      [`${id}/plan:${children[0]}`, `${id}/plan:${children[1]}`].sort(),
    );
    const coreGroup = await j.dueDate('core-group', '2027-02-15');
    const firstReview = await j.dueDate('first-review', '2027-02-15');
    for (const plan of plans) {
      expect(plan.context).toMatchObject({
        startDate: '2027-02-15',
        clocks: { coreGroupDueDate: coreGroup, nextReviewDueDate: firstReview },
      });
    }
    expect(
      Object.fromEntries(plans.map((p) => [p.context.child.personId, p.context.initialCategoryCode])),
    ).toEqual({
      [children[0]!]: 'NEG',
      [children[1]!]: 'EMO',
    });
    const reviews = await j.startedBy(id, 'conference');
    expect(reviews).toHaveLength(1);
    expect(await j.conference(reviews[0]!.id)).toMatchObject({
      kind: 'review',
      dueDate: firstReview,
      reference: `${reference}-R1`,
    });
    expect((await j.startedBy(id, 'distribution')).map((d) => d.start_key)).toEqual([`${id}/distribution`]);
    expect(await j.linkIncidents(id)).toEqual([]);

    // The register holds them, written with the plans' starts.
    const register = await j.get('/register', { area: 'north' });
    expect(register.body.items.map((e: { planId: string }) => e.planId).sort()).toEqual(
      plans.map((p) => p.id).sort(),
    );

    // The decision retried (its client never saw the answer): the first answer, nothing more.
    const retried = await j.post(`/conferences/${id}/decision`, decision, await j.chair(), 'decision-hh-k');
    expect(retried.body).toMatchObject({ replayed: true, seq: decided.body.seq });
    await j.drain();
    expect(await j.startedBy(id, PLAN)).toHaveLength(2);
    expect(await j.startedBy(id, 'conference')).toHaveLength(1);
  });
});
