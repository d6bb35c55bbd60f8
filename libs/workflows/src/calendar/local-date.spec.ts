import {
  InvalidDateError,
  addDays,
  addMonthsClamped,
  dateInLondon,
  daysInMonth,
  fromEpochDay,
  isIsoDate,
  isoWeekday,
  longDate,
  parseIsoDate,
  toEpochDay,
  yearOf,
} from './local-date';

describe('parseIsoDate', () => {
  it.each(['2026-11-24', '2024-02-29', '2000-02-29', '2026-12-31', '0001-01-01', '9999-12-31'])(
    'accepts the real date %s and returns it unchanged',
    (value) => {
      expect(parseIsoDate(value)).toBe(value);
      expect(isIsoDate(value)).toBe(true);
    },
  );

  it.each([
    ['an impossible day', '2026-02-30'],
    ['29 February in a common year', '2026-02-29'],
    ['29 February in a century year that is not a leap year', '1900-02-29'],
    ['31 April', '2026-04-31'],
    ['month 13', '2026-13-01'],
    ['month 00', '2026-00-10'],
    ['day 00', '2026-01-00'],
    ['year 0000', '0000-01-01'],
    ['missing zero padding', '2026-2-3'],
    ['the empty string', ''],
    ['a leading space', ' 2026-01-01'],
    ['a trailing newline', '2026-01-01\n'],
    ['a date-time', '2026-01-01T00:00:00Z'],
    ['a basic-format date', '20260101'],
    ['slashes', '2026/01/01'],
    ['UK order', '01-01-2026'],
    ['a five-digit year', '12026-01-01'],
    ['full-width digits', '\uff12\uff10\uff12\uff16-01-01'],
  ])('rejects %s', (_label, value) => {
    expect(() => parseIsoDate(value)).toThrow(InvalidDateError);
    expect(isIsoDate(value)).toBe(false);
  });

  it.each([
    ['a number', 20260101],
    ['null', null],
    ['undefined', undefined],
    ['a Date', new Date(Date.UTC(2026, 0, 1))],
    ['an array holding a date (its string form is one)', ['2026-01-01']],
    ['an object whose string form is a date', { toString: () => '2026-01-01' }],
  ])('rejects %s', (_label, value) => {
    expect(() => parseIsoDate(value)).toThrow(InvalidDateError);
  });

  it('names the field in the error but not the value', () => {
    let caught: unknown;
    try {
      parseIsoDate('2019-13-45', 'dateOfBirth');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidDateError);
    expect(caught).toBeInstanceOf(Error);
    const error = caught as InvalidDateError;
    expect(error.name).toBe('InvalidDateError');
    expect(error.field).toBe('dateOfBirth');
    expect(error.message).toBe('dateOfBirth must be a real calendar date in YYYY-MM-DD format');
    expect(error.message).not.toContain('2019');
  });

  it("uses 'date' as the field name by default", () => {
    expect(() => parseIsoDate('nope')).toThrow('date must be a real calendar date in YYYY-MM-DD format');
  });
});

