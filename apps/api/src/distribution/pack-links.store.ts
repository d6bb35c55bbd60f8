import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');

export interface PackLink {
  id: string;
  workflowId: string;
  packId: string;
  attempt: number;
  recipientId: string;
  familySide: boolean;
  expiresOn: string;
  stoppedAt: Date | null;
  stoppedReason: string | null;
}

interface LinkRow {
  id: string;
  workflow_id: string;
  pack_id: string;
  attempt: number;
  recipient_id: string;
  family_side: boolean;
  expires_on: string;
  stopped_at: Date | null;
  stopped_reason: string | null;
}

const COLUMNS = `id, workflow_id, pack_id, attempt, recipient_id, family_side, to_char(expires_on, 'YYYY-MM-DD') AS expires_on, stopped_at, stopped_reason`;

const linkOf = (row: LinkRow): PackLink => ({
  id: row.id,
  workflowId: row.workflow_id,
  packId: row.pack_id,
  attempt: row.attempt,
  recipientId: row.recipient_id,
  familySide: row.family_side,
  expiresOn: row.expires_on,
  stoppedAt: row.stopped_at,
  stoppedReason: row.stopped_reason,
});

/** What the relay's delivery report said of a sending: delivered to the recipient's mailbox, or failed for good. */
export type SendingDelivery = 'delivered' | 'failed';

/** One emailed sending of a pack (a link row), with what its delivery report said, ids and dates only. */
export interface Sending {
  packId: string;
  attempt: number;
  /** When its link was issued (the last retry's, if the email was retried). */
  linkIssuedAt: Date;
  delivery: SendingDelivery | null;
  /** The report's RFC 3463 status code, e.g. 2.0.0 or 5.1.1. */
  deliveryStatus: string | null;
  /** When the relay says it delivered or gave up, as it said it (its clock, not ours), if it said. */
  deliveryAt: Date | null;
  /** When the service read the report. */
  deliveryReportedAt: Date | null;
}

export type CodeCheck = 'accepted' | 'wrong' | 'none';

/** A recorded data-protection incident, as managers and auditors read it: ids and dates only. */
export interface IncidentRow {
  workflowId: string;
  incidentId: string;
  area: string;
  reference: string;
  packId: string;
  recipientId: string;
  exposed: unknown;
  statusAtRevocation: string;
  sentAt: Date | null;
  opened: boolean;
  firstOpenedAt: Date | null;
  revokedAt: Date;
  /** Why it was revoked, and by whom (a sign-in id); null for incidents recorded before they were kept. */
  reason: string | null;
  revokedBy: string | null;
  recordedAt: Date;
}

/**
 * Personal links, their one-time codes and the data-protection incidents, in PostgreSQL. A link
 * is found by the SHA-256 of its token only: the token itself is in the recipient's email and
 * nowhere else.
 */
