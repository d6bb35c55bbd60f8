import type { EntityManager } from 'typeorm';
import type { BookingView } from './chairs.types';

export interface BookingRow {
  id: string;
  sub: string;
  workflow_id: string | null;
  starts: Date;
  ends: Date;
  cancelled_at: Date | null;
}

export const bookingView = (row: BookingRow): BookingView => ({
  id: row.id,
  sub: row.sub,
  workflowId: row.workflow_id,
  start: row.starts.toISOString(),
  end: row.ends.toISOString(),
  cancelledAt: row.cancelled_at?.toISOString() ?? null,
});

export const BOOKING_COLUMNS = (subColumn: string) =>
  `id, ${subColumn} AS sub, workflow_id, lower(during) AS starts, upper(during) AS ends, cancelled_at`;

/** Standing bookings that touch the London dates from..to (both included). */
export async function bookingsBetween(
  manager: EntityManager,
  table: 'chair_booking' | 'minute_taker_booking',
  subColumn: 'chair_sub' | 'minute_taker_sub',
  sub: string,
  from: string,
  to: string,
): Promise<BookingView[]> {
  const rows: BookingRow[] = await manager.query(
    `SELECT ${BOOKING_COLUMNS(subColumn)} FROM ${table}
      WHERE ${subColumn} = $1 AND cancelled_at IS NULL
        AND during && tstzrange(($2::date)::timestamp AT TIME ZONE 'Europe/London',
                                ($3::date + 1)::timestamp AT TIME ZONE 'Europe/London')
      ORDER BY lower(during)`,
    [sub, from, to],
  );
  return rows.map(bookingView);
}
