import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { BookingsStore, childStartKey, type ListCondition, type Page, WorkflowEngine } from '@app/persistence';
import {
  CONFERENCE_STATES,
  CONFERENCE_TYPE,
  type ConferenceContext,
  dateInLondon,
  DISTRIBUTION_START_KEY,
  DISTRIBUTION_TYPE,
  londonTime,
  minutesOfDay,
} from '@app/workflows';

export interface ConferenceFilters {
  state?: string;
  overdue?: boolean;
  stuck?: boolean;
  areas: string[] | 'all';
  cursor?: string;
  limit?: number;
}

export interface ConferenceSummary {
  id: string;
  reference: string | null;
  area: string | null;
  kind: string;
  state: string;
  stateDetail: string;
  dueDate: string;
  date: string | null;
  nextDueAt: string | null;
  overdue: boolean;
  stuck: boolean;
  updatedAt: string;
}

interface ActiveBooking {
  id: string;
  sub: string;
  start: Date;
  end: Date;
}

/** The states in which a conference holds its chair's and minute taker's time (booked is inside open). */
const HOLDS_TIME = new RegExp(`(^|[.& ])(${CONFERENCE_STATES.booked}|${CONFERENCE_STATES.held})([.& ]|$)`);

/**
 * The SQL of conferences beyond the engine's: references from their sequence, the list's
 * columns, and the diaries kept in step with the booking the machine holds.
 */
@Injectable()
export class ConferenceStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: WorkflowEngine,
    private readonly bookings: BookingsStore,
  ) {}

  /** CPC-YYYY-NNNNNN: the London year of the request and the next number of conference_reference_seq. */
  async newReference(now: Date): Promise<string> {
    const rows = (await this.dataSource.query(`SELECT nextval('conference_reference_seq')::int AS n`)) as {
      n: number;
    }[];
    return `CPC-${dateInLondon(now).slice(0, 4)}-${String(rows[0]!.n).padStart(6, '0')}`;
  }

  /** The reference of the conference an Idempotency-Key already started, so a retry sends the same input. */
  async referenceStartedWith(idempotencyKey: string): Promise<string | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT reference FROM workflow_instance WHERE type = $1 AND start_key = $2`,
      [CONFERENCE_TYPE, idempotencyKey],
    )) as { reference: string }[];
    return rows[0]?.reference;
  }

  /**
   * The distribution the conference's decision started: its child of that type under the start
   * key the engine gives it (`<conference id>/distribution`, unique per type). Undefined until the
   * outbox has started it.
   */
  async distributionOf(conferenceId: string): Promise<string | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM workflow_instance WHERE type = $1 AND start_key = $2 AND parent_id = $3`,
      [DISTRIBUTION_TYPE, childStartKey(conferenceId, 0, 0, DISTRIBUTION_START_KEY), conferenceId],
    )) as { id: string }[];
    return rows[0]?.id;
  }

  async list(filters: ConferenceFilters): Promise<Page<ConferenceSummary>> {
    const where: ListCondition[] = [];
    if (filters.state) {
      where.push({
        sql: '(state = ? OR starts_with(state, ?))',
        values: [filters.state, `${filters.state}.`],
      });
    }
    const { overdue, stuck, areas, cursor, limit } = filters;
    const page = await this.engine.list<{ kind: string; dueDate: string; date: string | null }>(
      { type: CONFERENCE_TYPE, overdue, stuck, areas, cursor, limit },
      {
        where,
        columns: {
          kind: `snapshot #>> '{context,kind}'`,
          dueDate: `snapshot #>> '{context,clocks,dueDate}'`,
          date: `snapshot #>> '{context,booking,date}'`,
        },
      },
    );
    return {
      items: page.items.map((item) => ({
        id: item.id,
        reference: item.reference,
        area: item.area,
        kind: item.extra.kind,
        state: item.state.split('.')[0]!,
        stateDetail: item.state,
        dueDate: item.extra.dueDate,
        date: item.extra.date,
        nextDueAt: item.nextDueAt,
        overdue: item.overdue,
        stuck: item.stuck,
        updatedAt: item.updatedAt,
      })),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * Puts the chair's and the minute taker's diaries in step with the booking the transition just
   * wrote, in its transaction: a booking that stands holds their time, a move frees the old time
   * and takes the new, a cancellation frees it. The database refuses a double booking (409), and
   * the transition is undone with it.
   */
  async syncBookings(tx: EntityManager, workflowId: string, by: string): Promise<void> {
    const rows = (await tx.query(
      `SELECT state, snapshot -> 'context' AS context FROM workflow_instance WHERE id = $1`,
      [workflowId],
    )) as { state: string; context: ConferenceContext }[];
    const { state, context } = rows[0]!;
    const booking = HOLDS_TIME.test(state) ? context.booking : null;
    const slot = booking
      ? (() => {
          const start = londonTime(booking.date, minutesOfDay(booking.startTime)!);
          return { start, end: new Date(start.getTime() + booking.durationMinutes * 60_000) };
        })()
      : null;
    await this.keep(
      tx,
      'chair',
      workflowId,
      slot && context.chair ? { sub: context.chair.sub, ...slot } : null,
      by,
    );
    await this.keep(
      tx,
      'minuteTaker',
      workflowId,
      slot && booking ? { sub: booking.minuteTakerSub, ...slot } : null,
      by,
    );
  }

  private async keep(
    tx: EntityManager,
    diary: 'chair' | 'minuteTaker',
    workflowId: string,
    wanted: { sub: string; start: Date; end: Date } | null,
    by: string,
  ): Promise<void> {
    const [table, column] =
      diary === 'chair' ? ['chair_booking', 'chair_sub'] : ['minute_taker_booking', 'minute_taker_sub'];
    const active = (await tx.query(
      `SELECT id, ${column} AS sub, lower(during) AS start, upper(during) AS "end" FROM ${table}
        WHERE workflow_id = $1 AND cancelled_at IS NULL`,
      [workflowId],
    )) as ActiveBooking[];
    const same = (b: ActiveBooking) =>
      wanted !== null &&
      b.sub === wanted.sub &&
      b.start.getTime() === wanted.start.getTime() &&
      b.end.getTime() === wanted.end.getTime();
    for (const old of active.filter((b) => !same(b)))
      await this.bookings.cancel(diary, old.sub, old.id, by, tx);
    if (!wanted || active.some(same)) return;
    const input = { sub: wanted.sub, workflowId, start: wanted.start, end: wanted.end, by };
    await (diary === 'chair' ? this.bookings.bookChair(input, tx) : this.bookings.bookMinuteTaker(input, tx));
  }
}
