import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK, Clock } from '@app/workflows';
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

const WEEKS = 12;
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
