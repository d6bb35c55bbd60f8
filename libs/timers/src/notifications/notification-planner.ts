import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CLOCK, Clock, dateInLondon } from '@app/workflows';
import {
  AppConfig,
  INCIDENT_KINDS,
  IncidentService,
  OutboxSignal,
  webhookSubscribers,
  WebhookSubscriber,
} from '@app/persistence';
import { EffectFailure, OutboxEffect } from '../outbox/effect-handler';
import { DutyRotaStore, Resolution } from './duty-rota.store';
import type { DeadlineFacts } from './notification-content';
import { NOTIFICATION_EFFECTS, NotificationChannel, RecipientKind } from './recipients';

/** What an effect asks for: tell these kinds of recipient about this workflow, with this template. */
export interface NotificationRequest {
  template: string;
  recipients: RecipientKind[];
  /** The reference the effect carries; the workflow's own when absent. */
  reference?: string | null;
  deadline?: DeadlineFacts;
}

export interface PlanOutcome {
  notifications: number;
  deliveries: number;
  undeliverable: RecipientKind[];
}

interface SourceRow {
  created_at: Date;
  journal_seq: number | null;
  type: string;
  area: string | null;
  reference: string | null;
}

/**
 * Turns one effect into notifications and deliveries, in one transaction: a notification per
 * recipient kind (unique per effect and kind, so a redelivered effect adds nothing), and under it
 * a delivery per channel and target. The inbox delivery is the row itself; email and webhook
 * deliveries each get an outbox row of their own, so every one is retried with backoff by the
 * dispatcher and ends as an incident on the workflow when its attempts are spent. A recipient
 * nobody can be found for is recorded and raised as an incident, never dropped.
 */
