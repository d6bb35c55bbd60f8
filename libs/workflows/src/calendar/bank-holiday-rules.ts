/**
 * The statutory rules for bank holidays in England and Wales, and the one-off changes
 * made by royal proclamation, as code.
 *
 * This is NOT what the calendar reads at run time: `WorkingDayCalendar` reads the
 * explicit, reviewable list in `bank-holidays.england-and-wales.ts`. This generator exists
 * so that list can be produced for a new year and so the spec can check every year of it
 * (rules + one-off changes must equal the list, so a typo in the list fails a test).
 *
 * Rules (Banking and Financial Dealings Act 1971, Schedule 1, and the annual proclamations
 * that have, since 1978, added the early May bank holiday and fixed New Year's Day):
 * - New Year's Day, 1 January;
 * - Good Friday and Easter Monday (Easter by the Gregorian computus);
 * - early May bank holiday, the first Monday in May;
 * - spring bank holiday, the last Monday in May;
 * - summer bank holiday, the last Monday in August;
 * - Christmas Day, 25 December, and Boxing Day, 26 December.
 * A fixed-date holiday that falls on a Saturday or Sunday is replaced by the next weekday
 * that is not already a holiday: Christmas on a Saturday gives Monday 27 (Christmas) and
 * Tuesday 28 (Boxing Day); Christmas on a Sunday gives Monday 26 (Boxing Day) and
 * Tuesday 27 (Christmas); Boxing Day on a Saturday gives Monday 28.
 */
import type { BankHoliday } from './bank-holidays.england-and-wales';
import {
  daysInMonth,
  formatYmd as isoDate,
  fromEpochDay,
  isoWeekdayOfEpochDay,
  toEpochDay,
  yearOf,
} from './local-date';

/** Earliest year the generator models: the early May bank holiday began in 1978. */
export const BANK_HOLIDAY_RULES_FIRST_YEAR = 1978;

function assertRuleYear(year: number): void {
  if (!Number.isInteger(year) || year < BANK_HOLIDAY_RULES_FIRST_YEAR || year > 9999) {
    throw new RangeError(
      `year must be an integer from ${BANK_HOLIDAY_RULES_FIRST_YEAR} to 9999 for the England and Wales bank holiday rules`,
    );
  }
}

/**
 * Easter Sunday (Gregorian) for `year`, by the anonymous Gregorian algorithm
 * (Meeus/Jones/Butcher). E.g. 2016 → 2016-03-27, 2024 → 2024-03-31, 2025 → 2025-04-20.
 */
export function easterSunday(year: number): string {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError('year must be an integer from 1583 to 9999 for the Gregorian computus');
  }
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

const MONDAY = 1;

/** First Monday of `month` (1-12) in `year`. */
export function firstMondayOf(year: number, month: number): string {
  const first = toEpochDay(isoDate(year, month, 1));
  const offset = (MONDAY - isoWeekdayOfEpochDay(first) + 7) % 7;
  return fromEpochDay(first + offset);
}

/** Last Monday of `month` (1-12) in `year`. */
export function lastMondayOf(year: number, month: number): string {
  const last = toEpochDay(isoDate(year, month, daysInMonth(year, month)));
  const offset = (isoWeekdayOfEpochDay(last) - MONDAY + 7) % 7;
  return fromEpochDay(last - offset);
}

function isWeekend(epochDay: number): boolean {
  return isoWeekdayOfEpochDay(epochDay) >= 6;
}

/** A year's holidays fall on different dates (a change that adds one already there throws). */
function byDate(a: BankHoliday, b: BankHoliday): number {
  return a.date < b.date ? -1 : 1;
}

/**
 * The eight bank holidays of `year` under the statutory rules with weekend substitutes,
 * sorted by date, WITHOUT one-off changes.
 */
export function generateStatutoryBankHolidays(year: number): BankHoliday[] {
  assertRuleYear(year);
  const easter = toEpochDay(easterSunday(year));
  const holidays: BankHoliday[] = [
    { date: fromEpochDay(easter - 2), name: 'Good Friday' },
    { date: fromEpochDay(easter + 1), name: 'Easter Monday' },
    { date: firstMondayOf(year, 5), name: 'Early May bank holiday' },
    { date: lastMondayOf(year, 5), name: 'Spring bank holiday' },
    { date: lastMondayOf(year, 8), name: 'Summer bank holiday' },
  ];
  // Fixed-date holidays, in the order their substitutes are allocated.
  const fixed: ReadonlyArray<{ readonly date: string; readonly name: string }> = [
    { date: isoDate(year, 1, 1), name: "New Year's Day" },
    { date: isoDate(year, 12, 25), name: 'Christmas Day' },
    { date: isoDate(year, 12, 26), name: 'Boxing Day' },
  ];
  // Substitutes fall in late December and early January, where no moveable holiday is.
  const taken = new Set<number>();
  for (const holiday of fixed) {
    const day = toEpochDay(holiday.date);
    if (!isWeekend(day)) {
      holidays.push(holiday);
      taken.add(day);
    }
  }
  for (const holiday of fixed) {
    const day = toEpochDay(holiday.date);
    if (isWeekend(day)) {
      let substitute = day + 1;
      while (isWeekend(substitute) || taken.has(substitute)) substitute += 1;
      taken.add(substitute);
      holidays.push({ date: fromEpochDay(substitute), name: `${holiday.name} (substitute day)` });
    }
  }
  return holidays.sort(byDate);
}