describe('day numbers', () => {
  it('counts days from 1970-01-01', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('1969-12-31')).toBe(-1);
    expect(toEpochDay('2000-01-01')).toBe(10957);
    expect(fromEpochDay(10957)).toBe('2000-01-01');
    expect(fromEpochDay(-1)).toBe('1969-12-31');
  });

  it('agrees with Date.UTC for every day from 1999 to 2031 and round-trips', () => {
    const msPerDay = 86_400_000;
    for (let day = toEpochDay('1999-01-01'); day <= toEpochDay('2031-12-31'); day += 1) {
      const date = fromEpochDay(day);
      expect(new Date(day * msPerDay).toISOString().slice(0, 10)).toBe(date);
      expect(toEpochDay(date)).toBe(day);
    }
  });

  it('gives the ISO weekday (Monday 1 ... Sunday 7)', () => {
    expect(isoWeekday('1970-01-01')).toBe(4); // Thursday
    expect(isoWeekday('2000-01-01')).toBe(6); // Saturday
    expect(isoWeekday('2026-11-23')).toBe(1); // Monday
    expect(isoWeekday('2026-11-24')).toBe(2); // Tuesday
    expect(isoWeekday('2026-11-29')).toBe(7); // Sunday
    expect(isoWeekday('1969-12-28')).toBe(7); // Sunday, before the epoch
  });

  it('adds calendar days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-06-15', 0)).toBe('2026-06-15');
    expect(() => addDays('2026-06-15', 0.5)).toThrow(RangeError);
    expect(() => addDays('2026-6-15', 1)).toThrow(InvalidDateError);
  });

  it('knows month lengths', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((month) => daysInMonth(2026, month))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
  });

  it('knows the first and last days it can name, 0001-01-01 and 9999-12-31, and refuses to go past them', () => {
    expect(fromEpochDay(toEpochDay('0001-01-01'))).toBe('0001-01-01');
    expect(fromEpochDay(toEpochDay('9999-12-31'))).toBe('9999-12-31');
    expect(() => fromEpochDay(toEpochDay('0001-01-01') - 1)).toThrow('epochDay is outside years 0001-9999');
    expect(() => fromEpochDay(toEpochDay('9999-12-31') + 1)).toThrow('epochDay is outside years 0001-9999');
  });

  it('refuses a day number that is not a whole number', () => {
    expect(() => fromEpochDay(1.5)).toThrow(new RangeError('epochDay must be an integer'));
    expect(() => fromEpochDay(Number.NaN)).toThrow(RangeError);
    expect(() => addDays('2026-06-15', Number.POSITIVE_INFINITY)).toThrow('days must be an integer');
  });

  it('names the field of a malformed date in every function that reads one', () => {
    expect(() => toEpochDay('2026-02-30', 'conferenceDate')).toThrow(
      'conferenceDate must be a real calendar date',
    );
    expect(() => isoWeekday('2026-13-01')).toThrow('date must be a real calendar date');
    expect(() => addDays('x', 1, 'receivedOn')).toThrow('receivedOn must be a real calendar date');
    expect(() => addMonthsClamped('2026-02-30', 1, 'icpcDate')).toThrow(
      'icpcDate must be a real calendar date',
    );
  });

  it("calls the field 'date' when the caller does not name it", () => {
    for (const call of [
      () => toEpochDay('2026-02-30'),
      () => addDays('2026-02-30', 1),
      () => addMonthsClamped('2026-02-30', 1),
      () => yearOf('2026-02-30'),
    ]) {
      expect(call).toThrow(new InvalidDateError('date'));
      expect(call).toThrow('date must be a real calendar date in YYYY-MM-DD format');
    }
  });
});

