import request from 'supertest';
import {
  DeadlineQueue,
  DeadlineReconciler,
  DeadlineStepProcessor,
  DeadlineWorker,
  QueueBackend,
  QueueBackendKind,
  RECONCILER_SCHEDULER_ID,
} from '@app/timers';
import { ManualClock, WorkingDayCalendar } from '@app/workflows';
import { faultyClock, icpcClock } from '../fixtures/icpc-clock.machine';
import { startTestApp, TestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { PrivateRedis } from '../support/redis-server';
import { query } from '../support/rows';
import {
  fireDueSteps,
  loseQueueData,
  stepJobs,
  waitFor,
  waitForOutbox,
  waitForQueueIdle,
} from '../support/timers';
import { bearer } from '../support/tokens';

/** A closed port: on the PostgreSQL backend the service must never need Redis. */
const NO_REDIS = 'redis://127.0.0.1:1';

/**
 * The deadline timers end to end, once on each queue backend: the real service on its own
 * database, with its jobs in its own redis-server (so FLUSHALL and a restart disturb no other
 * suite) or in BullMQ's schema of that database (with Redis pointed at a closed port), on an
 * injected clock that only moves forward through the suite. Nothing sleeps for time: the clock is
 * set, then a reconciler pass promotes what it says is due and the test waits for the queue to be
 * idle.
 *
 * The fixture's ICPC clock runs 15 working days from the strategy discussion on the 'icpc' ladder:
 * warnings 5 and 2 working days before at 09:00 London, the service manager at dueAt, then daily.
 */
describe.each<QueueBackendKind>(['redis', 'postgres'])(
  'Deadline timers on the %s queue backend: BullMQ jobs per escalation step, reconciler, process roles',
  (backend) => {
    let redis: PrivateRedis | undefined;
    let database: Awaited<ReturnType<typeof createTestDatabase>>;
    let t: TestApp;
    const clock = new ManualClock('2026-06-01T10:00:00Z');
    let cases = 0;

    const appEnv = (extra: Record<string, string> = {}) => ({
      ...(backend === 'redis'
        ? { QUEUE_BACKEND: 'redis', REDIS_URL: redis!.url }
        : { QUEUE_BACKEND: 'postgres', REDIS_URL: NO_REDIS }),
      RATE_LIMIT_MAX_REQUESTS: '100000',
      OUTBOX_POLL_MS: '60000',
      // Two quick attempts, so a failing step reaches its incident without waiting on backoff.
      TIMER_ATTEMPTS: '2',
      TIMER_BACKOFF_MS: '10',
      ...extra,
    });

    beforeAll(async () => {
      if (backend === 'redis') redis = await PrivateRedis.start();
      database = await createTestDatabase();
      t = await startTestApp(appEnv(), clock, {
        definitions: [icpcClock, faultyClock],
        databaseUrl: database.url,
      });
    });

    afterAll(async () => {
      await t?.close();
      await database?.drop();
      await redis?.stop();
    });

    const terminateQueueConnections = (app: TestApp) =>
      query<{ n: number }>(
        app.databaseUrl,
        // Every backend of the suite's database but this query's own: the app's TypeORM pool and
        // BullMQ's pools and LISTEN connections alike, as a failover or an administrator would.
        `SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()) terminated`,
      );

    const http = (app: TestApp = t) => request(app.app.getHttpServer());
    const coordinator = () => bearer(t.config, clock, 'coordinator', { area: 'north' });

    /** Starts an ICPC clock and waits until its deadline's jobs are scheduled. */
    async function startCase(strategyDiscussionDate: string, app: TestApp = t, type = 'icpc-clock') {
      cases += 1;
      const res = await http(app)
        .post('/workflows')
        .set('Authorization', await coordinator())
        .send({
          type,
          input: { reference: `ICPC-${cases}`, area: 'north', strategyDiscussionDate },
        });
      expect(res.status).toBe(201);
      await waitForOutbox(app);
      const [deadline] = await query<{ id: string; due_date: string }>(
        app.databaseUrl,
        `SELECT id, due_date::text AS due_date FROM workflow_deadline WHERE workflow_id = $1`,
        [res.body.id],
      );
      return { id: res.body.id as string, deadlineId: deadline!.id, dueDate: deadline!.due_date };
    }

    async function send(id: string, body: object) {
      const res = await http()
        .post(`/workflows/${id}/events`)
        .set('Authorization', await coordinator())
        .send(body);
      expect(res.status).toBe(200);
      await waitForOutbox(t);
      return res;
    }

    /** The journaled steps of a workflow, in order. */
    const journaledSteps = (workflowId: string, app: TestApp = t) =>
      query<{ event_id: string; payload: Record<string, unknown>; actor_sub: string }>(
        app.databaseUrl,
        `SELECT event_id, payload, actor_sub FROM workflow_journal WHERE workflow_id = $1 AND event_type = 'deadline.step' ORDER BY seq`,
        [workflowId],
      );
    const escalations = (workflowId: string) =>
      query<{ payload: Record<string, unknown> }>(
        t.databaseUrl,
        `SELECT payload FROM outbox WHERE workflow_id = $1 AND effect_type = 'deadline.escalate' ORDER BY id`,
        [workflowId],
      );
    const jobsOf = async (deadlineId: string, app: TestApp = t) => {
      const jobs = await stepJobs(app);
      const mine = (ids: string[]) => ids.filter((id) => id.startsWith(`${deadlineId}.`));
      return { delayed: mine(jobs.delayed), waiting: mine(jobs.waiting), failed: mine(jobs.failed) };
    };

    describe('a deadline that runs down', () => {
      let wf: { id: string; deadlineId: string; dueDate: string };

      beforeAll(async () => {
        clock.set('2026-06-01T10:00:00Z'); // Monday: due 15 working days on, Monday 22 June
        wf = await startCase('2026-06-01');
      });

      it('gets a delayed job per step when it opens, with deterministic ids and ids-only data', async () => {
        expect(wf.dueDate).toBe('2026-06-22');
        const d = wf.deadlineId;
        expect((await jobsOf(d)).delayed).toEqual([
          `${d}.1.due.0`,
          `${d}.1.repeat.1`,
          `${d}.1.warn-2.0`,
          `${d}.1.warn-5.0`,
        ]);
        const job = await t.app.get(DeadlineQueue).queue.getJob(`${d}.1.warn-5.0`);
        expect(job!.data).toEqual({ deadlineId: d, revision: 1, stepId: 'warn-5', occurrence: 0 });
        // Delayed by what the injected clock says is left: Monday 1 June 10:00Z to Monday 15 June 08:00 BST.
        expect(job!.delay).toBe(Date.parse('2026-06-15T08:00:00Z') - Date.parse('2026-06-01T10:00:00Z'));
      });

      it('puts a step BullMQ runs early back in the queue, and sends nothing', async () => {
        const job = await t.app.get(DeadlineQueue).queue.getJob(`${wf.deadlineId}.1.warn-2.0`);
        await job!.promote(); // as a slip on Bull Board, or clocks apart, would
        await waitForQueueIdle(t);
        expect(await journaledSteps(wf.id)).toEqual([]);
        expect((await jobsOf(wf.deadlineId)).delayed).toContain(`${wf.deadlineId}.1.warn-2.0`);
      });

      it('fires the warning at its step: journaled as a deadline.step, escalated with its notify list', async () => {
        clock.set('2026-06-15T08:00:00Z'); // 09:00 in London, five working days before the due date
        await fireDueSteps(t);
        const d = wf.deadlineId;
        const steps = await journaledSteps(wf.id);
        expect(steps).toEqual([
          {
            event_id: `${d}.1.warn-5.0`,
            actor_sub: 'system',
            payload: {
              deadlineId: d,
              kind: 'icpc',
              ladder: 'icpc',
              stepId: 'warn-5',
              step: 'warning',
              occurrence: 0,
              dueDate: '2026-06-22',
              dueAt: '2026-06-22T23:00:00.000Z',
              notify: ['coordinator', 'chair'],
            },
          },
        ]);
        expect((await escalations(wf.id)).map((e) => e.payload)).toEqual([
          { type: 'deadline.escalate', ...steps[0]!.payload },
        ]);
        const [row] = await query<{ warned_at: Date | null; last_step: string }>(
          t.databaseUrl,
          `SELECT warned_at, last_step FROM workflow_deadline WHERE id = $1`,
          [d],
        );
        expect(row).toEqual({ warned_at: new Date('2026-06-15T08:00:00Z'), last_step: 'warning' });
        expect((await jobsOf(d)).delayed).toEqual([`${d}.1.due.0`, `${d}.1.repeat.1`, `${d}.1.warn-2.0`]);

        await fireDueSteps(t); // nothing more is due: nothing more happens
        expect(await journaledSteps(wf.id)).toHaveLength(1);
      });

      it('goes overdue at dueAt, then repeats daily, one occurrence scheduled at a time', async () => {
        clock.set('2026-06-23T08:00:00Z'); // Tuesday 09:00 London: the day after the due date
        await fireDueSteps(t);
        const d = wf.deadlineId;
        // Steps due together run side by side (the worker's concurrency): compare without order.
        expect((await journaledSteps(wf.id)).map((s) => s.event_id).sort()).toEqual([
          `${d}.1.due.0`,
          `${d}.1.repeat.1`,
          `${d}.1.warn-2.0`,
          `${d}.1.warn-5.0`,
        ]);
        expect((await escalations(wf.id)).map((e) => [e.payload.stepId, e.payload.notify]).sort()).toEqual([
          ['due', ['service_manager']],
          ['repeat', ['service_manager']],
          ['warn-2', ['duty_manager']],
          ['warn-5', ['coordinator', 'chair']],
        ]);
        expect((await jobsOf(d)).delayed).toEqual([`${d}.1.repeat.2`]);
        const got = await http()
          .get(`/workflows/${wf.id}`)
          .set('Authorization', await coordinator());
        expect(got.body).toMatchObject({
          overdue: true,
          deadlines: [expect.objectContaining({ lastStep: 'repeat' })],
        });
      });
    });

    it('stops escalating once the deadline is met: the remaining jobs go, and nothing fires after', async () => {
      clock.set('2026-06-23T09:00:00Z');
      const wf = await startCase('2026-06-23'); // due Tuesday 14 July
      expect(wf.dueDate).toBe('2026-07-14');
      clock.set('2026-07-07T08:00:00Z'); // the five-day warning
      await fireDueSteps(t);
      expect(await journaledSteps(wf.id)).toHaveLength(1);
      expect((await jobsOf(wf.deadlineId)).delayed).toHaveLength(3);

      await send(wf.id, { type: 'conference.held' });
      expect(await jobsOf(wf.deadlineId)).toEqual({ delayed: [], waiting: [], failed: [] });
      clock.set('2026-07-20T09:00:00Z'); // long past the due date
      await fireDueSteps(t);
      expect(await journaledSteps(wf.id)).toHaveLength(1);
      expect(await escalations(wf.id)).toHaveLength(1);
    });

    it('reschedules when the anchor moves: revision 2 has its jobs and revision 1 none', async () => {
      const wf = await startCase('2026-07-20'); // due Monday 10 August
      expect(wf.dueDate).toBe('2026-08-10');
      await send(wf.id, { type: 'strategy.corrected', strategyDiscussionDate: '2026-07-22' });
      const [row] = await query<{ revision: number; due_date: string }>(
        t.databaseUrl,
        `SELECT revision, due_date::text AS due_date FROM workflow_deadline WHERE id = $1`,
        [wf.deadlineId],
      );
      expect(row).toEqual({ revision: 2, due_date: '2026-08-12' });
      const d = wf.deadlineId;
      expect((await jobsOf(d)).delayed).toEqual([
        `${d}.2.due.0`,
        `${d}.2.repeat.1`,
        `${d}.2.warn-2.0`,
        `${d}.2.warn-5.0`,
      ]);
      const warn5 = await t.app.get(DeadlineQueue).queue.getJob(`${d}.2.warn-5.0`);
      // Wednesday 5 August 09:00 London: five working days before the new due date.
      expect(warn5!.delay).toBe(Date.parse('2026-08-05T08:00:00Z') - clock.now().getTime());
    });

    it('runs on the backend it was configured with, and health says which', async () => {
      expect(t.app.get(QueueBackend).kind).toBe(backend);
      const res = await http().get('/health');
      expect(res.status).toBe(200);
      expect(res.body.details.queue).toEqual({ status: 'up', backend });
    });

    it(`after the queue's ${backend === 'redis' ? 'keys are flushed (FLUSHALL)' : 'rows are deleted'}, a reconciler pass restores every job and fires what was missed, once`, async () => {
      const wf = await startCase('2026-07-20'); // due Monday 10 August: warnings 3 and 6 August
      const before = await jobsOf(wf.deadlineId);
      expect(before.delayed).toHaveLength(4);
      clock.set('2026-08-06T09:00:00Z'); // both warnings passed while the queue's data was being lost

      if (redis) await redis.flushAll();
      else expect(await loseQueueData(t.app.get(QueueBackend))).toBeGreaterThan(0);
      expect(await stepJobs(t)).toEqual({ delayed: [], waiting: [], failed: [] });
      const queue = t.app.get(DeadlineQueue).queue;
      expect(await queue.getJobScheduler(RECONCILER_SCHEDULER_ID)).toBeUndefined();

      // The watchdog finds the scheduler gone, puts it back and reconciles at once.
      expect(await t.app.get(DeadlineWorker).checkScheduler()).toBe(true);
      await waitForQueueIdle(t);
      expect(await queue.getJobScheduler(RECONCILER_SCHEDULER_ID)).toBeDefined();
      const d = wf.deadlineId;
      expect((await journaledSteps(wf.id)).map((s) => s.event_id).sort()).toEqual([
        `${d}.1.warn-2.0`,
        `${d}.1.warn-5.0`,
      ]);
      expect((await jobsOf(d)).delayed).toEqual([`${d}.1.due.0`, `${d}.1.repeat.1`]);

      await fireDueSteps(t); // a second pass finds nothing missing
      expect(await journaledSteps(wf.id)).toHaveLength(2);
      expect(await t.app.get(DeadlineWorker).checkScheduler()).toBe(false);
    });

    it('a step that keeps failing is retried with backoff, then an incident; the reconciler tries it again', async () => {
      // Due Tuesday 4 August, so already missed when it opens on the 6th: its due step runs at once
      // (the warnings it overtook are not sent, and the first repeat is tomorrow).
      const wf = await startCase('2026-07-14', t, 'faulty-clock');
      const d = wf.deadlineId;
      await waitForQueueIdle(t);
      expect((await jobsOf(d)).failed).toEqual([`${d}.1.due.0`]);
      const job = await t.app.get(DeadlineQueue).queue.getJob(`${d}.1.due.0`);
      expect(job!.attemptsMade).toBe(2);
      const incidents = () =>
        query<{ kind: string; detail: string }>(
          t.databaseUrl,
          `SELECT kind, detail FROM workflow_incident WHERE workflow_id = $1`,
          [wf.id],
        );
      await waitFor('the incident', async () => (await incidents()).length > 0);
      expect(await incidents()).toEqual([
        { kind: 'timer-failed', detail: `deadline step ${d}.1.due.0 failed 2 times: Error` },
      ]);
      expect(await journaledSteps(wf.id)).toEqual([]);

      await fireDueSteps(t); // the next pass retries it: it fails again, and stays one incident
      expect((await t.app.get(DeadlineQueue).queue.getJob(`${d}.1.due.0`))!.attemptsMade).toBe(2);
      expect(await incidents()).toHaveLength(1);
      const [row] = await query<{ open_incidents: number }>(
        t.databaseUrl,
        `SELECT open_incidents FROM workflow_instance WHERE id = $1`,
        [wf.id],
      );
      expect(row!.open_incidents).toBe(1);

      await send(wf.id, { type: 'conference.held' }); // met: its jobs go, the failed one too
      expect(await jobsOf(d)).toEqual({ delayed: [], waiting: [], failed: [] });
    });

    describe('a job delivered twice escalates once', () => {
      let wf: { id: string; deadlineId: string; dueDate: string };
      const processor = () => t.app.get(DeadlineStepProcessor);
      /** BullMQ delivering the step's own queued job as well (it waits on the real clock otherwise). */
      const deliverQueuedJob = async (jobId: string) => {
        await (await t.app.get(DeadlineQueue).queue.getJob(jobId))!.promote();
        await waitForQueueIdle(t);
      };

      beforeAll(async () => {
        wf = await startCase('2026-08-06'); // due Thursday 27 August: warnings 20 and 25 August
        expect(wf.dueDate).toBe('2026-08-27');
      });

      it('run twice, one after the other', async () => {
        clock.set('2026-08-20T08:00:00Z');
        const job = { deadlineId: wf.deadlineId, revision: 1, stepId: 'warn-5', occurrence: 0 };
        expect(await processor().fire(job)).toEqual({ outcome: 'sent' });
        expect(await processor().fire(job)).toEqual({ outcome: 'recorded' });
        // …and its queued job, run by the worker too, still records nothing more.
        await deliverQueuedJob(`${wf.deadlineId}.1.warn-5.0`);
        expect((await journaledSteps(wf.id)).map((s) => s.event_id)).toEqual([`${wf.deadlineId}.1.warn-5.0`]);
        expect(await escalations(wf.id)).toHaveLength(1);
      });

      it('run twice at the same moment', async () => {
        clock.set('2026-08-25T08:00:00Z');
        const job = { deadlineId: wf.deadlineId, revision: 1, stepId: 'warn-2', occurrence: 0 };
        const outcomes = await Promise.all([processor().fire(job), processor().fire(job)]);
        expect(outcomes.map((o) => o.outcome).sort()).toEqual(['recorded', 'sent']);
        await deliverQueuedJob(`${wf.deadlineId}.1.warn-2.0`);
        expect(await journaledSteps(wf.id)).toHaveLength(2);
        expect(await escalations(wf.id)).toHaveLength(2);
      });

      it('does nothing for a revision the deadline has left, or a step it was met before', async () => {
        const stale = await processor().fire({
          deadlineId: wf.deadlineId,
          revision: 7,
          stepId: 'due',
          occurrence: 0,
        });
        expect(stale).toEqual({ outcome: 'stale' });
        const early = await processor().fire({
          deadlineId: wf.deadlineId,
          revision: 1,
          stepId: 'due',
          occurrence: 0,
        });
        expect(early).toEqual({ outcome: 'early', fireAt: new Date('2026-08-27T23:00:00Z') });
        expect(await journaledSteps(wf.id)).toHaveLength(2);
      });

      it('a restarted worker picks up where the stopped one left off', async () => {
        const d = wf.deadlineId;
        expect((await jobsOf(d)).delayed).toEqual([`${d}.1.due.0`, `${d}.1.repeat.1`]);
        await t.app.close(); // stopped: its jobs stay in Redis, its rows in PostgreSQL
        clock.set('2026-08-28T08:00:00Z'); // the due instant and the first repeat pass while it is down

        t = await startTestApp(appEnv(), clock, {
          definitions: [icpcClock, faultyClock],
          databaseUrl: database.url,
        });
        await fireDueSteps(t);
        expect((await journaledSteps(wf.id)).map((s) => s.event_id).sort()).toEqual([
          `${d}.1.due.0`,
          `${d}.1.repeat.1`,
          `${d}.1.warn-2.0`,
          `${d}.1.warn-5.0`,
        ]);
        expect((await jobsOf(d)).delayed).toEqual([`${d}.1.repeat.2`]);
      });
    });

    // The PostgreSQL backend's own pools (the Redis backend has none to lose).
    const onPostgres = backend === 'postgres' ? it : () => undefined;
    onPostgres(
      "survives BullMQ's connections being terminated, again and again, and fires what is due after",
      async () => {
        clock.set('2026-08-28T09:00:00Z'); // later than every step above: the suite's clock only moves on
        const wf = await startCase('2026-08-28');
        const d = wf.deadlineId;
        const fiveDayWarning = new WorkingDayCalendar().addWorkingDays(wf.dueDate, -5);
        let terminated = 0;
        for (let round = 0; round < 5; round++) {
          terminated += (await terminateQueueConnections(t))[0]!.n;
          // Work on the queue in between, so connections are opened, handed out and dropped again
          // (a query on a connection terminated under it fails, and is the caller's to retry).
          await t.app
            .get(DeadlineQueue)
            .queue.getJobCounts('delayed')
            .catch(() => undefined);
        }
        expect(terminated).toBeGreaterThan(0);
        clock.set(`${fiveDayWarning}T08:00:00Z`); // 09:00 in London (BST)
        await waitFor('the timers to work again', async () => {
          await fireDueSteps(t).catch(() => undefined); // a pass cut off by a terminated connection is run again
          return (await journaledSteps(wf.id)).length === 1;
          // Reconnecting after the terminations is BullMQ's backoff: slower on a loaded machine.
        }, 45_000);
        expect((await journaledSteps(wf.id)).map((s) => s.event_id)).toEqual([`${d}.1.warn-5.0`]);
        expect(await escalations(wf.id)).toHaveLength(1);
      },
      120_000,
    );

    describe('process roles and Bull Board', () => {
      let api: TestApp;
      let worker: TestApp | undefined;
      let roleDatabase: Awaited<ReturnType<typeof createTestDatabase>>;
      const roleClock = new ManualClock('2026-09-01T09:00:00Z');

      beforeAll(async () => {
        roleDatabase = await createTestDatabase();
        api = await startTestApp(appEnv({ PROCESS_ROLE: 'api' }), roleClock, {
          definitions: [icpcClock, faultyClock],
          databaseUrl: roleDatabase.url,
        });
      });
      afterAll(async () => {
        await worker?.app.close();
        await api?.close();
        await roleDatabase?.drop();
      });

      it('an API-only process consumes no job; a worker-only one does', async () => {
        const res = await http(api)
          .post('/workflows')
          .set('Authorization', await bearer(api.config, roleClock, 'coordinator', { area: 'north' }))
          .send({
            type: 'icpc-clock',
            input: { reference: 'ICPC-900', area: 'north', strategyDiscussionDate: '2026-09-01' },
          });
        expect(res.status).toBe(201);
        await waitForOutbox(api); // an API process performs no effect by itself: the test does
        const [deadline] = await query<{ id: string }>(
          roleDatabase.url,
          `SELECT id FROM workflow_deadline WHERE workflow_id = $1`,
          [res.body.id],
        );
        const d = deadline!.id;
        roleClock.set('2026-09-15T08:00:00Z'); // due 22 September: the five-day warning is due
        await api.app.get(DeadlineReconciler).reconcile(); // the pass queues it; nobody runs it
        expect(api.app.get(DeadlineWorker).running).toBe(false);
        expect(await api.app.get(DeadlineQueue).queue.getWorkersCount()).toBe(0);
        expect((await jobsOf(d, api)).waiting).toEqual([`${d}.1.warn-5.0`]);
        expect(await journaledSteps(res.body.id, api)).toEqual([]);

        worker = await startTestApp(appEnv({ PROCESS_ROLE: 'worker' }), roleClock, {
          definitions: [icpcClock, faultyClock],
          databaseUrl: roleDatabase.url,
        });
        expect(worker.app.get(DeadlineWorker).running).toBe(true);
        await waitForQueueIdle(worker);
        expect((await journaledSteps(res.body.id, api)).map((s) => s.event_id)).toEqual([`${d}.1.warn-5.0`]);
      });

      it('a worker-only process answers /health and nothing of the API', async () => {
        const manager = await bearer(worker!.config, roleClock, 'manager');
        expect((await http(worker).get('/health')).status).not.toBe(404);
        expect((await http(worker).get('/workflows').set('Authorization', manager)).status).toBe(404);
        expect((await http(worker).get('/admin/queues').set('Authorization', manager)).status).toBe(404);
        expect((await http(worker).get('/docs-json')).status).toBe(404);
      });

      it('Bull Board at /admin/queues: managers only, with a bearer token', async () => {
        const board = (token?: string) => {
          const r = http(api).get('/admin/queues/api/queues').query({ activeQueue: 'deadline-steps' });
          return token ? r.set('Authorization', token) : r;
        };
        const none = await board();
        expect(none.status).toBe(401);
        expect(none.headers['www-authenticate']).toBe('Bearer realm="cp-workflows"');
        expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect((await board('Bearer not.a.token')).status).toBe(401);
        expect(
          (await board(await bearer(api.config, roleClock, 'coordinator', { area: 'north' }))).status,
        ).toBe(403);

        const managed = await board(await bearer(api.config, roleClock, 'manager'));
        expect(managed.status).toBe(200);
        expect(managed.body.queues.map((q: { name: string }) => q.name)).toEqual(['deadline-steps']);
        expect(managed.body.queues[0].readOnlyMode).toBe(true);
        const page = await http(api)
          .get('/admin/queues')
          .set('Authorization', await bearer(api.config, roleClock, 'duty_manager'));
        expect(page.status).toBe(200);
        expect(page.headers['content-type']).toMatch(/^text\/html/);
      });
    });
  },
);
