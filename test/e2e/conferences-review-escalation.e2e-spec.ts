import { ENGINE_EFFECTS } from '@app/workflows';
import { startTestApp, TestApp } from '../support/app';
import { Role } from '../support/auth';
import { ConferenceJourney } from '../support/conference-journey';
import { query } from '../support/rows';
import { fireDueSteps, waitForOutbox } from '../support/timers';

/** Every effect between a decision and an inbox: the plan's start, its clocks, their escalation. */
const EFFECTS = [
  ENGINE_EFFECTS.workflowStart,
  ENGINE_EFFECTS.deadlineOpened,
  ENGINE_EFFECTS.deadlineMoved,
  ENGINE_EFFECTS.deadlineClosed,
  'deadline.escalate',
  'notify',
];

/**
 * A review not held by its due date: the whole service runs (API, timer worker, outbox) on the
 * injected clock; the plan the decision started holds the review clock, and when the due date
 * passes without the review the plan-review ladder tells the chair and the co-ordinator. Nothing
 * sleeps: the clock is moved, a reconciler pass fires what is due, the outbox is drained.
 */
describe('A late review conference escalates to the chair and the co-ordinator', () => {
  let t: TestApp;
  let j: ConferenceJourney;

  beforeAll(async () => {
    t = await startTestApp({ OUTBOX_POLL_MS: '60000', RATE_LIMIT_MAX_REQUESTS: '100000' });
    t.clock.set('2027-02-02T10:00:00Z');
    j = new ConferenceJourney(t);
    await j.setUp();
    for (const [recipient, subject] of [
      ['coordinator', 'north-coordinators'],
      ['chair', 'north-chairs'],
    ] as const) {
      const res = await j
        .http()
        .put('/duty-teams')
        .set(await j.manager())
        .send({
          area: 'north',
          recipient,
          name: `North ${recipient}s`,
          fallbackEmail: `${subject}@council.example`,
          fallbackSubject: subject,
        });
      expect(res.status).toBe(200);
    }
  });
  afterAll(() => t?.close());

  const inboxOf = async (role: Role, subject: string, workflowId: string) => {
    const res = await j.get('/me/notifications', {}, await j.as(role, { sub: subject, area: 'north' }));
    expect(res.status).toBe(200);
    return (
      res.body.items as { workflowId: string; template: string; deadline?: { kind: string; step: string } }[]
    ).filter((item) => item.workflowId === workflowId);
  };

  async function timePasses(to: string): Promise<void> {
    t.clock.set(to);
    await fireDueSteps(t);
    await waitForOutbox(t, EFFECTS);
  }

  it('tells the chair and the co-ordinator once the review’s due date has passed, not before', async () => {
    const body = j.icpc('HH-LATE', '2027-02-01');
    const { id } = await j.request({
      ...body,
      children: body.children.slice(0, 1),
      parentsAndCarers: [j.parent('HH-LATE', 'mother', [0])],
      professionals: body.professionals.map((p) => ({ ...p, directContactWith: [0] })),
    });
    const children = await j.childIds(id);
    await j.bookAndSit(id, '2027-02-15', '10:00', 'minute-taker-1');
    await j.ok(`/conferences/${id}/attendance`, j.quorateAttendance(children), await j.chair());
    await j.ok(
      `/conferences/${id}/decision`,
      {
        children: [
          {
            childId: children[0],
            plan: true,
            categories: ['neglect'],
            dissent: [],
            chairDecisionRecord: 'Plan',
          },
        ],
      },
      await j.chair(),
    );
    await waitForOutbox(t, EFFECTS);
    const [plan] = await j.startedBy(id, 'child-protection-plan');
    const due = await j.dueDate('first-review', '2027-02-15');
    const [deadline] = await query<{ due_date: string; ladder: string }>(
      t.databaseUrl,
      `SELECT due_date::text AS due_date, ladder FROM workflow_deadline WHERE workflow_id = $1 AND kind = 'plan-review'`,
      [plan!.id],
    );
    expect(deadline).toEqual({ due_date: due, ladder: 'plan-review' });

    // On the due date itself, the review not yet held: no due step yet.
    await timePasses(`${due}T20:00:00Z`);
    const onTheDay = await inboxOf(Role.Chair, 'north-chairs', plan!.id);
    expect(onTheDay.filter((n) => n.template === 'deadline.due')).toEqual([]);

    // The day after: missed. The chair and the co-ordinator are told.
    const after = new Date(`${due}T12:00:00Z`);
    after.setUTCDate(after.getUTCDate() + 1);
    await timePasses(after.toISOString());
    for (const [role, subject] of [
      [Role.Chair, 'north-chairs'],
      [Role.Coordinator, 'north-coordinators'],
    ] as const) {
      expect(await inboxOf(role, subject, plan!.id)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            template: 'deadline.due',
            deadline: expect.objectContaining({ kind: 'plan-review' }),
          }),
        ]),
      );
    }
    expect((await j.plan(plan!.id)).plan.clocks.nextReviewDueDate).toBe(due);
  });
});
