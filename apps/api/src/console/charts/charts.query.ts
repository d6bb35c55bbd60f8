import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK, Clock, dateInLondon } from '@app/workflows';
import type { BoardScope } from '../board/board.query';

export interface StateCount {
  type: string;
  state: string;
  count: number;
}

export interface WeekOfDeadlines {
  /** Monday of the week, Europe/London. */
  week: string;
  metOnTime: number;
  metLate: number;
}

export interface MonthOfConferences {
  /** The month the conferences were due in, YYYY-MM (Europe/London dates). */
  month: string;
  /** Held or booked on or before the due date. */
  within: number;
  /** Booked after the due date, or not booked and the due date has passed. */
  outside: number;
  /** Not booked yet, the due date still to come. */
  notYetBooked: number;
}

const WEEKS = 12;
const MONTHS = 12;
const DAY_MS = 86_400_000;

/** The figures the console's charts draw: each as rows a table can show as well. */
@Injectable()
export class ChartsQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private scopeSql(scope: BoardScope, params: unknown[]): string {
    const where: string[] = [];
    if (scope.areas !== 'all') {
      params.push(scope.areas);
      where.push(`i.area = ANY($${params.length})`);
    }
    if (scope.excludeTypes.length > 0) {
      params.push(scope.excludeTypes);
      where.push(`NOT (i.type = ANY($${params.length}))`);
    }
    return where.map((w) => ` AND ${w}`).join('');
  }

  /** Active workflows by process and state (the (type, state) index). */
  async byState(scope: BoardScope): Promise<StateCount[]> {
    const params: unknown[] = [];
    const rows = (await this.dataSource.query(
      `SELECT i.type, i.state, count(*)::int AS count FROM workflow_instance i
        WHERE i.status = 'active'${this.scopeSql(scope, params)}
        GROUP BY i.type, i.state ORDER BY i.type, count DESC, i.state`,
      params,
    )) as StateCount[];
    return rows;
  }

  /**
   * Conferences by the month they were due in (their statutory due date), the last twelve months
   * and the months ahead: held or booked within the timescale (the booking's date on or before the
   * due date), outside it, or not booked yet. A withdrawn or cancelled conference is not counted.
   */
  async conferencesByMonth(scope: BoardScope): Promise<MonthOfConferences[]> {
    const today = dateInLondon(this.clock.now());
    const params: unknown[] = [today, MONTHS];
    const rows = (await this.dataSource.query(
      `SELECT to_char(date_trunc('month', c.due), 'YYYY-MM') AS month,
              count(*) FILTER (WHERE c.held_on <= c.due)::int AS within,
              count(*) FILTER (WHERE c.held_on > c.due OR (c.held_on IS NULL AND c.due < $1::date))::int AS outside,
              count(*) FILTER (WHERE c.held_on IS NULL AND c.due >= $1::date)::int AS not_yet_booked
         FROM workflow_instance i
         CROSS JOIN LATERAL (SELECT (i.snapshot #>> '{context,clocks,dueDate}')::date AS due,
                                    (i.snapshot #>> '{context,booking,date}')::date AS held_on) c
        WHERE i.type = 'conference'
          AND i.snapshot #> '{context,withdrawal}' = 'null'::jsonb AND i.snapshot #> '{context,cancellation}' = 'null'::jsonb
          AND c.due >= date_trunc('month', $1::date) - make_interval(months => $2::int - 1)${this.scopeSql(scope, params)}
        GROUP BY 1 ORDER BY 1`,
      params,
    )) as { month: string; within: number; outside: number; not_yet_booked: number }[];
    return rows.map((r) => ({ month: r.month, within: r.within, outside: r.outside, notYetBooked: r.not_yet_booked }));
  }

  /** Deadlines met in each of the last twelve weeks: on time, or after they were missed. */
  async deadlinesByWeek(scope: BoardScope): Promise<WeekOfDeadlines[]> {
    const params: unknown[] = [new Date(this.clock.now().getTime() - WEEKS * 7 * DAY_MS)];
    const rows = (await this.dataSource.query(
      `SELECT to_char(date_trunc('week', d.closed_at AT TIME ZONE 'Europe/London'), 'YYYY-MM-DD') AS week,
              count(*) FILTER (WHERE d.overdue_at IS NULL)::int AS met_on_time,
              count(*) FILTER (WHERE d.overdue_at IS NOT NULL)::int AS met_late
         FROM workflow_deadline d JOIN workflow_instance i ON i.id = d.workflow_id
        WHERE d.status = 'met' AND d.closed_at >= $1${this.scopeSql(scope, params)}
        GROUP BY 1 ORDER BY 1`,
      params,
    )) as { week: string; met_on_time: number; met_late: number }[];
    return rows.map((r) => ({ week: r.week, metOnTime: r.met_on_time, metLate: r.met_late }));
  }
}
