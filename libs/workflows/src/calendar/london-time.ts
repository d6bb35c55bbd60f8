/**
 * Instants at London's wall clock. Statutory dates are London calendar dates; a deadline is
 * missed at London midnight after its due date, and an hour clock's working days begin and end
 * at London midnight, in GMT or BST as the day has it.
 */
import { addDays, dateInLondon, parseIsoDate } from './local-date';

const HOUR_MS = 3_600_000;

/**
 * The UTC instant of midnight in London at the start of the given date. London changes its clocks
 * at 01:00 UTC, so every date has exactly one midnight: 23:00 UTC the day before in summer time
 * (when that instant is already the date in London), else 00:00 UTC.
 *
 * @throws InvalidDateError for a malformed date.
 */
export function londonMidnight(date: string): Date {
  const [y, m, d] = parseIsoDate(date).split('-').map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(y, m - 1, d);
  const summerMidnight = new Date(utcMidnight - HOUR_MS);
  return dateInLondon(summerMidnight) === date ? summerMidnight : new Date(utcMidnight);
}

/** The calendar day after `date`. */
export function nextDay(date: string): string {
  return addDays(date, 1);
}
