import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK, Clock, DeadlineStepKind, DomainError, DomainErrorCode } from '@app/workflows';
import { AppConfig, decodeCursor, encodeCursor, Page } from '@app/persistence';
import { DeadlineFacts, notificationTitle, workflowLink } from './notification-content';
import type { NotificationChannel, RecipientKind } from './recipients';

/** One item in a person's in-app inbox. */
export interface InboxItem {
  id: string;
  workflowId: string;
  workflowType: string;
  reference: string | null;
  recipient: RecipientKind;
  template: string;
  title: string;
  deadline: DeadlineFacts | null;
  link: string;
  createdAt: string;
  acknowledgedAt: string | null;
}

export interface DeliveryAttemptView {
  attempt: number;
  outcome: 'delivered' | 'failed';
  error: string | null;
  startedAt: string;
  finishedAt: string;
}

export interface DeliveryView {
  id: string;
  channel: NotificationChannel;
  target: string;
  status: 'pending' | 'retrying' | 'delivered' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  acknowledgedAt: string | null;
  history: DeliveryAttemptView[];
}

/** A notification as the workflow shows it: who was to be told, how they were found, and every delivery. */
export interface WorkflowNotificationView {
  id: string;
  recipient: RecipientKind;
  template: string;
  title: string;
  reference: string | null;
  resolvedVia: 'rota' | 'team' | 'none';
  onDutyDate: string;
  deadline: DeadlineFacts | null;
  createdAt: string;
  deliveries: DeliveryView[];
}

interface NotificationColumns {
  notification_id: string;
  workflow_id: string;
  reference: string | null;
  recipient: RecipientKind;
  template: string;
  deadline_id: string | null;
  deadline_kind: string | null;
  step: DeadlineStepKind | null;
  occurrence: number | null;
  due_date: string | null;
  due_at: Date | null;
}

interface InboxRow extends NotificationColumns {
  id: string;
  workflow_type: string;
  created_at: Date;
  acknowledged_at: Date | null;
}

const NOTIFICATION_COLUMNS = `n.id AS notification_id, n.workflow_id, n.reference, n.recipient, n.template, n.deadline_id,
  n.deadline_kind, n.step, n.occurrence, n.due_date::text AS due_date, n.due_at`;

const INBOX_SELECT = `SELECT d.id, d.created_at, d.acknowledged_at, w.type AS workflow_type, ${NOTIFICATION_COLUMNS}
  FROM notification_delivery d
  JOIN notification n ON n.id = d.notification_id
  JOIN workflow_instance w ON w.id = n.workflow_id`;

function deadlineOf(row: NotificationColumns): DeadlineFacts | null {
  if (!row.deadline_id || !row.step || !row.due_date || !row.due_at || !row.deadline_kind) return null;
  return {
    id: row.deadline_id,
    kind: row.deadline_kind,
    step: row.step,
    occurrence: row.occurrence ?? 0,
    dueDate: row.due_date,
    dueAt: row.due_at.toISOString(),
  };
}

const notFound = () => new DomainError(DomainErrorCode.NotFound, 'Notification not found');