describe('addMonthsClamped', () => {
  it('keeps the day of the month when it exists', () => {
    expect(addMonthsClamped('2026-05-30', 3)).toBe('2026-08-30');
    expect(addMonthsClamped('2026-11-15', 2)).toBe('2027-01-15');
    expect(addMonthsClamped('2026-03-15', -3)).toBe('2025-12-15');
    expect(addMonthsClamped('2026-03-15', 0)).toBe('2026-03-15');
    expect(addMonthsClamped('2026-03-15', 12)).toBe('2027-03-15');
  });

  it('clamps to the last day of a shorter month', () => {
    expect(addMonthsClamped('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsClamped('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsClamped('2026-03-31', 6)).toBe('2026-09-30');
    expect(addMonthsClamped('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonthsClamped('2026-05-31', -3)).toBe('2026-02-28');
  });

  it('reaches the first and last months it can name and refuses to go past them', () => {
    expect(addMonthsClamped('9999-11-30', 1)).toBe('9999-12-30');
    expect(addMonthsClamped('0001-02-15', -1)).toBe('0001-01-15');
    expect(() => addMonthsClamped('9999-12-15', 1)).toThrow('result is outside years 0001-9999');
    expect(() => addMonthsClamped('0001-01-15', -1)).toThrow('result is outside years 0001-9999');
  });

  it('refuses a number of months that is not a whole number', () => {
    expect(() => addMonthsClamped('2026-01-15', 1.5)).toThrow(new RangeError('months must be an integer'));
  });
});

describe('dateInLondon', () => {
  it('is the next day in London late on a summer evening UTC (BST, UTC+1)', () => {
    expect(dateInLondon(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(dateInLondon(new Date('2026-06-30T22:59:59Z'))).toBe('2026-06-30');
    expect(dateInLondon(new Date('2026-06-30T23:00:00Z'))).toBe('2026-07-01');
  });

  it('is the same day in winter (GMT, UTC+0)', () => {
    expect(dateInLondon(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
    expect(dateInLondon(new Date('2027-01-01T00:00:00Z'))).toBe('2027-01-01');
    expect(dateInLondon(new Date('2026-01-15T00:00:00Z'))).toBe('2026-01-15');
  });

  it('follows the clock changes (29 March and 25 October 2026, at 01:00 UTC)', () => {
    expect(dateInLondon(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-28'); // still GMT
    expect(dateInLondon(new Date('2026-03-29T23:30:00Z'))).toBe('2026-03-30'); // BST
    expect(dateInLondon(new Date('2026-10-24T23:30:00Z'))).toBe('2026-10-25'); // still BST
    expect(dateInLondon(new Date('2026-10-25T23:30:00Z'))).toBe('2026-10-25'); // GMT again
  });

  it('does not use the machine-local date (run the specs with TZ=Pacific/Auckland and TZ=America/Los_Angeles)', () => {
    // 13:00Z is 01:00 on 1 July in Auckland (UTC+12) but 14:00 on 30 June in London.
    expect(dateInLondon(new Date('2026-06-30T13:00:00Z'))).toBe('2026-06-30');
    // 06:30Z is 23:30 on 30 June in Los Angeles (UTC-7) but 07:30 on 1 July in London.
    expect(dateInLondon(new Date('2026-07-01T06:30:00Z'))).toBe('2026-07-01');
  });

  it('rejects an invalid Date', () => {
    expect(() => dateInLondon(new Date('not a date'))).toThrow(InvalidDateError);
    expect(() => dateInLondon(new Date(Number.NaN))).toThrow('instant must be');
  });

  it('rejects what is not a Date at all', () => {
    expect(() => dateInLondon('2026-01-01' as unknown as Date)).toThrow(InvalidDateError);
    expect(() => dateInLondon({ getTime: () => 0 } as unknown as Date)).toThrow(InvalidDateError);
  });

  it('reads instants of the years 0002 to 9998 and refuses those outside them', () => {
    expect(dateInLondon(new Date('0002-01-01T12:00:00Z'))).toBe('0002-01-01');
    expect(dateInLondon(new Date('9998-12-31T12:00:00Z'))).toBe('9998-12-31');
    expect(() => dateInLondon(new Date('0001-12-31T12:00:00Z'))).toThrow('instant must be');
    expect(() => dateInLondon(new Date('9999-01-01T12:00:00Z'))).toThrow('instant must be');
  });
});

describe('longDate', () => {
  it('writes a date in words, day without a leading zero', () => {
    expect(longDate('2026-11-23')).toBe('23 November 2026');
    expect(longDate('2027-02-05')).toBe('5 February 2027');
    expect(longDate('2024-02-29')).toBe('29 February 2024');
    expect(longDate('2030-12-31')).toBe('31 December 2030');
    expect(longDate('0001-01-01')).toBe('1 January 1');
  });

  it('refuses what is no date, naming the field and not the value', () => {
    expect(() => longDate('2026-02-30', 'dueDate')).toThrow(InvalidDateError);
    expect(() => longDate('23 November 2026', 'dueDate')).toThrow(/dueDate/);
    expect(() => longDate('2026-13-01')).not.toThrow(/2026-13-01/);
  });
});
