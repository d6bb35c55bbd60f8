import { ReplayService } from '@app/persistence';
import {
  DEADLINE_JOBS,
  DeadlineQueue,
  DeadlineReconciler,
  DeadlineStore,
  DeadlineTimers,
  planSteps,
} from '@app/timers';
import { WorkingDayCalendar } from '@app/workflows';
import type { TestApp } from '../support/app';
import { query } from '../support/rows';
import type { WebhookReceiver } from '../support/webhook-receiver';
import type { Load } from './load';

/** The effects each kind of journal row writes in the ASV process, by event type (sorted). */
const EFFECTS_OF_EVENT: Record<string, string[]> = {
  'workflow.started': ['deadline.opened', 'notify'],
  'screening.threshold-met': ['deadline.closed', 'deadline.opened'],
  'contact.logged': [],
};

/** What a check looked at: the figures the suite prints. */
export interface CheckedCounts {
  workflows: number;
  journalRows: number;
  effects: number;
  /** Effects the dispatcher had to attempt more than once (the faults at work). */
  effectsRetried: number;
  notifications: number;
  deliveries: number;
  webhooksReceived: number;
  webhookRedeliveries: number;
  openDeadlines: number;
  timerJobs: number;
  replayed: number;
}

/**
 * Everything the fault suite holds true once the load has been re-sent and the service is quiet,
 * read from PostgreSQL, from Redis and from the webhook subscriber. Each failure names what is
 * wrong; nothing here depends on how long anything took.
 */
export class Invariants {
  constructor(
    private readonly inspector: TestApp,
    private readonly databaseUrl: string,
    private readonly receiver: WebhookReceiver,
  ) {}