/** Reads for the API: a person's inbox (and acknowledging an item of it), and a workflow's notifications. */
@Injectable()
export class NotificationQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The subject's own inbox items, newest first. */
  async inbox(
    subject: string,
    options: { unacknowledged?: boolean; cursor?: string; limit?: number } = {},
  ): Promise<Page<InboxItem>> {
    const params: unknown[] = [subject];
    const where = [`d.channel = 'inbox'`, `d.target = $1`];
    if (options.unacknowledged) where.push('d.acknowledged_at IS NULL');
    if (options.cursor) {
      const cursor = decodeCursor(options.cursor);
      params.push(cursor.updatedAt, cursor.id);
      where.push(`(d.created_at, d.id) < ($${params.length - 1}, $${params.length})`);
    }
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
    params.push(limit + 1);
    const rows = (await this.dataSource.query(
      `${INBOX_SELECT} WHERE ${where.join(' AND ')} ORDER BY d.created_at DESC, d.id DESC LIMIT $${params.length}`,
      params,
    )) as InboxRow[];
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => this.inboxItem(row)),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ updatedAt: last.created_at.toISOString(), id: last.id })
          : null,
    };
  }

  /** Marks the subject's own item read; again changes nothing. Someone else's item is not found. */
  async acknowledge(subject: string, id: string): Promise<InboxItem> {
    await this.dataSource.query(
      `UPDATE notification_delivery SET acknowledged_at = GREATEST($3::timestamptz, created_at)
        WHERE id = $1 AND channel = 'inbox' AND target = $2 AND acknowledged_at IS NULL`,
      [id, subject, this.clock.now()],
    );
    const [row] = (await this.dataSource.query(
      `${INBOX_SELECT} WHERE d.id = $1 AND d.channel = 'inbox' AND d.target = $2`,
      [id, subject],
    )) as InboxRow[];
    if (!row) throw notFound();
    return this.inboxItem(row);
  }

  /** The workflow's area, for scoping a read of its notifications; undefined when there is no such workflow. */
  async workflowScope(workflowId: string): Promise<{ area: string | null; type: string } | undefined> {
    const rows = (await this.dataSource.query(`SELECT area, type FROM workflow_instance WHERE id = $1`, [
      workflowId,
    ])) as {
      area: string | null;
      type: string;
    }[];
    return rows[0];
  }

  /** Every notification of a workflow, oldest first, each with its deliveries and their attempts. */
  async forWorkflow(workflowId: string): Promise<WorkflowNotificationView[]> {
    const notifications = (await this.dataSource.query(
      `SELECT ${NOTIFICATION_COLUMNS}, n.resolved_via, n.on_duty_date::text AS on_duty_date, n.created_at
         FROM notification n WHERE n.workflow_id = $1 ORDER BY n.created_at, n.id`,
      [workflowId],
    )) as (NotificationColumns & {
      resolved_via: 'rota' | 'team' | 'none';
      on_duty_date: string;
      created_at: Date;
    })[];
    const deliveries = (await this.dataSource.query(
      `SELECT d.id, d.notification_id, d.channel, d.target, d.status, d.attempts, d.last_error, d.created_at,
              d.last_attempt_at, d.delivered_at, d.acknowledged_at,
              COALESCE(json_agg(json_build_object('attempt', a.attempt, 'outcome', a.outcome, 'error', a.error,
                         'startedAt', a.started_at, 'finishedAt', a.finished_at) ORDER BY a.attempt)
                       FILTER (WHERE a.attempt IS NOT NULL), '[]') AS history
         FROM notification_delivery d
         LEFT JOIN notification_delivery_attempt a ON a.delivery_id = d.id
        WHERE d.workflow_id = $1
        GROUP BY d.id
        ORDER BY d.channel, d.target`,
      [workflowId],
    )) as {
      id: string;
      notification_id: string;
      channel: NotificationChannel;
      target: string;
      status: DeliveryView['status'];
      attempts: number;
      last_error: string | null;
      created_at: Date;
      last_attempt_at: Date | null;
      delivered_at: Date | null;
      acknowledged_at: Date | null;
      history: {
        attempt: number;
        outcome: 'delivered' | 'failed';
        error: string | null;
        startedAt: string;
        finishedAt: string;
      }[];
    }[];
    const iso = (value: string | Date) => new Date(value).toISOString();
    return notifications.map((n) => ({
      id: n.notification_id,
      recipient: n.recipient,
      template: n.template,
      title: notificationTitle({ template: n.template, deadline: deadlineOf(n) }),
      reference: n.reference,
      resolvedVia: n.resolved_via,
      onDutyDate: n.on_duty_date,
      deadline: deadlineOf(n),
      createdAt: n.created_at.toISOString(),
      deliveries: deliveries
        .filter((d) => d.notification_id === n.notification_id)
        .map((d) => ({
          id: d.id,
          channel: d.channel,
          target: d.target,
          status: d.status,
          attempts: d.attempts,
          lastError: d.last_error,
          createdAt: d.created_at.toISOString(),
          lastAttemptAt: d.last_attempt_at?.toISOString() ?? null,
          deliveredAt: d.delivered_at?.toISOString() ?? null,
          acknowledgedAt: d.acknowledged_at?.toISOString() ?? null,
          history: d.history.map((a) => ({
            ...a,
            startedAt: iso(a.startedAt),
            finishedAt: iso(a.finishedAt),
          })),
        })),
    }));
  }

  private inboxItem(row: InboxRow): InboxItem {
    const deadline = deadlineOf(row);
    return {
      id: row.id,
      workflowId: row.workflow_id,
      workflowType: row.workflow_type,
      reference: row.reference,
      recipient: row.recipient,
      template: row.template,
      title: notificationTitle({ template: row.template, deadline }),
      deadline,
      link: workflowLink(this.config.publicBaseUrl, row.workflow_id),
      createdAt: row.created_at.toISOString(),
      acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
    };
  }
}
