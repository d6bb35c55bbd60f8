import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor, type Page } from '@app/persistence';
import { type AllegationOutcome, ASV_REFERRAL_TYPE, CLOCK, type Clock, dateInLondon } from '@app/workflows';
import { type AsvCaseStatus, caseStatus, topLevelState } from './asv-referral.view';

export interface AsvReferralFilters {
  /** Top-level state: 'tracks' matches every combination of the tracks. */
  state?: string;
  overdue?: boolean;
  stuck?: boolean;
  /** London dates, both inclusive. */
  receivedFrom?: string;
  receivedTo?: string;
  outcome?: AllegationOutcome;
  areas: string[] | 'all';
  cursor?: string;
  limit?: number;
}

export interface AsvReferralSummary {
  id: string;
  reference: string | null;
  area: string | null;
  /** Top-level state, as in the filter. */
  state: string;
  stateDetail: string;
  /** open, closed or redirected: what a person means by the case's status. */
  status: AsvCaseStatus;
  /** The engine's status, beside it: 'active' until the machine reaches a final state. */
  workflowStatus: 'active' | 'done';
  receivedAt: string;
  outcome: AllegationOutcome | null;
  nextDueAt: string | null;
  overdue: boolean;
  stuck: boolean;
  lastTransitionAt: string;
  updatedAt: string;
}

interface SummaryRow {
  id: string;
  reference: string | null;
  area: string | null;
  state: string;
  status: 'active' | 'done';
  received_at: Date;
  outcome: AllegationOutcome | null;
  next_due_at: Date | null;
  stuck_after: Date | null;
  last_transition_at: Date;
  updated_at: Date;
}

/**
 * The SQL of ASV referrals beyond the engine's: references from their sequence, and the list with
 * the filters the generic one lacks (date of receipt, outcome). Every filter is on an indexed
 * column or expression (migration 1764000005000), never a scan of the snapshots.
 */
@Injectable()
export class AsvReferralStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** ASV-YYYY-NNNNNN: the London year of receipt and the next number of asv_reference_seq. */
  async newReference(receivedAt: string): Promise<string> {
    const rows = (await this.dataSource.query(`SELECT nextval('asv_reference_seq')::int AS n`)) as {
      n: number;
    }[];
    const year = dateInLondon(new Date(receivedAt)).slice(0, 4);
    return `ASV-${year}-${String(rows[0]!.n).padStart(6, '0')}`;
  }

  /** The reference of the referral an Idempotency-Key already started, so a retry sends the same input. */
  async referenceStartedWith(idempotencyKey: string): Promise<string | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT reference FROM workflow_instance WHERE type = $1 AND start_key = $2`,
      [ASV_REFERRAL_TYPE, idempotencyKey],
    )) as { reference: string }[];
    return rows[0]?.reference;
  }

  /** Newest change first, like GET /workflows, with the same cursor. */
  async list(filters: AsvReferralFilters): Promise<Page<AsvReferralSummary>> {
    const now = this.clock.now();
    const params: unknown[] = [ASV_REFERRAL_TYPE];
    const where = ['type = $1'];
    const add = (sql: string, ...values: unknown[]) => {
      let text = sql;
      for (const value of values) {
        params.push(value);
        text = text.replace('?', `$${params.length}`);
      }
      where.push(text);
    };
    if (filters.state) add(`(state = ? OR starts_with(state, ?))`, filters.state, `${filters.state}.`);
    if (filters.overdue === true) add(`status = 'active' AND next_due_at <= ?`, now);
    if (filters.overdue === false) add(`(status <> 'active' OR next_due_at IS NULL OR next_due_at > ?)`, now);
    if (filters.stuck === true) add(`status = 'active' AND stuck_after <= ?`, now);
    if (filters.stuck === false) add(`(status <> 'active' OR stuck_after IS NULL OR stuck_after > ?)`, now);
    // London midnight at the start of the first day, and at the end of the last.
    if (filters.receivedFrom) {
      add(
        `asv_received_at(snapshot) >= (?::date)::timestamp AT TIME ZONE 'Europe/London'`,
        filters.receivedFrom,
      );
    }
    if (filters.receivedTo) {
      add(
        `asv_received_at(snapshot) < (?::date + 1)::timestamp AT TIME ZONE 'Europe/London'`,
        filters.receivedTo,
      );
    }
    if (filters.outcome) add(`snapshot #>> '{context,outcome,outcome}' = ?`, filters.outcome);
    if (filters.areas !== 'all') add('area = ANY(?)', filters.areas);
    if (filters.cursor) {
      const cursor = decodeCursor(filters.cursor);
      add('(updated_at, id) < (?, ?)', cursor.updatedAt, cursor.id);
    }
    const limit = Math.min(Math.max(filters.limit ?? 50, 1), 200);
    params.push(limit + 1);
    const rows = (await this.dataSource.query(
      `SELECT id, reference, area, state, status, asv_received_at(snapshot) AS received_at,
              snapshot #>> '{context,outcome,outcome}' AS outcome, next_due_at, stuck_after,
              last_transition_at, updated_at
         FROM workflow_instance WHERE ${where.join(' AND ')}
        ORDER BY updated_at DESC, id DESC LIMIT $${params.length}`,
      params,
    )) as SummaryRow[];
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        id: r.id,
        reference: r.reference,
        area: r.area,
        state: topLevelState(r.state),
        stateDetail: r.state,
        status: caseStatus(r.state),
        workflowStatus: r.status,
        receivedAt: r.received_at.toISOString(),
        outcome: r.outcome,
        nextDueAt: r.next_due_at?.toISOString() ?? null,
        overdue: r.status === 'active' && !!r.next_due_at && r.next_due_at <= now,
        stuck: r.status === 'active' && !!r.stuck_after && r.stuck_after <= now,
        lastTransitionAt: r.last_transition_at.toISOString(),
        updatedAt: r.updated_at.toISOString(),
      })),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ updatedAt: last.updated_at.toISOString(), id: last.id })
          : null,
    };
  }
}
