import { CalendarRangeError, WorkingDayCalendar } from './working-day-calendar';
import { InvalidDateError } from './local-date';

// Expected values below were worked out by hand from the published calendar, not by
// running the code under test. Weekdays: 1 Jan 2026 is a Thursday; 25 Dec 2026 a Friday.
const calendar = new WorkingDayCalendar();

describe('WorkingDayCalendar.isWorkingDay', () => {
  it('is true Monday to Friday and false at weekends', () => {
    expect(calendar.isWorkingDay('2026-11-23')).toBe(true); // Monday
    expect(calendar.isWorkingDay('2026-11-27')).toBe(true); // Friday
    expect(calendar.isWorkingDay('2026-11-28')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2026-11-29')).toBe(false); // Sunday
  });

  it.each([
    ['2026-01-01', "New Year's Day"],
    ['2026-04-03', 'Good Friday'],
    ['2026-04-06', 'Easter Monday'],
    ['2026-05-04', 'Early May bank holiday'],
    ['2026-05-25', 'Spring bank holiday'],
    ['2026-08-31', 'Summer bank holiday'],
    ['2026-12-25', 'Christmas Day'],
    ['2026-12-28', 'Boxing Day (substitute day)'],
  ])('2026: %s (%s) is a bank holiday', (date, name) => {
    expect(calendar.isWorkingDay(date)).toBe(false);
    expect(calendar.isBankHoliday(date)).toBe(true);
    expect(calendar.bankHolidayName(date)).toBe(name);
  });

  it('Easter in March: 2016 (Easter Sunday 27 Mar) and 2024 (31 Mar)', () => {
    for (const date of ['2016-03-25', '2016-03-28', '2024-03-29', '2024-04-01']) {
      expect([date, calendar.isBankHoliday(date)]).toEqual([date, true]);
    }
    expect(calendar.isWorkingDay('2016-03-29')).toBe(true);
    expect(calendar.isWorkingDay('2024-04-02')).toBe(true);
  });

  it('Easter in April: 2025 (Easter Sunday 20 Apr) and 2026 (5 Apr)', () => {
    for (const date of ['2025-04-18', '2025-04-21', '2026-04-03', '2026-04-06']) {
      expect([date, calendar.isBankHoliday(date)]).toEqual([date, true]);
    }
    expect(calendar.isWorkingDay('2025-04-17')).toBe(true);
    expect(calendar.isWorkingDay('2026-04-07')).toBe(true);
  });

  it('2021: Christmas Day on a Saturday gives Monday 27 and Tuesday 28 December', () => {
    expect(calendar.isBankHoliday('2021-12-25')).toBe(false); // Saturday: not itself the holiday
    expect(calendar.isWorkingDay('2021-12-25')).toBe(false);
    expect(calendar.bankHolidayName('2021-12-27')).toBe('Christmas Day (substitute day)');
    expect(calendar.bankHolidayName('2021-12-28')).toBe('Boxing Day (substitute day)');
    expect(calendar.isWorkingDay('2021-12-24')).toBe(true);
    expect(calendar.isWorkingDay('2021-12-29')).toBe(true);
  });

  it('2022: Christmas Day on a Sunday gives Monday 26 and Tuesday 27; 1 January on a Saturday gives Monday 3', () => {
    expect(calendar.bankHolidayName('2022-12-26')).toBe('Boxing Day');
    expect(calendar.bankHolidayName('2022-12-27')).toBe('Christmas Day (substitute day)');
    expect(calendar.isWorkingDay('2022-12-28')).toBe(true);
    expect(calendar.bankHolidayName('2022-01-03')).toBe("New Year's Day (substitute day)");
    expect(calendar.isWorkingDay('2022-01-04')).toBe(true);
  });

  it('2023: 1 January on a Sunday gives Monday 2 January', () => {
    expect(calendar.bankHolidayName('2023-01-02')).toBe("New Year's Day (substitute day)");
    expect(calendar.isWorkingDay('2023-01-03')).toBe(true);
  });

  it('2016: Christmas on a Sunday, Boxing Day Monday 26, Christmas substitute Tuesday 27', () => {
    expect(calendar.bankHolidayName('2016-12-26')).toBe('Boxing Day');
    expect(calendar.bankHolidayName('2016-12-27')).toBe('Christmas Day (substitute day)');
    expect(calendar.isWorkingDay('2016-12-28')).toBe(true);
  });

  it('2002: spring bank holiday moved from 27 May to Tuesday 4 June, Golden Jubilee Monday 3 June', () => {
    expect(calendar.isWorkingDay('2002-05-27')).toBe(true);
    expect(calendar.isBankHoliday('2002-06-03')).toBe(true);
    expect(calendar.isBankHoliday('2002-06-04')).toBe(true);
  });

  it('2011: royal wedding, Friday 29 April', () => {
    expect(calendar.isBankHoliday('2011-04-29')).toBe(true);
    // With Easter Monday on 25 April and early May on 2 May, that week had three working days.
    expect(calendar.workingDaysBetween('2011-04-22', '2011-05-02')).toBe(3);
  });

  it('2012: spring bank holiday moved from 28 May to Monday 4 June, Diamond Jubilee Tuesday 5 June', () => {
    expect(calendar.isWorkingDay('2012-05-28')).toBe(true);
    expect(calendar.isBankHoliday('2012-06-04')).toBe(true);
    expect(calendar.isBankHoliday('2012-06-05')).toBe(true);
  });

  it('2020: early May bank holiday moved from Monday 4 May to Friday 8 May (VE day)', () => {
    expect(calendar.isWorkingDay('2020-05-04')).toBe(true);
    expect(calendar.isBankHoliday('2020-05-08')).toBe(true);
  });

  it('2022: spring bank holiday moved from 30 May to Thursday 2 June, Platinum Jubilee Friday 3 June, state funeral Monday 19 September', () => {
    expect(calendar.isWorkingDay('2022-05-30')).toBe(true);
    expect(calendar.isBankHoliday('2022-06-02')).toBe(true);
    expect(calendar.isBankHoliday('2022-06-03')).toBe(true);
    expect(calendar.isBankHoliday('2022-09-19')).toBe(true);
  });

  it('2023: coronation, Monday 8 May, as well as early May Monday 1 May', () => {
    expect(calendar.isBankHoliday('2023-05-01')).toBe(true);
    expect(calendar.isBankHoliday('2023-05-08')).toBe(true);
  });

  it('2026: spring bank holiday is Monday 25 May (the last Monday; 31 May is a Sunday)', () => {
    expect(calendar.isBankHoliday('2026-05-25')).toBe(true);
    expect(calendar.isWorkingDay('2026-05-26')).toBe(true);
  });

  it('rejects malformed dates', () => {
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(InvalidDateError);
    expect(() => calendar.isWorkingDay('2026-2-3')).toThrow(InvalidDateError);
    expect(() => calendar.isWorkingDay('')).toThrow(InvalidDateError);
  });
});

describe('WorkingDayCalendar outside the covered years (2000-2030)', () => {
  it('throws rather than treating an unknown year as having no holidays', () => {
    expect(() => calendar.isWorkingDay('2031-01-01')).toThrow(CalendarRangeError);
    expect(() => calendar.isWorkingDay('1999-12-31')).toThrow(CalendarRangeError);
    expect(() => calendar.isBankHoliday('2031-12-25')).toThrow(CalendarRangeError);
    expect(() => calendar.workingDaysBetween('2030-12-01', '2031-01-10')).toThrow(CalendarRangeError);
    expect(() => calendar.addMonthsDeadline('2030-11-15', 3)).toThrow(CalendarRangeError);
  });

  it('throws when counting runs off either end', () => {
    // Tue 31 Dec 2030 is the last known working day; the next is in 2031.
    expect(calendar.addWorkingDays('2030-12-30', 1)).toBe('2030-12-31');
    expect(() => calendar.addWorkingDays('2030-12-30', 2)).toThrow(CalendarRangeError);
    // Mon 3 Jan 2000 was a substitute holiday and 1-2 Jan a weekend: no earlier working day is known.
    expect(() => calendar.addWorkingDays('2000-01-04', -1)).toThrow(CalendarRangeError);
  });

  it('gives a clear message', () => {
    expect(() => calendar.isWorkingDay('2031-03-03')).toThrow(
      'date falls in 2031, outside the years whose bank holidays are known (2000-2030); extend bank-holidays.england-and-wales.ts',
    );
    let caught: unknown;
    try {
      calendar.isWorkingDay('2031-03-03');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RangeError);
    expect((caught as CalendarRangeError).name).toBe('CalendarRangeError');
    expect(caught).toMatchObject({ field: 'date', firstYear: 2000, lastYear: 2030 });
    expect(WorkingDayCalendar.firstYear).toBe(2000);
    expect(WorkingDayCalendar.lastYear).toBe(2030);
  });
});

describe('WorkingDayCalendar.addWorkingDays', () => {
  it('counts across a weekend', () => {
    expect(calendar.addWorkingDays('2026-03-06', 1)).toBe('2026-03-09'); // Fri → Mon
    expect(calendar.addWorkingDays('2026-03-06', 5)).toBe('2026-03-13');
    expect(calendar.addWorkingDays('2026-03-04', 3)).toBe('2026-03-09'); // Wed → Mon
  });

  it('counts across Christmas: 23 Dec 2026 + 3 = 30 Dec (25 Fri and 28 Mon are holidays)', () => {
    expect(calendar.addWorkingDays('2026-12-23', 1)).toBe('2026-12-24');
    expect(calendar.addWorkingDays('2026-12-23', 2)).toBe('2026-12-29');
    expect(calendar.addWorkingDays('2026-12-23', 3)).toBe('2026-12-30');
  });

  it('counts across New Year: 30 Dec 2026 + 2 = Mon 4 Jan 2027', () => {
    expect(calendar.addWorkingDays('2026-12-30', 2)).toBe('2027-01-04');
  });

  it('counts across Christmas and New Year when Christmas is on a Saturday: 24 Dec 2021 + 3 = 4 Jan 2022', () => {
    // 27, 28 Dec substitutes; 29, 30, 31 Dec working; 3 Jan 2022 New Year substitute.
    expect(calendar.addWorkingDays('2021-12-24', 3)).toBe('2021-12-31');
    expect(calendar.addWorkingDays('2021-12-24', 4)).toBe('2022-01-04');
  });

  it('ICPC within 15 working days of a strategy discussion on Wed 1 Apr 2026 (over Easter): Fri 24 Apr', () => {
    expect(calendar.addWorkingDays('2026-04-01', 15)).toBe('2026-04-24');
  });

  it('n = 0 is the day itself when it is a working day, otherwise the next working day', () => {
    expect(calendar.addWorkingDays('2026-11-24', 0)).toBe('2026-11-24');
    expect(calendar.addWorkingDays('2026-11-28', 0)).toBe('2026-11-30'); // Sat → Mon
    expect(calendar.addWorkingDays('2026-12-25', 0)).toBe('2026-12-29'); // Fri holiday → Tue
  });

  it('from a non-working day, n = 1 is the first working day after it', () => {
    expect(calendar.addWorkingDays('2026-12-26', 1)).toBe('2026-12-29');
    expect(calendar.addWorkingDays('2026-11-28', 1)).toBe('2026-11-30');
  });

  it('counts backwards for negative n: warn 5 working days before Fri 24 Apr 2026 → Fri 17 Apr', () => {
    expect(calendar.addWorkingDays('2026-04-24', -5)).toBe('2026-04-17');
    expect(calendar.addWorkingDays('2026-04-09', -3)).toBe('2026-04-02'); // back over Easter
    expect(calendar.addWorkingDays('2026-12-29', -1)).toBe('2026-12-24'); // back over Christmas
    expect(calendar.addWorkingDays('2026-12-26', -1)).toBe('2026-12-24'); // from a Saturday
  });

  it('never returns a non-working day', () => {
    for (let n = -40; n <= 40; n += 1) {
      expect(calendar.isWorkingDay(calendar.addWorkingDays('2026-12-20', n))).toBe(true);
    }
  });

  it('rejects a non-integer n and a malformed date', () => {
    expect(() => calendar.addWorkingDays('2026-11-24', 1.5)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-11-24', Number.NaN)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('24/11/2026', 1)).toThrow('from must be a real calendar date');
  });
});

describe('WorkingDayCalendar.workingDaysBetween', () => {
  it('excludes from and includes to', () => {
    expect(calendar.workingDaysBetween('2026-12-23', '2026-12-30')).toBe(3);
    expect(calendar.workingDaysBetween('2026-04-01', '2026-04-24')).toBe(15);
    expect(calendar.workingDaysBetween('2026-11-23', '2026-11-24')).toBe(1);
    expect(calendar.workingDaysBetween('2026-11-24', '2026-11-24')).toBe(0);
    expect(calendar.workingDaysBetween('2026-12-26', '2026-12-29')).toBe(1); // Sat → Tue
    expect(calendar.workingDaysBetween('2026-11-27', '2026-11-29')).toBe(0); // Fri → Sun
  });

  it('is negative and symmetric when to is before from', () => {
    expect(calendar.workingDaysBetween('2026-12-30', '2026-12-23')).toBe(-3);
    expect(calendar.workingDaysBetween('2026-04-24', '2026-04-01')).toBe(-15);
    const pairs: ReadonlyArray<readonly [string, string]> = [
      ['2026-12-23', '2027-01-04'],
      ['2026-11-28', '2026-12-29'],
      ['2022-05-27', '2022-06-06'],
      ['2021-12-24', '2022-01-04'],
    ];
    for (const [a, b] of pairs) {
      expect(calendar.workingDaysBetween(b, a)).toBe(-calendar.workingDaysBetween(a, b));
    }
  });

  it('counts a whole year: 253 working days in 2026, 250 in 2022', () => {
    // 2026: 261 weekdays less 8 holidays. 2022: 260 weekdays less 10 holidays.
    expect(calendar.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(253);
    expect(calendar.workingDaysBetween('2021-12-31', '2022-12-31')).toBe(250);
  });

  it('inverts addWorkingDays when from is a working day', () => {
    for (const from of ['2026-12-23', '2026-04-01', '2022-06-01']) {
      for (let n = -25; n <= 25; n += 1) {
        expect(calendar.workingDaysBetween(from, calendar.addWorkingDays(from, n))).toBe(n);
      }
    }
  });
});

describe('WorkingDayCalendar.addMonthsDeadline', () => {
  it('is the same day of the month when that is a working day', () => {
    expect(calendar.addMonthsDeadline('2026-01-14', 3)).toBe('2026-04-14'); // Tue
    expect(calendar.addMonthsDeadline('2026-03-31', 6)).toBe('2026-09-30'); // clamped, Wed
  });

  it('falls back: 3 months from 30 May 2026 is Sun 30 Aug, Mon 31 Aug is a holiday, so Fri 28 Aug', () => {
    expect(calendar.addMonthsDeadline('2026-05-30', 3)).toBe('2026-08-28');
  });

  it('falls back over Easter: 3 months from 6 Jan 2026 is Easter Monday 6 Apr → Thu 2 Apr', () => {
    expect(calendar.addMonthsDeadline('2026-01-06', 3)).toBe('2026-04-02');
  });

  it('falls back from Christmas: 6 months from 25 Jun 2026 → Thu 24 Dec', () => {
    expect(calendar.addMonthsDeadline('2026-06-25', 6)).toBe('2026-12-24');
  });

  it('clamps to the end of a shorter month', () => {
    expect(calendar.addMonthsDeadline('2024-01-31', 1)).toBe('2024-02-29'); // leap year, Thu
    expect(calendar.addMonthsDeadline('2025-01-31', 1)).toBe('2025-02-28'); // Fri
    expect(calendar.addMonthsDeadline('2026-01-31', 1)).toBe('2026-02-27'); // 28 Feb is a Sat
    expect(calendar.addMonthsDeadline('2026-08-31', 6)).toBe('2027-02-26'); // 28 Feb 2027 is a Sun
  });

  it('with 0 months is the day itself or the previous working day', () => {
    expect(calendar.addMonthsDeadline('2026-11-24', 0)).toBe('2026-11-24');
    expect(calendar.addMonthsDeadline('2026-12-26', 0)).toBe('2026-12-24');
  });

  it('rejects a non-integer number of months', () => {
    expect(() => calendar.addMonthsDeadline('2026-11-24', 0.5)).toThrow(RangeError);
  });
});

describe('WorkingDayCalendar with local closure days', () => {
  const closures = ['2026-12-24', '2026-12-31'];
  let local: WorkingDayCalendar;
  beforeEach(() => {
    local = new WorkingDayCalendar({ extraClosureDays: closures });
  });

  it('treats closure days as non-working but not as bank holidays', () => {
    expect(local.isWorkingDay('2026-12-24')).toBe(false);
    expect(local.isClosureDay('2026-12-24')).toBe(true);
    expect(local.isBankHoliday('2026-12-24')).toBe(false);
    expect(calendar.isWorkingDay('2026-12-24')).toBe(true);
    expect(calendar.isClosureDay('2026-12-24')).toBe(false);
  });

  it('skips them when counting: 23 Dec 2026 + 3 = Mon 4 Jan 2027', () => {
    // 24 closed, 25 holiday, 26-27 weekend, 28 holiday, 29 (1), 30 (2), 31 closed, 1 Jan holiday, 4 Jan (3).
    expect(local.addWorkingDays('2026-12-23', 3)).toBe('2027-01-04');
    expect(local.workingDaysBetween('2026-12-23', '2027-01-04')).toBe(3);
  });

  it('falls back past them for month deadlines', () => {
    expect(local.addMonthsDeadline('2026-06-25', 6)).toBe('2026-12-23');
  });

  it('copies the settings at construction', () => {
    const settings = ['2026-11-24'];
    const copy = new WorkingDayCalendar({ extraClosureDays: settings });
    settings.push('2026-11-25');
    expect(copy.isWorkingDay('2026-11-24')).toBe(false);
    expect(copy.isWorkingDay('2026-11-25')).toBe(true);
  });

  it('rejects an invalid closure day, naming the setting', () => {
    expect(() => new WorkingDayCalendar({ extraClosureDays: ['2026-12-24', '2026-12-32'] })).toThrow(
      'extraClosureDays[1] must be a real calendar date in YYYY-MM-DD format',
    );
  });

  it('works with no options or an empty list', () => {
    expect(new WorkingDayCalendar({}).isWorkingDay('2026-11-24')).toBe(true);
    expect(new WorkingDayCalendar({ extraClosureDays: [] }).isWorkingDay('2026-11-24')).toBe(true);
  });
});

describe('WorkingDayCalendar.workingDayOnOrBefore', () => {
  it('is the day itself when it is a working day, otherwise the last working day before it', () => {
    expect(calendar.workingDayOnOrBefore('2026-11-25')).toBe('2026-11-25');
    expect(calendar.workingDayOnOrBefore('2026-11-29')).toBe('2026-11-27'); // Sunday → Friday
    expect(calendar.workingDayOnOrBefore('2026-04-06')).toBe('2026-04-02'); // Easter Monday → Maundy Thursday
    expect(calendar.workingDayOnOrBefore('2027-01-03')).toBe('2026-12-31'); // over New Year's Day
  });

  it('refuses a malformed date and one outside the covered years', () => {
    expect(() => calendar.workingDayOnOrBefore('2026-13-01')).toThrow(InvalidDateError);
    expect(() => calendar.workingDayOnOrBefore('2026-13-01')).toThrow('date must be a real calendar date');
    expect(() => calendar.workingDayOnOrBefore('2031-01-06')).toThrow(CalendarRangeError);
  });
});

describe('WorkingDayCalendar.addWeeksDeadline', () => {
  it('is the same weekday N weeks on, or N weeks before with a negative count', () => {
    expect(calendar.addWeeksDeadline('2026-12-03', 4)).toBe('2026-12-31');
    expect(calendar.addWeeksDeadline('2027-01-20', -6)).toBe('2026-12-09'); // EDD − 6 weeks
    expect(calendar.addWeeksDeadline('2026-11-25', 0)).toBe('2026-11-25');
  });

  it('falls back to the previous working day, never forward', () => {
    expect(calendar.addWeeksDeadline('2026-12-04', 3)).toBe('2026-12-24'); // Christmas Day → 24th
    expect(calendar.addWeeksDeadline('2026-10-12', -6)).toBe('2026-08-28'); // summer bank holiday → Friday
    expect(calendar.addWeeksDeadline('2026-11-28', 1)).toBe('2026-12-04'); // a Saturday anchor → Friday
  });

  it('honours local closure days', () => {
    const local = new WorkingDayCalendar({ extraClosureDays: ['2026-12-31'] });
    expect(local.addWeeksDeadline('2026-12-03', 4)).toBe('2026-12-30');
  });

  it('refuses a fractional count and a malformed date', () => {
    expect(() => calendar.addWeeksDeadline('2026-12-03', 1.5)).toThrow('weeks must be an integer');
    expect(() => calendar.addWeeksDeadline('2026-12-32', 1)).toThrow(InvalidDateError);
  });
});

describe('WorkingDayCalendar.addWorkingHours', () => {
  const at = (iso: string) => calendar.addWorkingHours(new Date(iso), 24).toISOString();

  it('lets time pass on working days only: Friday 15:00 + 24 hours is Monday 15:00', () => {
    expect(at('2026-11-20T15:00:00Z')).toBe('2026-11-23T15:00:00.000Z');
    expect(at('2026-11-24T15:00:00Z')).toBe('2026-11-25T15:00:00.000Z'); // Tuesday → Wednesday
  });

  it('skips a bank holiday Monday (early May) and the four days of Easter', () => {
    expect(at('2026-05-01T14:00:00Z')).toBe('2026-05-05T14:00:00.000Z'); // Fri 15:00 BST → Tue 15:00 BST
    expect(at('2026-04-02T14:00:00Z')).toBe('2026-04-07T14:00:00.000Z'); // Thu → Tue after Easter Monday
  });

  it('skips Christmas and New Year', () => {
    expect(at('2026-12-24T10:00:00Z')).toBe('2026-12-29T10:00:00.000Z'); // 25 and 28 are holidays
    expect(calendar.addWorkingHours(new Date('2026-12-30T09:00:00Z'), 48).toISOString()).toBe(
      '2027-01-04T09:00:00.000Z',
    );
  });

  it('keeps London wall-clock time across a change of clocks in the weekend', () => {
    // Fri 27 Mar 15:00 GMT → Mon 30 Mar 15:00 BST; Fri 23 Oct 15:00 BST → Mon 26 Oct 15:00 GMT.
    expect(at('2026-03-27T15:00:00Z')).toBe('2026-03-30T14:00:00.000Z');
    expect(at('2026-10-23T14:00:00Z')).toBe('2026-10-26T15:00:00.000Z');
  });

  it('starts counting at the next working day when set on a weekend', () => {
    expect(calendar.addWorkingHours(new Date('2026-11-21T10:00:00Z'), 2).toISOString()).toBe(
      '2026-11-23T02:00:00.000Z',
    );
    expect(calendar.addWorkingHours(new Date('2026-11-21T10:00:00Z'), 0).toISOString()).toBe(
      '2026-11-23T00:00:00.000Z',
    );
  });

  it('ends at the midnight that closes a working day when the hours run out exactly then', () => {
    expect(at('2026-11-20T00:00:00Z')).toBe('2026-11-21T00:00:00.000Z');
    expect(at('2026-11-21T10:00:00Z')).toBe('2026-11-24T00:00:00.000Z');
    // One millisecond more runs into the next working day.
    expect(calendar.addWorkingHours(new Date('2026-11-20T00:00:00Z'), 24 + 1 / 3_600_000).toISOString()).toBe(
      '2026-11-23T00:00:00.001Z',
    );
  });

  it('counts whole weeks of working days, and part hours', () => {
    expect(calendar.addWorkingHours(new Date('2026-11-23T09:00:00Z'), 5 * 24).toISOString()).toBe(
      '2026-11-30T09:00:00.000Z',
    );
    expect(calendar.addWorkingHours(new Date('2026-11-23T09:00:00Z'), 0.5).toISOString()).toBe(
      '2026-11-23T09:30:00.000Z',
    );
    expect(calendar.addWorkingHours(new Date('2026-11-23T09:00:00Z'), 0).toISOString()).toBe(
      '2026-11-23T09:00:00.000Z',
    );
  });

  it('honours local closure days', () => {
    const local = new WorkingDayCalendar({ extraClosureDays: ['2026-11-23'] });
    expect(local.addWorkingHours(new Date('2026-11-20T15:00:00Z'), 24).toISOString()).toBe(
      '2026-11-24T15:00:00.000Z',
    );
  });

  it('refuses a negative or unreadable number of hours, an invalid instant, and counting past the covered years', () => {
    const friday = new Date('2026-11-20T15:00:00Z');
    expect(() => calendar.addWorkingHours(friday, -1)).toThrow('hours must be a number of hours, 0 or more');
    expect(() => calendar.addWorkingHours(friday, Number.NaN)).toThrow(RangeError);
    expect(() => calendar.addWorkingHours(friday, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => calendar.addWorkingHours(new Date('nonsense'), 1)).toThrow(InvalidDateError);
    expect(() => calendar.addWorkingHours(new Date('2030-12-31T10:00:00Z'), 24)).toThrow(CalendarRangeError);
    expect(() => calendar.addWorkingHours(new Date('2031-01-06T10:00:00Z'), 1)).toThrow(CalendarRangeError);
  });
});

describe('WorkingDayCalendar errors name the input at fault', () => {
  it.each<[string, () => unknown, string]>([
    ['isWorkingDay', () => calendar.isWorkingDay('2026-11-31'), 'date must be a real calendar date'],
    ['isBankHoliday', () => calendar.isBankHoliday('2026-11-31'), 'date must be a real calendar date'],
    ['bankHolidayName', () => calendar.bankHolidayName('2026-11-31'), 'date must be a real calendar date'],
    ['isClosureDay', () => calendar.isClosureDay('2026-11-31'), 'date must be a real calendar date'],
    ['addWorkingDays (n)', () => calendar.addWorkingDays('2026-11-24', 1.5), 'n must be an integer'],
    ['addWorkingDays (result)', () => calendar.addWorkingDays('2030-12-30', 2), 'result falls in 2031'],
    [
      'workingDaysBetween (from)',
      () => calendar.workingDaysBetween('2026-11-31', '2026-11-24'),
      'from must be',
    ],
    ['workingDaysBetween (to)', () => calendar.workingDaysBetween('2026-11-24', '2026-11-31'), 'to must be'],
    [
      'workingDaysBetween (to, range)',
      () => calendar.workingDaysBetween('2026-11-24', '2031-01-02'),
      'to falls in 2031',
    ],
    [
      'addMonthsDeadline (months)',
      () => calendar.addMonthsDeadline('2026-11-24', 0.5),
      'months must be an integer',
    ],
    ['addMonthsDeadline (from)', () => calendar.addMonthsDeadline('2026-11-31', 1), 'from must be'],
    [
      'addMonthsDeadline (from, range)',
      () => calendar.addMonthsDeadline('1999-12-15', 1),
      'from falls in 1999',
    ],
    ['addMonthsDeadline (result)', () => calendar.addMonthsDeadline('2030-12-15', 1), 'result falls in 2031'],
    ['addWeeksDeadline (from)', () => calendar.addWeeksDeadline('2031-01-06', -1), 'from falls in 2031'],
    ['addWeeksDeadline (result)', () => calendar.addWeeksDeadline('2030-12-20', 2), 'result falls in 2031'],
    [
      'workingDayOnOrBefore (result)',
      () => calendar.workingDayOnOrBefore('2000-01-03'),
      'result falls in 1999',
    ],
    [
      'addWorkingHours (from)',
      () => calendar.addWorkingHours(new Date('2031-01-06T10:00:00Z'), 1),
      'from falls in 2031',
    ],
    [
      'addWorkingHours (result)',
      () => calendar.addWorkingHours(new Date('2030-12-31T10:00:00Z'), 24),
      'result falls in 2031',
    ],
  ])('%s', (_name, call, message) => {
    expect(call).toThrow(message);
  });
});
