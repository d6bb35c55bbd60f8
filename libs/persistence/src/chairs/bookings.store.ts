import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CLOCK, type Clock, dateInLondon, DomainError, DomainErrorCode } from '@app/workflows';
import { AppConfig } from '../config/app-config';
import { guardingPersonalData, PG, pgCode, pgConstraint } from '../people/safe-database-error';
import { BOOKING_COLUMNS, type BookingRow, bookingsBetween, bookingView } from './booking-rows';
import { chairNotFound } from './chairs.store';
import type { BookingInput, BookingView, ChairWriteHooks } from './chairs.types';

const DIARIES = {
  chair: { table: 'chair_booking', subColumn: 'chair_sub', who: 'The chair' },
  minuteTaker: { table: 'minute_taker_booking', subColumn: 'minute_taker_sub', who: 'The minute taker' },
} as const;
type Diary = keyof typeof DIARIES;

const bookingNotFound = () => new DomainError(DomainErrorCode.NotFound, 'Booking not found');

/**
 * Bookings in chairs' and minute takers' diaries. The database refuses anyone booked twice at once
 * (an exclusion constraint over the booking's time range); this store turns that refusal into a
 * 409 and, for chairs, refuses a booking on a day the chair is away or already has the daily limit
 * of bookings (422). Both run in the caller's transaction when given one, so a conference can book
 * its chair in the transaction of its own transition.
 */
@Injectable()
export class BookingsStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Books the chair. The chair's row is locked first, so two bookings of one chair are decided one
   * after the other and the daily limit cannot be passed by two at once.
   */
  bookChair(input: BookingInput, tx?: EntityManager, hooks: ChairWriteHooks = {}): Promise<BookingView> {
    return this.inTransaction(tx, async (manager) => {
      const chair: unknown[] = await manager.query(`SELECT 1 FROM chair WHERE sub = $1 FOR UPDATE`, [input.sub]);
      if (chair.length === 0) throw chairNotFound();
      const day = throwIfNotOneDay(input);
      const away: unknown[] = await manager.query(
        `SELECT 1 FROM chair_absence WHERE chair_sub = $1 AND from_date <= $2 AND to_date >= $2`,
        [input.sub, day],
      );
      if (away.length > 0) {
        throw new DomainError(DomainErrorCode.GuardRejected, 'The chair is away that day.', { rules: ['chairNotAway'] });
      }
      const booked = await bookingsBetween(manager, 'chair_booking', 'chair_sub', input.sub, day, day);
      const thatDay = booked.filter((booking) => dateInLondon(new Date(booking.start)) === day);
      if (thatDay.length >= this.config.chairDailyConferenceLimit) {
        throw new DomainError(
          DomainErrorCode.GuardRejected,
          `The chair already has ${thatDay.length} bookings that day, the daily limit.`,
          { rules: ['chairDailyLimit'] },
        );
      }
      return this.insert(manager, 'chair', input, hooks);
    });
  }

  /** Books the minute taker (a member of staff, by subject id). */
  bookMinuteTaker(input: BookingInput, tx?: EntityManager, hooks: ChairWriteHooks = {}): Promise<BookingView> {
    return this.inTransaction(tx, async (manager) => {
      throwIfNotOneDay(input);
      return this.insert(manager, 'minuteTaker', input, hooks);
    });
  }

  /** Cancels a booking (kept, marked cancelled, so its time is free again); cancelling it again changes nothing. */
  cancel(
    diary: Diary,
    sub: string,
    bookingId: string,
    by: string,
    tx?: EntityManager,
    hooks: ChairWriteHooks = {},
  ): Promise<BookingView> {
    const { table, subColumn } = DIARIES[diary];
    return this.inTransaction(tx, async (manager) => {
      // TypeORM answers an UPDATE with [rows, count].
      const [rows]: [BookingRow[], number] = await manager.query(
        `UPDATE ${table} SET cancelled_at = COALESCE(cancelled_at, $3), cancelled_by = COALESCE(cancelled_by, $4)
          WHERE id = $1 AND ${subColumn} = $2
          RETURNING ${BOOKING_COLUMNS(subColumn)}`,
        [bookingId, sub, this.clock.now(), by],
      );
      if (rows.length === 0) throw bookingNotFound();
      await hooks.alsoInTransaction?.(manager);
      return bookingView(rows[0]);
    });
  }

  // ---------------------------------------------------------------------------------------

  private async insert(manager: EntityManager, diary: Diary, input: BookingInput, hooks: ChairWriteHooks) {
    const { table, subColumn, who } = DIARIES[diary];
    try {
      // A savepoint, so that a refusal leaves the caller's transaction usable for its answer.
      await manager.query(`SAVEPOINT booking`);
      const rows: BookingRow[] = await manager.query(
        `INSERT INTO ${table} (id, ${subColumn}, workflow_id, during, created_at, created_by)
         VALUES ($1, $2, $3, tstzrange($4, $5, '[)'), $6, $7)
         RETURNING ${BOOKING_COLUMNS(subColumn)}`,
        [randomUUID(), input.sub, input.workflowId, input.start, input.end, this.clock.now(), input.by],
      );
      await manager.query(`RELEASE SAVEPOINT booking`);
      await hooks.alsoInTransaction?.(manager);
      return bookingView(rows[0]);
    } catch (error) {
      if (pgCode(error) === PG.exclusionViolation) {
        await manager.query(`ROLLBACK TO SAVEPOINT booking`);
        throw new DomainError(DomainErrorCode.Conflict, `${who} is already booked at that time.`, {
          constraint: pgConstraint(error),
        });
      }
      if (pgCode(error) === PG.foreignKeyViolation) {
        await manager.query(`ROLLBACK TO SAVEPOINT booking`);
        throw new DomainError(DomainErrorCode.NotFound, 'Workflow not found');
      }
      throw error;
    }
  }

  private inTransaction<T>(tx: EntityManager | undefined, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return guardingPersonalData(() => (tx ? work(tx) : this.dataSource.transaction(work)));
  }
}

/** The booking's London date; a booking that ends on another day, or before it starts, is refused. */
function throwIfNotOneDay(input: BookingInput): string {
  const day = dateInLondon(input.start);
  if (!(input.end > input.start) || dateInLondon(new Date(input.end.getTime() - 1)) !== day) {
    throw new DomainError(DomainErrorCode.InvalidInput, 'A booking starts and ends on the same day.', {
      errors: [{ field: 'minutes', messages: ['a booking ends after it starts, on the same day'] }],
    });
  }
  return day;
}