  /** Waits until the outbox has performed everything (the service's own dispatcher does it). */
  async outboxQuiet(timeoutMs = 180_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [row] = await query<{ pending: number; failed: number }>(
        this.databaseUrl,
        `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
                count(*) FILTER (WHERE status = 'failed')::int AS failed FROM outbox`,
      );
      if (row!.failed > 0) throw new Error(`${row!.failed} outbox rows failed for good`);
      if (row!.pending === 0) return;
      if (Date.now() > deadline) throw new Error(`outbox still has ${row!.pending} pending rows`);
      await new Promise((r) => setTimeout(r, 200)); // polling another process's work, not waiting for time
    }
  }

  async check(load: Load): Promise<CheckedCounts> {
    const journal = await this.journalMatchesAnswers(load);
    const workflows = await this.noGapInAnySequence(load);
    const outbox = await this.oneOutboxRowPerEffect();
    const notified = await this.oneDeliveryPerNotification();
    await this.noIncident();
    const timers = await this.deadlinesAndJobsAgree();
    const replayed = await this.replayPasses(workflows);
    return {
      workflows,
      journalRows: journal,
      ...outbox,
      ...notified,
      ...timers,
      replayed,
    };
  }

  /** Every 2xx has its journal row, holding the answer the client got; no other row exists. */
  private async journalMatchesAnswers(load: Load): Promise<number> {
    const rows = await query<{ workflow_id: string; seq: number; event_id: string; to_state: string }>(
      this.databaseUrl,
      `SELECT workflow_id, seq, event_id, to_state FROM workflow_journal`,
    );
    const byEventId = new Map(rows.map((r) => [r.event_id, r]));
    const answered = load.requests.filter((q) => q.answer);
    const problems: string[] = [];
    if (answered.length !== load.requests.length) problems.push('some requests have no 2xx');
    for (const request of answered) {
      const row = byEventId.get(`client.${request.key}`);
      const answer = request.answer!;
      if (!row) problems.push(`${request.key}: 2xx without a journal row`);
      else if (row.workflow_id !== answer.id || row.seq !== answer.seq || row.to_state !== answer.state) {
        problems.push(
          `${request.key}: answered ${JSON.stringify(answer)} but the journal holds ${JSON.stringify(row)}`,
        );
      }
    }
    const keys = new Set(answered.map((q) => `client.${q.key}`));
    for (const row of rows)
      if (!keys.has(row.event_id)) problems.push(`journal row ${row.event_id} has no 2xx`);
    if (problems.length > 0)
      throw new Error(`journal and answers disagree:\n${problems.slice(0, 20).join('\n')}`);
    return rows.length;
  }

  /** One workflow per referral, each journal 1..seq with no gap and no repeat. */
  private async noGapInAnySequence(load: Load): Promise<number> {
    const rows = await query<{ id: string; seq: number; n: number; first: number; last: number }>(
      this.databaseUrl,
      `SELECT i.id, i.seq, count(j.seq)::int AS n, min(j.seq) AS first, max(j.seq) AS last
         FROM workflow_instance i LEFT JOIN workflow_journal j ON j.workflow_id = i.id GROUP BY i.id, i.seq`,
    );
    const gaps = rows.filter((r) => r.n !== r.seq || r.first !== 1 || r.last !== r.seq);
    if (gaps.length > 0) throw new Error(`sequences with a gap: ${JSON.stringify(gaps.slice(0, 10))}`);
    const expected = new Set(load.referrals.map((r) => r.id));
    if (rows.length !== load.referrals.length || rows.some((r) => !expected.has(r.id))) {
      throw new Error(`${rows.length} workflows for ${load.referrals.length} referrals`);
    }
    return rows.length;
  }

  /** Each journal row has exactly the effects its event writes, once each, all performed. */
  private async oneOutboxRowPerEffect(): Promise<{ effects: number; effectsRetried: number }> {
    const rows = await query<{
      workflow_id: string;
      seq: number;
      event_type: string;
      effects: string[] | null;
    }>(
      this.databaseUrl,
      `SELECT j.workflow_id, j.seq, j.event_type,
              array_agg(o.effect_type ORDER BY o.effect_type) FILTER (WHERE o.id IS NOT NULL) AS effects
         FROM workflow_journal j
         LEFT JOIN outbox o ON o.workflow_id = j.workflow_id AND o.journal_seq = j.seq
                           AND o.effect_type NOT LIKE 'notification.%'
        GROUP BY j.workflow_id, j.seq, j.event_type`,
    );
    const wrong = rows.filter(
      (r) => JSON.stringify(r.effects ?? []) !== JSON.stringify(EFFECTS_OF_EVENT[r.event_type] ?? ['?']),
    );
    if (wrong.length > 0)
      throw new Error(`journal rows with the wrong effects: ${JSON.stringify(wrong.slice(0, 10))}`);
    const [{ n, open, retried }] = (await query<{ n: number; open: number; retried: number }>(
      this.databaseUrl,
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE status <> 'done')::int AS open,
              count(*) FILTER (WHERE attempts > 1)::int AS retried FROM outbox`,
    )) as [{ n: number; open: number; retried: number }];
    if (open > 0) throw new Error(`${open} outbox rows are not done`);
    return { effects: n, effectsRetried: retried };
  }

  /**
   * Each notify effect made one notification; each notification one inbox and one webhook delivery,
   * delivered; each webhook delivery one outbox row, and the subscriber received it (at least once:
   * a worker killed mid-delivery sends it again, with the same Idempotency-Key).
   */
  private async oneDeliveryPerNotification(): Promise<{
    notifications: number;
    deliveries: number;
    webhooksReceived: number;
    webhookRedeliveries: number;
  }> {
    const perEffect = await query<{ id: string; n: number }>(
      this.databaseUrl,
      `SELECT o.id::text, count(n.id)::int AS n FROM outbox o LEFT JOIN notification n ON n.source_outbox_id = o.id
        WHERE o.effect_type = 'notify' GROUP BY o.id`,
    );
    const notOnce = perEffect.filter((r) => r.n !== 1);
    if (notOnce.length > 0)
      throw new Error(`notify effects without exactly one notification: ${JSON.stringify(notOnce)}`);
    const perNotification = await query<{ id: string; channels: string[]; statuses: string[] }>(
      this.databaseUrl,
      `SELECT n.id, array_agg(d.channel ORDER BY d.channel) AS channels, array_agg(DISTINCT d.status) AS statuses
         FROM notification n LEFT JOIN notification_delivery d ON d.notification_id = n.id GROUP BY n.id`,
    );
    const wrong = perNotification.filter(
      (r) =>
        JSON.stringify(r.channels) !== '["inbox","webhook"]' ||
        JSON.stringify(r.statuses) !== '["delivered"]',
    );
    if (wrong.length > 0)
      throw new Error(`notifications with the wrong deliveries: ${JSON.stringify(wrong.slice(0, 10))}`);
    const webhooks = await query<{ id: string; outbox_rows: number }>(
      this.databaseUrl,
      `SELECT d.id, (SELECT count(*)::int FROM outbox o
                      WHERE o.effect_type = 'notification.webhook' AND o.payload->>'deliveryId' = d.id::text) AS outbox_rows
         FROM notification_delivery d WHERE d.channel = 'webhook'`,
    );
    const unbacked = webhooks.filter((w) => w.outbox_rows !== 1);
    if (unbacked.length > 0)
      throw new Error(`webhook deliveries without exactly one outbox row: ${unbacked.length}`);
    const received = this.receiver.received.map((r) => String(r.headers['idempotency-key']));
    const missing = webhooks.filter((w) => !received.includes(w.id));
    if (missing.length > 0)
      throw new Error(`${missing.length} delivered webhooks never reached the subscriber`);
    const expected = new Set(webhooks.map((w) => w.id));
    if (received.some((key) => !expected.has(key)))
      throw new Error('the subscriber received a webhook nobody recorded');
    const deliveries = await query<{ n: number }>(
      this.databaseUrl,
      `SELECT count(*)::int AS n FROM notification_delivery`,
    );
    return {
      notifications: perNotification.length,
      deliveries: deliveries[0]!.n,
      webhooksReceived: received.length,
      webhookRedeliveries: received.length - new Set(received).size,
    };
  }

  private async noIncident(): Promise<void> {
    const incidents = await query<{ kind: string; detail: string }>(
      this.databaseUrl,
      `SELECT kind, detail FROM workflow_incident`,
    );
    if (incidents.length > 0) throw new Error(`incidents: ${JSON.stringify(incidents.slice(0, 10))}`);
  }

  /**
   * After a reconciler pass: every open deadline has exactly the jobs its plan wants (nothing is
   * due yet: each clock runs into the next working day), and Redis holds no step job of a deadline
   * that is closed or of a revision that is gone.
   */
  private async deadlinesAndJobsAgree(): Promise<{ openDeadlines: number; timerJobs: number }> {
    const clock = this.inspector.clock;
    clock.set(new Date());
    await this.inspector.app.get(DeadlineReconciler).reconcile();
    const store = this.inspector.app.get(DeadlineStore);
    const timers = this.inspector.app.get(DeadlineTimers);
    const calendar = this.inspector.app.get(WorkingDayCalendar);
    const open = await store.openAfter(null, 100_000);
    const wanted = new Set<string>();
    const problems: string[] = [];
    for (const deadline of open) {
      const plan = planSteps(timers.ladderOf(deadline), deadline, clock.now(), calendar);
      if (plan.due.length > 0) problems.push(`deadline ${deadline.id} has steps due already`);
      for (const step of plan.upcoming) wanted.add(step.jobId);
    }
    const { queue } = this.inspector.app.get(DeadlineQueue);
    const jobs = (
      await queue.getJobs(['delayed', 'waiting', 'active', 'prioritized', 'failed'], 0, -1)
    ).filter((job) => job?.name === DEADLINE_JOBS.step);
    const present = new Set(jobs.map((job) => job.id!));
    for (const id of wanted) if (!present.has(id)) problems.push(`job ${id} missing`);
    for (const id of present)
      if (!wanted.has(id)) problems.push(`job ${id} has no open deadline that wants it`);
    const failed = await queue.getJobs(['failed'], 0, -1);
    if (failed.some((job) => job?.name === DEADLINE_JOBS.step)) problems.push('failed step jobs');
    if (problems.length > 0)
      throw new Error(`deadlines and timer jobs disagree:\n${problems.slice(0, 20).join('\n')}`);
    return { openDeadlines: open.length, timerJobs: present.size };
  }

  /** `npm run replay`'s logic: every journal replays to its stored snapshot. */
  private async replayPasses(workflows: number): Promise<number> {
    const report = await this.inspector.app.get(ReplayService).check();
    if (report.mismatched.length > 0 || report.checked !== workflows) {
      throw new Error(
        `replay: ${report.checked} checked, mismatched ${JSON.stringify(report.mismatched.slice(0, 10))}`,
      );
    }
    return report.checked;
  }
}
