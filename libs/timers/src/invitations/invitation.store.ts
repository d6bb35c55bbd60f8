import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CLOCK, type Clock, type ICalMethod, type InvitationSlot } from '@app/workflows';

/** A personal link's token: 32 random bytes, base64url (43 characters). */
export const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const hashToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

export interface InvitationLink {
  id: string;
  workflowId: string;
  personId: string;
  sequence: number;
  expiresAt: Date;
}

export interface LetterTask {
  id: string;
  workflowId: string;
  reference: string;
  personId: string;
  sequence: number;
  method: ICalMethod;
  slot: InvitationSlot;
  createdAt: string;
  /** A newer sending to the same invitee replaced this letter before it was posted: do not post it. */
  supersededAt: string | null;
  postedOn: string | null;
  postedAt: string | null;
  postedBy: string | null;
}

interface LetterRow {
  id: string;
  workflow_id: string;
  reference: string;
  person_id: string;
  sequence: number;
  method: ICalMethod;
  slot_date: string;
  start_time: string;
  duration_minutes: number;
  venue_id: string | null;
  online_link: string | null;
  created_at: Date;
  superseded_at: Date | null;
  posted_on: string | null;
  posted_at: Date | null;
  posted_by: string | null;
}

const letterColumns = (t: string) =>
  `${t}.id, ${t}.workflow_id, ${t}.reference, ${t}.person_id, ${t}.sequence, ${t}.method,
   to_char(${t}.slot_date, 'YYYY-MM-DD') AS slot_date, ${t}.start_time, ${t}.duration_minutes, ${t}.venue_id,
   ${t}.online_link, ${t}.created_at, ${t}.superseded_at, to_char(${t}.posted_on, 'YYYY-MM-DD') AS posted_on,
   ${t}.posted_at, ${t}.posted_by`;

const letterOf = (row: LetterRow): LetterTask => ({
  id: row.id,
  workflowId: row.workflow_id,
  reference: row.reference,
  personId: row.person_id,
  sequence: row.sequence,
  method: row.method,
  slot: {
    date: row.slot_date,
    startTime: row.start_time,
    durationMinutes: row.duration_minutes,
    venueId: row.venue_id,
    onlineLink: row.online_link,
  },
  createdAt: row.created_at.toISOString(),
  supersededAt: row.superseded_at?.toISOString() ?? null,
  postedOn: row.posted_on,
  postedAt: row.posted_at?.toISOString() ?? null,
  postedBy: row.posted_by,
});

/**
 * What the invitations keep outside the workflow: the personal links (the SHA-256 of each
 * token, never the token) and the letter tasks for the co-ordinators. Ids, sequences and slots
 * only; the person store keeps the addresses.
 */
@Injectable()
export class InvitationStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A new personal link for one sending; answers the token, which is stored only as its hash. */
  async createLink(link: Omit<InvitationLink, 'id'> & { outboxId: string }): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.dataSource.query(
      `INSERT INTO invitation_link (id, token_hash, workflow_id, person_id, sequence, outbox_id, expires_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [randomUUID(), hashToken(token), link.workflowId, link.personId, link.sequence, link.outboxId, link.expiresAt, this.clock.now()],
    );
    return token;
  }

  /** The link a token opens, or null (a malformed token is never looked up). */
  async findLink(token: string): Promise<InvitationLink | null> {
    if (!LINK_TOKEN.test(token)) return null;
    const [row] = (await this.dataSource.query(
      `SELECT id, workflow_id, person_id, sequence, expires_at FROM invitation_link WHERE token_hash = $1`,
      [hashToken(token)],
    )) as { id: string; workflow_id: string; person_id: string; sequence: number; expires_at: Date }[];
    return row
      ? { id: row.id, workflowId: row.workflow_id, personId: row.person_id, sequence: row.sequence, expiresAt: row.expires_at }
      : null;
  }

  /**
   * The letter task of one sending, once per outbox row (a redelivery adds nothing). Open
   * letters of an older sequence to the same invitee are superseded by it; a letter older than
   * one already made is recorded superseded from the start.
   */
  async addLetterTask(task: {
    outboxId: string;
    workflowId: string;
    reference: string;
    personId: string;
    sequence: number;
    method: ICalMethod;
    slot: InvitationSlot;
  }): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const now = this.clock.now();
      // One invitee's letters are decided one at a time.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('invitation-letter:' || $1 || ':' || $2))`, [
        task.workflowId,
        task.personId,
      ]);
      const [newer] = (await tx.query(
        `SELECT 1 FROM invitation_letter_task WHERE workflow_id = $1 AND person_id = $2 AND sequence > $3 LIMIT 1`,
        [task.workflowId, task.personId, task.sequence],
      )) as unknown[];
      const inserted = (await tx.query(
        `INSERT INTO invitation_letter_task
           (id, outbox_id, workflow_id, reference, person_id, sequence, method, slot_date, start_time,
            duration_minutes, venue_id, online_link, created_at, superseded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (outbox_id) DO NOTHING
         RETURNING id`,
        [
          randomUUID(),
          task.outboxId,
          task.workflowId,
          task.reference,
          task.personId,
          task.sequence,
          task.method,
          task.slot.date,
          task.slot.startTime,
          task.slot.durationMinutes,
          task.slot.venueId,
          task.slot.onlineLink,
          now,
          newer ? now : null,
        ],
      )) as { id: string }[];
      if (inserted.length === 0 || newer) return;
      await tx.query(
        `UPDATE invitation_letter_task SET superseded_at = $4
          WHERE workflow_id = $1 AND person_id = $2 AND sequence < $3 AND posted_on IS NULL AND superseded_at IS NULL`,
        [task.workflowId, task.personId, task.sequence, now],
      );
    });
  }

  async letterTasksOf(workflowId: string): Promise<LetterTask[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${letterColumns('t')} FROM invitation_letter_task t WHERE t.workflow_id = $1 ORDER BY t.sequence, t.created_at, t.id`,
      [workflowId],
    )) as LetterRow[];
    return rows.map(letterOf);
  }

  /** Letters still to post, of conferences in these areas (null: every area), oldest first. */
  async openLetterTasks(areas: readonly string[] | null, limit: number): Promise<LetterTask[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${letterColumns('t')}
         FROM invitation_letter_task t JOIN workflow_instance w ON w.id = t.workflow_id
        WHERE t.posted_on IS NULL AND t.superseded_at IS NULL AND ($1::text[] IS NULL OR w.area = ANY($1))
        ORDER BY t.created_at, t.id LIMIT $2`,
      [areas, limit],
    )) as LetterRow[];
    return rows.map(letterOf);
  }

  async letterTask(workflowId: string, id: string, tx: EntityManager = this.dataSource.manager): Promise<LetterTask | null> {
    const [row] = (await tx.query(
      `SELECT ${letterColumns('t')} FROM invitation_letter_task t WHERE t.workflow_id = $1 AND t.id = $2`,
      [workflowId, id],
    )) as LetterRow[];
    return row ? letterOf(row) : null;
  }

  /** Marks a letter posted, once: false when it was posted or superseded already. */
  async markPosted(tx: EntityManager, id: string, postedOn: string, by: string): Promise<boolean> {
    const [rows] = (await tx.query(
      `UPDATE invitation_letter_task SET posted_on = $2, posted_at = $3, posted_by = $4
        WHERE id = $1 AND posted_on IS NULL AND superseded_at IS NULL RETURNING id`,
      [id, postedOn, this.clock.now(), by],
    )) as [unknown[], number];
    return rows.length > 0;
  }
}
