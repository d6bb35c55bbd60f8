import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK, Clock, DomainError, DomainErrorCode } from '@app/workflows';

/** The board's four lists: what managers answer for. */
export const BOARD_VIEWS = ['overdue', 'at-risk', 'stuck', 'failed'] as const;
export type BoardView = (typeof BOARD_VIEWS)[number];

export interface BoardFilters {
  type?: string;
  state?: string;
  area?: string;
  /** In the current state for at least this many days. */
  minDaysInState?: number;
  /** Has an open deadline of this kind. */
  deadlineKind?: string;
  /** A conference chaired by this chair (subject id). */
  chair?: string;
  /** Assigned to this member of staff (subject id). */
  assignee?: string;
}

export interface BoardScope {
  /** The caller's areas ('all' for every area), from scopeAreas. */
  areas: string[] | 'all';
  /** Types the caller may not see. */
  excludeTypes: string[];
}

export interface BoardRow {
  id: string;
  type: string;
  state: string;
  area: string | null;
  reference: string | null;
  nextDueAt: string | null;
  nextDeadlineKind: string | null;
  lastTransitionAt: string;
  daysInState: number;
  openIncidents: number;
  warned: boolean;
}

export interface BoardPage {
  view: BoardView;
  counts: Record<BoardView, number>;
  rows: BoardRow[];
  nextCursor: string | null;
}

interface Cursor {
  due: string;
  id: string;
}

const DAY_MS = 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DUE = `COALESCE(i.next_due_at, 'infinity'::timestamptz)`;

const VIEW_CONDITION: Record<BoardView, string> = {
  overdue: `i.status = 'active' AND ${DUE} <= $1`,
  'at-risk': `i.status = 'active' AND i.warned AND ${DUE} > $1`,
  stuck: `i.status = 'active' AND i.stuck_after <= $1`,
  failed: `i.status = 'active' AND i.open_incidents > 0`,
};

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(raw: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Cursor>;
    const dueOk = parsed.due === 'infinity' || (typeof parsed.due === 'string' && !Number.isNaN(Date.parse(parsed.due)));
    if (dueOk && typeof parsed.id === 'string' && UUID.test(parsed.id)) return { due: parsed.due!, id: parsed.id };
  } catch {
    // answered below
  }
  throw new DomainError(DomainErrorCode.InvalidInput, 'The page link is not valid', {
    errors: [{ field: 'cursor', messages: ['cursor is not a page of this board'] }],
  });
}

/**
 * The board's read model: its own SQL over indexed columns of workflow_instance (and the open
 * deadlines' (kind, workflow_id) index), never the snapshots. Every list is sorted by how soon the
 * next deadline falls, a workflow without one last, and keyset-paged on (due, id), which the
 * console_instance_*_due indexes serve.
 */
@Injectable()
export class BoardQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async page(view: BoardView, filters: BoardFilters, scope: BoardScope, cursor?: string, limit = 25): Promise<BoardPage> {
    const now = this.clock.now();
    const { where, params } = this.filterSql(filters, scope, now);
    const counts = await this.counts(where, params);
    const pageParams = [...params];
    const pageWhere = [...where, VIEW_CONDITION[view]];
    if (cursor) {
      const at = decodeCursor(cursor);
      pageParams.push(at.due, at.id);
      pageWhere.push(`(${DUE}, i.id) > ($${pageParams.length - 1}::timestamptz, $${pageParams.length}::uuid)`);
    }
    pageParams.push(limit + 1);
    const rows = (await this.dataSource.query(
      `SELECT i.id, i.type, i.state, i.area, i.reference, i.next_due_at, i.last_transition_at, i.open_incidents, i.warned,
              d.kind AS next_kind, $1::timestamptz AS now_at
         FROM workflow_instance i
         LEFT JOIN LATERAL (
           SELECT kind FROM workflow_deadline WHERE workflow_id = i.id AND status = 'open' ORDER BY due_at, kind LIMIT 1
         ) d ON true
        WHERE ${pageWhere.join(' AND ')}
        ORDER BY ${DUE}, i.id
        LIMIT $${pageParams.length}`,
      pageParams,
    )) as {
      id: string;
      type: string;
      state: string;
      area: string | null;
      reference: string | null;
      next_due_at: Date | null;
      last_transition_at: Date;
      open_incidents: number;
      warned: boolean;
      next_kind: string | null;
    }[];
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      view,
      counts,
      rows: page.map((r) => ({
        id: r.id,
        type: r.type,
        state: r.state,
        area: r.area,
        reference: r.reference,
        nextDueAt: r.next_due_at?.toISOString() ?? null,
        nextDeadlineKind: r.next_kind,
        lastTransitionAt: r.last_transition_at.toISOString(),
        daysInState: Math.floor((now.getTime() - r.last_transition_at.getTime()) / DAY_MS),
        openIncidents: r.open_incidents,
        warned: r.warned,
      })),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ due: last.next_due_at ? last.next_due_at.toISOString() : 'infinity', id: last.id })
          : null,
    };
  }

  /**
   * How many workflows each list holds under the same filters: one pass over the rows in any list
   * (each counted with FILTER), not four, so a filter the indexes cannot narrow is applied once.
   */
  private async counts(where: string[], params: unknown[]): Promise<Record<BoardView, number>> {
    const selects = BOARD_VIEWS.map((view) => `count(*) FILTER (WHERE ${VIEW_CONDITION[view]})::int AS "${view}"`);
    const anyList = BOARD_VIEWS.map((view) => `(${VIEW_CONDITION[view]})`).join(' OR ');
    const [row] = (await this.dataSource.query(
      `SELECT ${selects.join(', ')} FROM workflow_instance i WHERE ${[...where, `(${anyList})`].join(' AND ')}`,
      params,
    )) as Record<BoardView, number>[];
    return row;
  }

  /** The chairs to filter by: every chair on record (staff names only). */
  async chairs(): Promise<{ sub: string; name: string }[]> {
    return (await this.dataSource.query(`SELECT sub, display_name AS name FROM chair ORDER BY display_name, sub`)) as {
      sub: string;
      name: string;
    }[];
  }

  /** $1 is always now. */
  private filterSql(filters: BoardFilters, scope: BoardScope, now: Date): { where: string[]; params: unknown[] } {
    const params: unknown[] = [now];
    const where: string[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (scope.areas !== 'all') add('i.area = ANY(?)', scope.areas);
    if (scope.excludeTypes.length > 0) add('NOT (i.type = ANY(?))', scope.excludeTypes);
    if (filters.type) add('i.type = ?', filters.type);
    if (filters.state) add('i.state = ?', filters.state);
    if (filters.area) add('i.area = ?', filters.area);
    if (filters.minDaysInState !== undefined) {
      add('i.last_transition_at <= ?', new Date(now.getTime() - filters.minDaysInState * DAY_MS));
    }
    // The kinds of the open deadlines are on the row (the engine writes them with next_due_at).
    if (filters.deadlineKind) add('i.open_deadline_kinds @> ARRAY[?::text]', filters.deadlineKind);
    if (filters.chair) add('i.chair_sub = ?', filters.chair);
    if (filters.assignee) add('i.assignee_sub = ?', filters.assignee);
    return { where, params };
  }
}
