/**
 * Plain calendar dates ("local dates") as ISO strings, `YYYY-MM-DD`.
 *
 * Every date in this engine's calendar code is a date on the wall calendar in
 * Europe/London, carried as a string. Arithmetic is done on integer day numbers
 * (days since 1970-01-01 in the proleptic Gregorian calendar), so nothing here
 * depends on the time zone of the machine running it. The only place an instant
 * (a `Date`) is turned into a calendar date is `dateInLondon`, which names the
 * zone explicitly.
 */

/** Thrown when a value is not a real calendar date in strict `YYYY-MM-DD` form. */
export class InvalidDateError extends Error {
  /** The name of the field that failed validation (never the value itself). */
  readonly field: string;

  constructor(field: string) {
    // The value is deliberately left out of the message: dates in this system are
    // often personal data (dates of birth, expected dates of delivery).
    super(`${field} must be a real calendar date in YYYY-MM-DD format`);
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = 'InvalidDateError';
    this.field = field;
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1-12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  switch (month) {
    case 2:
      return isLeapYear(year) ? 29 : 28;
    case 4:
    case 6:
    case 9:
    case 11:
      return 30;
    default:
      return 31;
  }
}

interface YearMonthDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function splitIsoDate(value: unknown): YearMonthDay | undefined {
  if (typeof value !== 'string') return undefined;
  const match = ISO_DATE.exec(value);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  return { year, month, day };
}

/** True when `value` is a real calendar date in strict `YYYY-MM-DD` form (years 0001-9999). */
export function isIsoDate(value: unknown): value is string {
  return splitIsoDate(value) !== undefined;
}

/**
 * Validates `value` as a real calendar date in strict `YYYY-MM-DD` form and returns it.
 * Rejects impossible dates (`2026-02-30`), missing zero padding (`2026-2-3`), times,
 * surrounding spaces, the empty string and non-strings.
 *
 * @param field name of the input, used in the error message (e.g. `'strategyDiscussionDate'`).
 * @throws InvalidDateError naming `field` but not the value.
 */
export function parseIsoDate(value: unknown, field = 'date'): string {
  if (!isIsoDate(value)) throw new InvalidDateError(field);
  return value;
}

function ymd(date: string, field: string): YearMonthDay {
  const parts = splitIsoDate(date);
  if (parts === undefined) throw new InvalidDateError(field);
  return parts;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/**
 * A calendar date in words, as GOV.UK writes dates for people: `2026-11-23` → `23 November 2026`.
 *
 * @throws InvalidDateError naming `field` but not the value.
 */
export function longDate(date: string, field = 'date'): string {
  const { year, month, day } = ymd(date, field);
  return `${day} ${MONTH_NAMES[month - 1]} ${year}`;
}

/** `YYYY-MM-DD` from its numbers, zero-padded (not validated). */
export function formatYmd(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * Day number of a date: days since 1970-01-01 (negative before it).
 * Algorithm: H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (days_from_civil).
 */
export function toEpochDay(date: string, field = 'date'): number {
  const { year, month, day } = ymd(date, field);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400; // [0, 399]
  const mp = month > 2 ? month - 3 : month + 9; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1; // [0, 365]
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy; // [0, 146096]
  return era * 146097 + doe - 719468;
}

/** Inverse of `toEpochDay` (Hinnant's civil_from_days). */
export function fromEpochDay(epochDay: number): string {
  if (!Number.isSafeInteger(epochDay)) throw new RangeError('epochDay must be an integer');
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097; // [0, 146096]
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100)); // [0, 365]
  const mp = Math.floor((5 * doy + 2) / 153); // [0, 11]
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1 || year > 9999) throw new RangeError('epochDay is outside years 0001-9999');
  return formatYmd(year, month, day);
}

/** ISO weekday of a day number: 1 = Monday ... 7 = Sunday. 1970-01-01 was a Thursday. */
export function isoWeekdayOfEpochDay(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

/** ISO weekday of a date: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: string, field = 'date'): number {
  return isoWeekdayOfEpochDay(toEpochDay(date, field));
}

/** The date `days` calendar days after `date` (before it when negative). */
export function addDays(date: string, days: number, field = 'date'): string {
  if (!Number.isSafeInteger(days)) throw new RangeError('days must be an integer');
  return fromEpochDay(toEpochDay(date, field) + days);
}

/**
 * The same day of the month `months` months after `date` (before it when negative),
 * clamped to the last day of the target month: 2026-01-31 + 1 month = 2026-02-28,
 * 2024-01-31 + 1 month = 2024-02-29.
 */
export function addMonthsClamped(date: string, months: number, field = 'date'): string {
  if (!Number.isSafeInteger(months)) throw new RangeError('months must be an integer');
  const { year, month, day } = ymd(date, field);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  if (targetYear < 1 || targetYear > 9999) throw new RangeError('result is outside years 0001-9999');
  return formatYmd(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** Year of a date (validated). */
export function yearOf(date: string, field = 'date'): number {
  return ymd(date, field).year;
}

const LONDON_DATE_FORMAT = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  calendar: 'gregory',
  numberingSystem: 'latn',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar date in Europe/London at `instant`, as `YYYY-MM-DD`. British Summer Time
 * is taken into account: 2026-06-30T23:30:00Z is 2026-07-01 in London, while
 * 2026-12-31T23:30:00Z is still 2026-12-31. Independent of the machine's time zone.
 *
 * @throws InvalidDateError (field `instant`) for an invalid `Date` or one outside years 0002-9998.
 */
export function dateInLondon(instant: Date): string {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new InvalidDateError('instant');
  }
  const utcYear = instant.getUTCFullYear();
  if (utcYear < 2 || utcYear > 9998) throw new InvalidDateError('instant');
  // A part the format did not give stays NaN, which parseIsoDate refuses.
  let year = Number.NaN;
  let month = Number.NaN;
  let day = Number.NaN;
  for (const part of LONDON_DATE_FORMAT.formatToParts(instant)) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
  }
  return parseIsoDate(formatYmd(year, month, day), 'instant');
}
