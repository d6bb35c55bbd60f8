import { Inject, Injectable } from '@nestjs/common';
import { isIP } from 'node:net';
import { DataSource, EntityManager } from 'typeorm';
import { CLOCK, Clock } from '@app/workflows';
import { decodeAccessLogCursor, encodeAccessLogCursor } from './access-log.cursor';

export const ACCESS_ACTIONS = ['read', 'write'] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/** One look at or change to a record: who (pseudonymous subject and role), what, from where. No personal data. */
export interface AccessLogEntry {
  subject: string;
  role: string;
  action: AccessAction;
  /** The kind of record, kebab-case: 'workflow', 'child', 'asv-referral'. */
  recordType: string;
  recordId: string;
  /** Method and route pattern ('GET /workflows/:id'), never the URL: a query string may hold personal data. */
  route: string;
  ip?: string | null;
  requestId?: string | null;
}

export interface AccessLogRecord extends Required<AccessLogEntry> {
  id: string;
  at: Date;
}

export interface AccessLogQuery {
  subject?: string;
  recordType?: string;
  recordId?: string;
  action?: AccessAction;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  cursor?: string;
  limit: number;
}

export interface AccessLogPage {
  items: AccessLogRecord[];
  nextCursor: string | null;
}

const REQUEST_ID = /^[A-Za-z0-9-]{1,64}$/;

interface AccessLogRow {
  id: string;
  at: Date;
  subject: string;
  role: string;
  action: AccessAction;
  record_type: string;
  record_id: string;
  route: string;
  ip: string | null;
  request_id: string | null;
}

/**
 * Writes and reads the append-only access log. `record` joins the caller's transaction when given
 * its EntityManager, so a write and its log row commit or roll back together.
 */
@Injectable()
export class AccessLogService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record(entry: AccessLogEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await this.recordAll([entry], manager);
  }

  /**
   * Several looks at once (a page of a list, each record on it a read): one statement, so the
   * rows are written together or not at all, and a long page costs one round trip, not one each.
   */
  async recordAll(entries: readonly AccessLogEntry[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (entries.length === 0) return;
    const columns = 9;
    const at = this.clock.now();
    const values = entries.map(
      (_, row) => `(${Array.from({ length: columns }, (_, c) => `$${row * columns + c + 1}`).join(', ')})`,
    );
    await manager.query(
      `INSERT INTO access_log (at, subject, role, action, record_type, record_id, route, ip, request_id)
       VALUES ${values.join(', ')}`,
      entries.flatMap((entry) => [
        at,
        entry.subject,
        entry.role,
        entry.action,
        entry.recordType,
        entry.recordId,
        entry.route,
        entry.ip && isIP(entry.ip) ? entry.ip : null,
        entry.requestId && REQUEST_ID.test(entry.requestId) ? entry.requestId : null,
      ]),
    );
  }

  /** Newest first, by insertion order; `nextCursor` is null on the last page. */
  async find(query: AccessLogQuery): Promise<AccessLogPage> {
    const before = query.cursor === undefined ? null : decodeAccessLogCursor(query.cursor);
    const rows: AccessLogRow[] = await this.dataSource.query(
      `SELECT id, at, subject, role, action, record_type, record_id, route, host(ip) AS ip, request_id
         FROM access_log
        WHERE ($1::text IS NULL OR subject = $1)
          AND ($2::text IS NULL OR record_type = $2)
          AND ($3::text IS NULL OR record_id = $3)
          AND ($4::text IS NULL OR action = $4)
          AND ($5::timestamptz IS NULL OR at >= $5)
          AND ($6::timestamptz IS NULL OR at < $6)
          AND ($7::bigint IS NULL OR id < $7)
        ORDER BY id DESC
        LIMIT $8`,
      [
        query.subject ?? null,
        query.recordType ?? null,
        query.recordId ?? null,
        query.action ?? null,
        query.from ?? null,
        query.to ?? null,
        before,
        query.limit + 1,
      ],
    );
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((row) => ({
        id: row.id,
        at: row.at,
        subject: row.subject,
        role: row.role,
        action: row.action,
        recordType: row.record_type,
        recordId: row.record_id,
        route: row.route,
        ip: row.ip,
        requestId: row.request_id,
      })),
      nextCursor: rows.length > query.limit ? encodeAccessLogCursor(page[page.length - 1].id) : null,
    };
  }
}