@Injectable()
export class PackLinksStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The link of one sending of a pack, and one more token that opens it: the token this email
   * carries. A sending runs at least once (a worker that dies after the relay took the email runs
   * it again), so a recipient may have two emails of the same sending, and each one's link opens
   * the pack; stopping the link stops every token. Answers the sending's envelope id (random, kept
   * across retries of the same attempt, so a report on any of its emails names this row), or null
   * for a stopped link (nothing to send).
   */
  async issue(
    link: Omit<PackLink, 'id' | 'stoppedAt' | 'stoppedReason'> & { tokenSha256: string; now: Date },
  ): Promise<string | null> {
    const rows = (await this.dataSource.query(
      `WITH link AS (
         INSERT INTO distribution_link (id, workflow_id, pack_id, attempt, recipient_id, family_side, expires_on, created_at, envelope_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $10)
         ON CONFLICT (workflow_id, pack_id, attempt) DO UPDATE
           SET envelope_id = COALESCE(distribution_link.envelope_id, EXCLUDED.envelope_id)
           WHERE distribution_link.stopped_at IS NULL
         RETURNING id, envelope_id),
       token AS (
         INSERT INTO distribution_link_token (token_sha256, link_id, created_at)
         SELECT $9, id, $8 FROM link)
       SELECT envelope_id FROM link`,
      [
        randomUUID(),
        link.workflowId,
        link.packId,
        link.attempt,
        link.recipientId,
        link.familySide,
        link.expiresOn,
        link.now,
        link.tokenSha256,
        randomBytes(16).toString('hex'),
      ],
    )) as { envelope_id: string }[];
    return rows[0]?.envelope_id ?? null;
  }

  /** The sending a delivery report names by its envelope id (the DSN's Original-Envelope-Id). */
  async byEnvelopeId(envelopeId: string): Promise<PackLink | null> {
    if (!/^[0-9a-f]{32}$/.test(envelopeId)) return null;
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM distribution_link WHERE envelope_id = $1`, [
      envelopeId,
    ])) as LinkRow[];
    return rows[0] ? linkOf(rows[0]) : null;
  }

  /**
   * What the relay reported for one sending, in the transaction of the event it answered. The
   * first report stays (a second report of the same sending is refused by the workflow anyway).
   */
  async recordDelivery(
    linkId: string,
    report: { delivery: SendingDelivery; status: string | null; at: Date; reportedAt: Date | null },
    tx: EntityManager,
  ): Promise<void> {
    await tx.query(
      `UPDATE distribution_link SET delivery = $2, delivery_status = $3, delivery_reported_at = $4, delivery_at = $5
        WHERE id = $1 AND delivery IS NULL`,
      [linkId, report.delivery, report.status, report.at, report.reportedAt],
    );
  }

  /** Every emailed sending of the distribution's packs, one per pack and attempt, oldest first. */
  async sendingsOf(workflowId: string): Promise<Sending[]> {
    const rows = (await this.dataSource.query(
      `SELECT pack_id AS "packId", attempt, created_at AS "linkIssuedAt", delivery, delivery_status AS "deliveryStatus",
              delivery_at AS "deliveryAt", delivery_reported_at AS "deliveryReportedAt"
         FROM distribution_link WHERE workflow_id = $1 ORDER BY pack_id, attempt`,
      [workflowId],
    )) as Sending[];
    return rows;
  }

  async byToken(token: string): Promise<PackLink | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM distribution_link
        WHERE id = (SELECT link_id FROM distribution_link_token WHERE token_sha256 = $1)`,
      [sha256Hex(token)],
    )) as LinkRow[];
    return rows[0] ? linkOf(rows[0]) : null;
  }

  async ofPack(workflowId: string, packId: string): Promise<PackLink[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM distribution_link WHERE workflow_id = $1 AND pack_id = $2 ORDER BY attempt`,
      [workflowId, packId],
    )) as LinkRow[];
    return rows.map(linkOf);
  }

  /** Every link of the pack stops (idempotent: the first stop's time and reason stay). */
  async stop(
    workflowId: string,
    packId: string,
    reason: string,
    now: Date,
    tx?: EntityManager,
  ): Promise<void> {
    await (tx ?? this.dataSource.manager).query(
      `UPDATE distribution_link SET stopped_at = $4, stopped_reason = $3, code_sha256 = NULL
        WHERE workflow_id = $1 AND pack_id = $2 AND stopped_at IS NULL`,
      [workflowId, packId, reason, now],
    );
  }

  /** A new one-time code for the link, replacing any earlier one. */
  async setCode(linkId: string, code: string, expiresAt: Date, attempts: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE distribution_link SET code_sha256 = $2, code_expires_at = $3, code_attempts_left = $4 WHERE id = $1`,
      [linkId, sha256Hex(`${linkId}:${code}`), expiresAt, attempts],
    );
  }

  /**
   * One attempt at the code, in one statement: a right code is used up (one download per code), a
   * wrong one spends an attempt; none left, expired or never sent is 'none'.
   */
  async useCode(linkId: string, code: string, now: Date): Promise<CodeCheck> {
    const rows = (await this.dataSource.query(
      `WITH attempt AS (
         SELECT id, code_sha256 = $2 AS matched FROM distribution_link
          WHERE id = $1 AND code_sha256 IS NOT NULL AND code_expires_at > $3 AND code_attempts_left > 0
          FOR UPDATE)
       UPDATE distribution_link l
          SET code_attempts_left = CASE WHEN attempt.matched THEN 0 ELSE l.code_attempts_left - 1 END,
              code_sha256 = CASE WHEN attempt.matched THEN NULL ELSE l.code_sha256 END
         FROM attempt WHERE l.id = attempt.id
       RETURNING attempt.matched`,
      [linkId, sha256Hex(`${linkId}:${code}`), now],
    )) as unknown;
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const returned = (Array.isArray(rows) && Array.isArray(rows[0]) ? rows[0] : rows) as {
      matched: boolean;
    }[];
    if (returned.length === 0) return 'none';
    return returned[0]!.matched ? 'accepted' : 'wrong';
  }

  async recordIncident(incident: Omit<IncidentRow, 'recordedAt'>, now: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO data_protection_incident (workflow_id, incident_id, area, reference, pack_id, recipient_id, exposed,
         status_at_revocation, sent_at, opened, first_opened_at, revoked_at, recorded_at, reason, revoked_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (workflow_id, incident_id) DO NOTHING`,
      [
        incident.workflowId,
        incident.incidentId,
        incident.area,
        incident.reference,
        incident.packId,
        incident.recipientId,
        JSON.stringify(incident.exposed),
        incident.statusAtRevocation,
        incident.sentAt,
        incident.opened,
        incident.firstOpenedAt,
        incident.revokedAt,
        now,
        incident.reason,
        incident.revokedBy,
      ],
    );
  }

  /** The incidents recorded in these areas (or all), newest first. */
  async incidents(areas: string[] | 'all', workflowId?: string): Promise<IncidentRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT workflow_id AS "workflowId", incident_id AS "incidentId", area, reference, pack_id AS "packId",
              recipient_id AS "recipientId", exposed, status_at_revocation AS "statusAtRevocation", sent_at AS "sentAt",
              opened, first_opened_at AS "firstOpenedAt", revoked_at AS "revokedAt", reason, revoked_by AS "revokedBy",
              recorded_at AS "recordedAt"
         FROM data_protection_incident
        WHERE ($1::text[] IS NULL OR area = ANY($1)) AND ($2::uuid IS NULL OR workflow_id = $2)
        ORDER BY recorded_at DESC, incident_id LIMIT 500`,
      [areas === 'all' ? null : areas, workflowId ?? null],
    )) as IncidentRow[];
    return rows;
  }
}
