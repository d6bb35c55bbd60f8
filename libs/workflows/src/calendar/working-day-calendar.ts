/**
 * Working days for statutory timescales: Monday to Friday, less the bank holidays of
 * England and Wales and the local authority's own closure days.
 *
 * All dates are plain Europe/London calendar dates as ISO strings (`YYYY-MM-DD`); nothing
 * here reads the clock or depends on the machine's time zone. To turn an instant into a
 * calendar date use `dateInLondon`.
 *
 * The calendar only knows the bank holidays of the years in
 * `bank-holidays.england-and-wales.ts` (2000-2030). Any question about a date outside
 * them throws `CalendarRangeError`; an unknown year is never treated as having no holidays.
 */
import {
  BANK_HOLIDAYS_ENGLAND_AND_WALES,
  BANK_HOLIDAYS_FIRST_YEAR,
  BANK_HOLIDAYS_LAST_YEAR,
} from './bank-holidays.england-and-wales';
import { londonMidnight } from './london-time';
import {
  addMonthsClamped,
  dateInLondon,
  fromEpochDay,
  isoWeekdayOfEpochDay,
  parseIsoDate,
  toEpochDay,
} from './local-date';

/** Thrown when a date falls outside the years whose bank holidays the calendar knows. */
export class CalendarRangeError extends RangeError {
  readonly field: string;
  readonly firstYear: number;
  readonly lastYear: number;

  constructor(field: string, year: number, firstYear: number, lastYear: number) {
    super(
      `${field} falls in ${year}, outside the years whose bank holidays are known ` +
        `(${firstYear}-${lastYear}); extend bank-holidays.england-and-wales.ts`,
    );
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = 'CalendarRangeError';
    this.field = field;
    this.firstYear = firstYear;
    this.lastYear = lastYear;
  }
}

export interface WorkingDayCalendarOptions {
  /**
   * The local authority's own closure days (ISO dates), from settings. Each is validated;
   * an invalid one throws `InvalidDateError` naming `extraClosureDays[i]`.
   */
  readonly extraClosureDays?: readonly string[];
}

const DAY_MS = 86_400_000;
/**
 * The day number of a date of the reviewed list (its spec checks every entry against the rules).
 * Plain Date.UTC arithmetic, so that loading this module runs none of local-date's functions:
 * mutation testing then credits their coverage to the specs that call them.
 */
const listedDay = (date: string): number =>
  Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8)) / DAY_MS;

const FIRST_DAY = Date.UTC(BANK_HOLIDAYS_FIRST_YEAR, 0, 1) / DAY_MS;
const LAST_DAY = Date.UTC(BANK_HOLIDAYS_LAST_YEAR, 11, 31) / DAY_MS;

const BANK_HOLIDAY_DAYS: ReadonlyMap<number, string> = new Map(
  BANK_HOLIDAYS_ENGLAND_AND_WALES.map((h) => [listedDay(h.date), h.name] as const),
);

function assertInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be an integer`);
}

export class WorkingDayCalendar {
  /** First year whose bank holidays are known. */
  static readonly firstYear: number = BANK_HOLIDAYS_FIRST_YEAR;
  /** Last year whose bank holidays are known. */
  static readonly lastYear: number = BANK_HOLIDAYS_LAST_YEAR;

  private readonly closureDays: ReadonlySet<number>;

  constructor(options: WorkingDayCalendarOptions = {}) {
    const closures = options.extraClosureDays ?? [];
    this.closureDays = new Set(closures.map((d, i) => toEpochDay(parseIsoDate(d, `extraClosureDays[${i}]`))));
  }

  /** True when `date` is Monday to Friday and neither a bank holiday nor a closure day. */
  isWorkingDay(date: string): boolean {
    return this.isWorkingCoveredDay(this.day(date, 'date'));
  }

  /** True when `date` is a bank holiday in England and Wales (including substitute days). */
  isBankHoliday(date: string): boolean {
    return BANK_HOLIDAY_DAYS.has(this.day(date, 'date'));
  }

  /** The bank holiday's name when `date` is one, otherwise `undefined`. */
  bankHolidayName(date: string): string | undefined {
    return BANK_HOLIDAY_DAYS.get(this.day(date, 'date'));
  }

  /** True when `date` is one of this authority's extra closure days. */
  isClosureDay(date: string): boolean {
    return this.closureDays.has(this.day(date, 'date'));
  }

  /**
   * The `n`th working day after `from`. Day 0 is `from` itself and is never counted, so
   * for n >= 1 the result is the nth working day strictly after `from` (whether or not
   * `from` is a working day). "Within N working days of X" means on or before
   * `addWorkingDays(X, N)`.
   *
   * - n = 0 returns `from` if it is a working day, otherwise the next working day after it
   *   (so a target date never lands on a weekend, holiday or closure day).
   * - n < 0 counts backwards: the |n|th working day strictly before `from`, e.g.
   *   `addWorkingDays(due, -5)` for "warn 5 working days before the due date".
   *
   * @throws InvalidDateError for a malformed `from`; RangeError if n is not an integer;
   *   CalendarRangeError if the count runs outside the covered years.
   */
  addWorkingDays(from: string, n: number): string {
    assertInteger(n, 'n');
    let day = this.day(from, 'from');
    if (n === 0) {
      while (!this.isWorkingEpochDay(day, 'result')) day += 1;
      return fromEpochDay(day);
    }
    const step = Math.sign(n);
    let remaining = Math.abs(n);
    while (remaining > 0) {
      day += step;
      if (this.isWorkingEpochDay(day, 'result')) remaining -= 1;
    }
    return fromEpochDay(day);
  }

  /**
   * The number of working days d with `from` < d <= `to`: `from` is excluded and `to`
   * included, so when `from` is a working day, `workingDaysBetween(from,
   * addWorkingDays(from, n)) === n` for any n. When `to` is before `from` the result is
   * negative and symmetric: `workingDaysBetween(a, b) === -workingDaysBetween(b, a)`.
   * Zero when the dates are equal.
   *
   * @throws InvalidDateError for a malformed date; CalendarRangeError outside the covered years.
   */
  workingDaysBetween(from: string, to: string): number {
    const start = this.day(from, 'from');
    const end = this.day(to, 'to');
    const low = Math.min(start, end);
    const high = Math.max(start, end);
    let count = 0;
    for (let day = low + 1; day <= high; day += 1) {
      if (this.isWorkingCoveredDay(day)) count += 1;
    }
    return start <= end ? count : -count;
  }

  /**
   * A month-based deadline ("within 3 months"): the same day of the month `months` months
   * after `from`, clamped to the last day of a shorter month (31 Jan + 1 month = 28 Feb, or
   * 29 Feb in a leap year); if that is not a working day, the previous working day (the
   * deadline falls BACK, never forward past the limit). `months` may be 0 or negative.
   *
   * @throws InvalidDateError for a malformed `from`; RangeError if months is not an
   *   integer; CalendarRangeError outside the covered years.
   */
  addMonthsDeadline(from: string, months: number): string {
    assertInteger(months, 'months');
    this.day(from, 'from');
    return this.lastWorkingDayFrom(toEpochDay(addMonthsClamped(from, months)));
  }

  /**
   * A deadline counted in calendar weeks ("within 4 weeks of the birth", or with a negative count
   * "6 weeks before the expected date of delivery"): the date `weeks` × 7 days from `from`; if that
   * is not a working day, the previous working day (the deadline falls BACK, never past the limit).
   *
   * @throws InvalidDateError for a malformed `from`; RangeError if weeks is not an integer;
   *   CalendarRangeError outside the covered years.
   */
  addWeeksDeadline(from: string, weeks: number): string {
    assertInteger(weeks, 'weeks');
    return this.lastWorkingDayFrom(this.day(from, 'from') + weeks * 7);
  }

  /** `date` itself when it is a working day, otherwise the last working day before it. */
  workingDayOnOrBefore(date: string): string {
    return this.lastWorkingDayFrom(this.day(date, 'date'));
  }

  /**
   * The instant `hours` hours after `from` when time passes only on working days (London dates,
   * midnight to midnight): a 24-hour target set at Friday 15:00 is due Monday 15:00, or Tuesday
   * 15:00 when Monday is a bank holiday. From a non-working day the count starts at the next
   * working day's midnight. Time that runs out exactly at the end of a working day is due at that
   * midnight (the earliest instant at which the hours have passed). Clocks change on Sundays, so a
   * working day always has 24 hours.
   *
   * @throws RangeError if hours is negative or not finite; InvalidDateError for an invalid
   *   instant; CalendarRangeError outside the covered years.
   */
  addWorkingHours(from: Date, hours: number): Date {
    if (!Number.isFinite(hours) || hours < 0)
      throw new RangeError('hours must be a number of hours, 0 or more');
    let remaining = hours * 3_600_000;
    let at = from.getTime();
    let day = this.day(dateInLondon(from), 'from');
    for (;;) {
      const endOfDay = londonMidnight(fromEpochDay(day + 1)).getTime();
      if (this.isWorkingEpochDay(day, 'result')) {
        if (at + remaining <= endOfDay) return new Date(at + remaining);
        remaining -= endOfDay - at;
      }
      at = endOfDay;
      day += 1;
    }
  }

  private lastWorkingDayFrom(day: number): string {
    while (!this.isWorkingEpochDay(day, 'result')) day -= 1;
    return fromEpochDay(day);
  }

  /** Validates `date` and checks it is within the covered years; returns its day number. */
  private day(date: string, field: string): number {
    const day = toEpochDay(parseIsoDate(date, field), field);
    this.assertCovered(day, field);
    return day;
  }

  private assertCovered(day: number, field: string): void {
    if (day < FIRST_DAY || day > LAST_DAY) {
      const year = Number(fromEpochDay(day).slice(0, 4));
      throw new CalendarRangeError(field, year, BANK_HOLIDAYS_FIRST_YEAR, BANK_HOLIDAYS_LAST_YEAR);
    }
  }

  private isWorkingEpochDay(day: number, field: string): boolean {
    this.assertCovered(day, field);
    return this.isWorkingCoveredDay(day);
  }

  /** For a day already checked to be within the covered years. */
  private isWorkingCoveredDay(day: number): boolean {
    return isoWeekdayOfEpochDay(day) <= 5 && !BANK_HOLIDAY_DAYS.has(day) && !this.closureDays.has(day);
  }
}