/** A one-off change to the statutory list, made by royal proclamation. */
export interface BankHolidayChange {
  /** Why, in a few words. */
  readonly reason: string;
  /** Date of a statutory holiday that was moved away (it becomes a working day). */
  readonly remove?: string;
  /** Days added (a moved holiday's new date, or an extra holiday). */
  readonly add: readonly BankHoliday[];
}

/**
 * One-off changes in England and Wales from 2000 on. (1995's VE day move and the
 * 31 December 1999 millennium holiday are earlier than the data file covers.)
 */
export const BANK_HOLIDAY_ONE_OFF_CHANGES: readonly BankHolidayChange[] = [
  {
    reason: 'Golden Jubilee: spring bank holiday moved from Mon 27 May to Tue 4 Jun, extra holiday Mon 3 Jun',
    remove: '2002-05-27',
    add: [
      { date: '2002-06-03', name: 'Golden Jubilee bank holiday' },
      { date: '2002-06-04', name: 'Spring bank holiday' },
    ],
  },
  {
    reason: 'Wedding of Prince William and Catherine Middleton: extra holiday Fri 29 Apr',
    add: [{ date: '2011-04-29', name: 'Royal wedding bank holiday' }],
  },
  {
    reason:
      'Diamond Jubilee: spring bank holiday moved from Mon 28 May to Mon 4 Jun, extra holiday Tue 5 Jun',
    remove: '2012-05-28',
    add: [
      { date: '2012-06-04', name: 'Spring bank holiday' },
      { date: '2012-06-05', name: 'Diamond Jubilee bank holiday' },
    ],
  },
  {
    reason: '75th anniversary of VE day: early May bank holiday moved from Mon 4 May to Fri 8 May',
    remove: '2020-05-04',
    add: [{ date: '2020-05-08', name: 'Early May bank holiday (VE day)' }],
  },
  {
    reason:
      'Platinum Jubilee: spring bank holiday moved from Mon 30 May to Thu 2 Jun, extra holiday Fri 3 Jun',
    remove: '2022-05-30',
    add: [
      { date: '2022-06-02', name: 'Spring bank holiday' },
      { date: '2022-06-03', name: 'Platinum Jubilee bank holiday' },
    ],
  },
  {
    reason: 'State funeral of Queen Elizabeth II: extra holiday Mon 19 Sep',
    add: [{ date: '2022-09-19', name: 'Bank Holiday for the State Funeral of Queen Elizabeth II' }],
  },
  {
    reason: 'Coronation of King Charles III: extra holiday Mon 8 May',
    add: [{ date: '2023-05-08', name: 'Bank holiday for the coronation of King Charles III' }],
  },
];

/**
 * The bank holidays of `year` in England and Wales: the statutory rules with
 * `BANK_HOLIDAY_ONE_OFF_CHANGES` overlaid, sorted by date.
 *
 * @throws Error if a change removes a day that is not a statutory holiday or adds one that
 *   already is (so a typo in the change list cannot pass silently).
 */
export function generateBankHolidays(
  year: number,
  changes: readonly BankHolidayChange[] = BANK_HOLIDAY_ONE_OFF_CHANGES,
): BankHoliday[] {
  const holidays = generateStatutoryBankHolidays(year);
  for (const change of changes) {
    if (change.remove !== undefined && yearOf(change.remove) === year) {
      const index = holidays.findIndex((h) => h.date === change.remove);
      if (index < 0) {
        throw new Error(
          `one-off change "${change.reason}" removes ${change.remove}, which is not a statutory holiday`,
        );
      }
      holidays.splice(index, 1);
    }
    for (const added of change.add) {
      if (yearOf(added.date) !== year) continue;
      if (holidays.some((h) => h.date === added.date)) {
        throw new Error(`one-off change "${change.reason}" adds ${added.date}, which is already a holiday`);
      }
      holidays.push(added);
    }
  }
  return holidays.sort(byDate);
}