@Injectable()
export class NotificationPlanner {
  private readonly subscribers: WebhookSubscriber[];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rota: DutyRotaStore,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly signal: OutboxSignal,
    private readonly incidents: IncidentService,
  ) {
    this.subscribers = webhookSubscribers(config);
  }

  get emailEnabled(): boolean {
    return this.config.smtpHost !== '';
  }

  async plan(effect: OutboxEffect, request: NotificationRequest): Promise<PlanOutcome> {
    if (!effect.workflowId) throw new EffectFailure(`${effect.type} has no workflow`);
    const workflowId = effect.workflowId;
    const outcome: PlanOutcome = { notifications: 0, deliveries: 0, undeliverable: [] };
    let queued = 0;
    await this.dataSource.transaction(async (tx) => {
      const [source] = (await tx.query(
        `SELECT o.created_at, o.journal_seq, w.type, w.area, w.reference
           FROM outbox o JOIN workflow_instance w ON w.id = o.workflow_id
          WHERE o.id = $1 AND o.workflow_id = $2`,
        [effect.id, workflowId],
      )) as SourceRow[];
      if (!source) throw new EffectFailure(`${effect.type}: effect or workflow not found`);
      // Whoever was on duty when the step fired, so a retry tomorrow still goes to the same people.
      const onDutyDate = dateInLondon(source.created_at);
      const now = this.clock.now();
      for (const recipient of [...new Set(request.recipients)]) {
        const resolution = await this.rota.resolve(tx, source.area, recipient, onDutyDate);
        const notificationId = randomUUID();
        const inserted = (await tx.query(
          `INSERT INTO notification (id, source_outbox_id, workflow_id, recipient, template, reference, resolved_via,
             team_id, on_duty_date, deadline_id, deadline_kind, step, occurrence, due_date, due_at, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
           ON CONFLICT (source_outbox_id, recipient) DO NOTHING RETURNING id`,
          [
            notificationId,
            effect.id,
            workflowId,
            recipient,
            request.template,
            request.reference ?? source.reference,
            resolution.via,
            resolution.via === 'none' ? null : resolution.team.id,
            onDutyDate,
            request.deadline?.id ?? null,
            request.deadline?.kind ?? null,
            request.deadline?.step ?? null,
            request.deadline?.occurrence ?? null,
            request.deadline?.dueDate ?? null,
            request.deadline?.dueAt ?? null,
            now,
          ],
        )) as { id: string }[];
        if (inserted.length === 0) {
          // Planned by an earlier run of this effect: nothing to do, unless that run reached no one.
          queued += await this.resolveAgainIfUnreached(
            tx,
            effect.id,
            workflowId,
            source,
            recipient,
            now,
            outcome,
          );
          continue;
        }
        outcome.notifications++;

        const context = { tx, notificationId, workflowId, journalSeq: source.journal_seq, now };
        const reached = await this.deliverToPeople(context, resolution);
        for (const subscriber of this.subscribers) {
          await this.addDelivery(context, 'webhook', subscriber.name);
          queued++;
        }
        outcome.deliveries += reached.inbox + reached.email + this.subscribers.length;
        queued += reached.email;
        if (reached.inbox + reached.email === 0) {
          outcome.undeliverable.push(recipient);
          await this.incidents.raise(
            {
              workflowId,
              kind: INCIDENT_KINDS.notificationUndeliverable,
              detail: this.undeliverableDetail(recipient, source.area, onDutyDate, resolution),
              outboxId: effect.id,
              onceKey: `notification.${effect.id}.${recipient}`,
              at: now,
            },
            tx,
          );
        }
      }
    });
    if (queued > 0) this.signal.notify();
    return outcome;
  }

  /**
   * A notification an earlier run of this effect recorded without reaching anyone (no team, or a
   * team no channel reaches) is resolved again when the effect runs again, a manager's retry of its
   * incident or a redelivery: against the teams and rota as they are now, on today's date (the
   * people on duty when it fired were nobody; whoever is on duty now can act on it). Its webhooks
   * were sent the first time and are not added again. Still no one: one new incident, unless one
   * for this recipient is still open. Returns the deliveries queued in the outbox.
   */
  private async resolveAgainIfUnreached(
    tx: EntityManager,
    outboxId: string,
    workflowId: string,
    source: SourceRow,
    recipient: RecipientKind,
    now: Date,
    outcome: PlanOutcome,
  ): Promise<number> {
    const [earlier] = (await tx.query(
      `SELECT id FROM notification WHERE source_outbox_id = $1 AND recipient = $2 FOR UPDATE`,
      [outboxId, recipient],
    )) as { id: string }[];
    if (!earlier) return 0;
    // A statement of its own, after the lock: it sees what a run that held the lock before us wrote.
    const [{ reached }] = (await tx.query(
      `SELECT count(*)::int AS reached FROM notification_delivery
        WHERE notification_id = $1 AND channel IN ('inbox', 'email')`,
      [earlier.id],
    )) as [{ reached: number }];
    if (reached > 0) return 0;
    const today = dateInLondon(now);
    const resolution = await this.rota.resolve(tx, source.area, recipient, today);
    await tx.query(
      `UPDATE notification SET resolved_via = $2, team_id = $3, on_duty_date = $4 WHERE id = $1`,
      [earlier.id, resolution.via, resolution.via === 'none' ? null : resolution.team.id, today],
    );
    const context = { tx, notificationId: earlier.id, workflowId, journalSeq: source.journal_seq, now };
    const people = await this.deliverToPeople(context, resolution);
    outcome.deliveries += people.inbox + people.email;
    if (people.inbox + people.email === 0) {
      outcome.undeliverable.push(recipient);
      await this.incidents.raise(
        {
          workflowId,
          kind: INCIDENT_KINDS.notificationUndeliverable,
          detail: this.undeliverableDetail(recipient, source.area, today, resolution),
          outboxId,
          onceKey: `notification.${outboxId}.${recipient}`,
          at: now,
        },
        tx,
      );
    }
    return people.email;
  }

  private async deliverToPeople(
    context: DeliveryContext,
    resolution: Resolution,
  ): Promise<{ inbox: number; email: number }> {
    if (resolution.via === 'none') return { inbox: 0, email: 0 };
    const subjects = new Set(resolution.people.flatMap((p) => (p.subject ? [p.subject] : [])));
    const emails = this.emailEnabled
      ? new Set(resolution.people.map((p) => p.email.toLowerCase()))
      : new Set<string>();
    for (const subject of subjects) await this.addDelivery(context, 'inbox', subject);
    for (const email of emails) await this.addDelivery(context, 'email', email);
    return { inbox: subjects.size, email: emails.size };
  }

  /**
   * The inbox item is delivered by being written; an email or webhook is written pending with an
   * outbox row that carries only the delivery's id.
   */
  private async addDelivery(
    context: DeliveryContext,
    channel: NotificationChannel,
    target: string,
  ): Promise<void> {
    const { tx, notificationId, workflowId, journalSeq, now } = context;
    const deliveryId = randomUUID();
    if (channel === 'inbox') {
      await tx.query(
        `INSERT INTO notification_delivery (id, notification_id, workflow_id, channel, target, status, attempts,
           created_at, last_attempt_at, delivered_at)
         VALUES ($1, $2, $3, 'inbox', $4, 'delivered', 1, $5, $5, $5)`,
        [deliveryId, notificationId, workflowId, target, now],
      );
      await tx.query(
        `INSERT INTO notification_delivery_attempt (delivery_id, attempt, started_at, finished_at, outcome)
         VALUES ($1, 1, $2, $2, 'delivered')`,
        [deliveryId, now],
      );
      return;
    }
    const effectType = channel === 'email' ? NOTIFICATION_EFFECTS.email : NOTIFICATION_EFFECTS.webhook;
    const [outbox] = (await tx.query(
      `INSERT INTO outbox (workflow_id, journal_seq, effect_type, payload, available_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`,
      [workflowId, journalSeq, effectType, { type: effectType, deliveryId }, now],
    )) as { id: string }[];
    await tx.query(
      `INSERT INTO notification_delivery (id, notification_id, workflow_id, channel, target, status, outbox_id, created_at)
       VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7)`,
      [deliveryId, notificationId, workflowId, channel, target, outbox!.id, now],
    );
  }

  private undeliverableDetail(
    recipient: RecipientKind,
    area: string | null,
    date: string,
    resolution: Resolution,
  ): string {
    const where = area === null ? 'the whole authority' : `area ${area}`;
    return resolution.via === 'none'
      ? `No one to notify: no ${recipient} team for ${where} (nor for the whole authority) on ${date}`
      : `No channel reaches the ${recipient} team for ${where} on ${date}: nobody's inbox is named and email is off`;
  }

}

interface DeliveryContext {
  tx: EntityManager;
  notificationId: string;
  workflowId: string;
  journalSeq: number | null;
  now: Date;
}
