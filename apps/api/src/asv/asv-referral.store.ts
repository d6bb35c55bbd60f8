import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type ListCondition, type Page, WorkflowEngine } from '@app/persistence';
import { type AllegationOutcome, ASV_REFERRAL_TYPE, dateInLondon } from '@app/workflows';
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

/** The outcome recorded on a referral, as indexed (migration 1764000005000). */
const OUTCOME = `snapshot #>> '{context,outcome,outcome}'`;

/**
 * The SQL of ASV referrals beyond the engine's: references from their sequence, and the filters
 * and columns the generic list lacks (date of receipt, outcome), given to the engine's list. Every
 * filter is on an indexed column or expression (migration 1764000005000), never a scan of the
 * snapshots.
 */
@Injectable()
export class AsvReferralStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: WorkflowEngine,
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

  /**
   * Newest change first, like GET /workflows, with the same cursor and the same scoping: the
   * engine's list with the ASV filters (top-level state, date of receipt, outcome) and columns.
   */
  async list(filters: AsvReferralFilters): Promise<Page<AsvReferralSummary>> {
    const where: ListCondition[] = [];
    if (filters.state) {
      where.push({ sql: '(state = ? OR starts_with(state, ?))', values: [filters.state, `${filters.state}.`] });
    }
    // London midnight at the start of the first day, and at the end of the last.
    if (filters.receivedFrom) {
      where.push({
        sql: `asv_received_at(snapshot) >= (?::date)::timestamp AT TIME ZONE 'Europe/London'`,
        values: [filters.receivedFrom],
      });
    }
    if (filters.receivedTo) {
      where.push({
        sql: `asv_received_at(snapshot) < (?::date + 1)::timestamp AT TIME ZONE 'Europe/London'`,
        values: [filters.receivedTo],
      });
    }
    if (filters.outcome) where.push({ sql: `${OUTCOME} = ?`, values: [filters.outcome] });
    const { overdue, stuck, areas, cursor, limit } = filters;
    const page = await this.engine.list<{ receivedAt: Date; outcome: AllegationOutcome | null }>(
      { type: ASV_REFERRAL_TYPE, overdue, stuck, areas, cursor, limit },
      { where, columns: { receivedAt: 'asv_received_at(snapshot)', outcome: OUTCOME } },
    );
    return {
      items: page.items.map((item) => ({
        id: item.id,
        reference: item.reference,
        area: item.area,
        state: topLevelState(item.state),
        stateDetail: item.state,
        status: caseStatus(item.state),
        workflowStatus: item.status,
        receivedAt: item.extra.receivedAt.toISOString(),
        outcome: item.extra.outcome,
        nextDueAt: item.nextDueAt,
        overdue: item.overdue,
        stuck: item.stuck,
        lastTransitionAt: item.lastTransitionAt,
        updatedAt: item.updatedAt,
      })),
      nextCursor: page.nextCursor,
    };
  }
}
