import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK, Clock, DeadlineStepKind } from '@app/workflows';
import { AppConfig } from '@app/persistence';
import { EffectFailure, OutboxEffect } from '../outbox/effect-handler';
import type { NotificationMessage } from './notification-content';
import type { NotificationChannel, RecipientKind } from './recipients';

/** A delivery as a channel handler needs it: where to, its state, and the message it carries. */
export interface PendingDelivery {
  id: string;
  channel: NotificationChannel;
  target: string;
  status: 'pending' | 'retrying' | 'delivered' | 'failed';
  message: NotificationMessage;
}

interface DeliveryRow {
  id: string;
  channel: NotificationChannel;
  target: string;
  status: PendingDelivery['status'];
  notification_id: string;
  workflow_id: string;
  workflow_type: string;
  area: string | null;
  reference: string | null;
  recipient: RecipientKind;
  template: string;
  deadline_id: string | null;
  deadline_kind: string | null;
  /** The item of a clock kept one per item ('' for a clock that is one of its kind). */
  deadline_key: string | null;
  step: DeadlineStepKind | null;
  occurrence: number | null;
  due_date: string | null;
  due_at: Date | null;
  created_at: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The channel handlers' bookkeeping: loads the delivery an outbox row names and records every
 * attempt with its outcome (a row per attempt, and the delivery's status, count and last error).
 * A failure on the outbox's last attempt marks the delivery failed; the dispatcher then records
 * the incident on the workflow.
 */
@Injectable()
export class DeliveryRecorder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async load(effect: OutboxEffect, channel: NotificationChannel): Promise<PendingDelivery> {
    const deliveryId = effect.payload.deliveryId;
    if (typeof deliveryId !== 'string' || !UUID.test(deliveryId))
      throw new EffectFailure(`${effect.type} names no delivery`);
    const [row] = (await this.dataSource.query(
      `SELECT d.id, d.channel, d.target, d.status, n.id AS notification_id, n.workflow_id, w.type AS workflow_type, w.area,
              n.reference, n.recipient, n.template, n.deadline_id, n.deadline_kind, n.step, n.occurrence,
              n.due_date::text AS due_date, n.due_at, n.created_at, k.item_key AS deadline_key
         FROM notification_delivery d
         JOIN notification n ON n.id = d.notification_id
         JOIN workflow_instance w ON w.id = n.workflow_id
         LEFT JOIN workflow_deadline k ON k.id = n.deadline_id
        WHERE d.id = $1 AND d.outbox_id = $2`,
      [deliveryId, effect.id],
    )) as DeliveryRow[];
    if (!row || row.channel !== channel) throw new EffectFailure(`${effect.type}: delivery not found`);
    return {
      id: row.id,
      channel: row.channel,
      target: row.target,
      status: row.status,
      message: {
        notificationId: row.notification_id,
        workflowId: row.workflow_id,
        workflowType: row.workflow_type,
        reference: row.reference,
        area: row.area,
        recipient: row.recipient,
        template: row.template,
        deadline:
          row.deadline_id && row.step && row.due_date && row.due_at && row.deadline_kind
            ? {
                id: row.deadline_id,
                kind: row.deadline_kind,
                ...(row.deadline_key ? { key: row.deadline_key } : {}),
                step: row.step,
                occurrence: row.occurrence ?? 0,
                dueDate: row.due_date,
                dueAt: row.due_at.toISOString(),
              }
            : null,
        createdAt: row.created_at.toISOString(),
      },
    };
  }

  async delivered(delivery: PendingDelivery, attempt: number, startedAt: Date): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO notification_delivery_attempt (delivery_id, attempt, started_at, finished_at, outcome)
         VALUES ($1, $2, $3, $4, 'delivered') ON CONFLICT DO NOTHING`,
        [delivery.id, attempt, startedAt, now],
      );
      await tx.query(
        `UPDATE notification_delivery
            SET status = 'delivered', attempts = GREATEST(attempts, $2), last_attempt_at = $3, delivered_at = $3,
                last_error = NULL
          WHERE id = $1`,
        [delivery.id, attempt, now],
      );
    });
  }

  /** Records a failed attempt; `error` must already be free of personal data (a code, a status). */
  async failed(delivery: PendingDelivery, attempt: number, startedAt: Date, error: string): Promise<void> {
    const now = this.clock.now();
    const final = attempt >= this.config.outboxMaxAttempts;
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO notification_delivery_attempt (delivery_id, attempt, started_at, finished_at, outcome, error)
         VALUES ($1, $2, $3, $4, 'failed', $5) ON CONFLICT DO NOTHING`,
        [delivery.id, attempt, startedAt, now, error.slice(0, 500)],
      );
      await tx.query(
        `UPDATE notification_delivery
            SET status = $2, attempts = GREATEST(attempts, $3), last_attempt_at = $4, last_error = $5
          WHERE id = $1 AND status <> 'delivered'`,
        [delivery.id, final ? 'failed' : 'retrying', attempt, now, error.slice(0, 500)],
      );
    });
  }
}
