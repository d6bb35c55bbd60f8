import {
  BANK_HOLIDAY_ONE_OFF_CHANGES,
  easterSunday,
  firstMondayOf,
  generateBankHolidays,
  generateStatutoryBankHolidays,
  lastMondayOf,
} from './bank-holiday-rules';

describe('easterSunday (anonymous Gregorian computus)', () => {
  // Published Easter Sunday dates (Church of England / standard tables).
  const EASTER: ReadonlyArray<readonly [number, string]> = [
    [2000, '2000-04-23'],
    [2001, '2001-04-15'],
    [2002, '2002-03-31'],
    [2003, '2003-04-20'],
    [2004, '2004-04-11'],
    [2005, '2005-03-27'],
    [2006, '2006-04-16'],
    [2007, '2007-04-08'],
    [2008, '2008-03-23'],
    [2009, '2009-04-12'],
    [2010, '2010-04-04'],
    [2011, '2011-04-24'],
    [2012, '2012-04-08'],
    [2013, '2013-03-31'],
    [2014, '2014-04-20'],
    [2015, '2015-04-05'],
    [2016, '2016-03-27'],
    [2017, '2017-04-16'],
    [2018, '2018-04-01'],
    [2019, '2019-04-21'],
    [2020, '2020-04-12'],
    [2021, '2021-04-04'],
    [2022, '2022-04-17'],
    [2023, '2023-04-09'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
  ];

  it.each(EASTER)('Easter %i is %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it('handles the extreme dates 22 March and 25 April', () => {
    expect(easterSunday(1818)).toBe('1818-03-22');
    expect(easterSunday(2285)).toBe('2285-03-22');
    expect(easterSunday(1943)).toBe('1943-04-25');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it('gets the years right in which the computus corrects its epact (m = 1), checked against dateutil.easter', () => {
    expect(easterSunday(1954)).toBe('1954-04-18');
    expect(easterSunday(1981)).toBe('1981-04-19');
    expect(easterSunday(2049)).toBe('2049-04-18');
    expect(easterSunday(2076)).toBe('2076-04-19');
  });

  it('refuses years outside the Gregorian calendar', () => {
    expect(() => easterSunday(1582)).toThrow(RangeError);
    expect(() => easterSunday(2026.5)).toThrow(RangeError);
    expect(() => easterSunday(10000)).toThrow(
      'year must be an integer from 1583 to 9999 for the Gregorian computus',
    );
  });

  it('computes the first and the last years it takes (checked against dateutil.easter)', () => {
    expect(easterSunday(1583)).toBe('1583-04-10');
    expect(easterSunday(9999)).toBe('9999-03-28');
  });
});

describe('first and last Mondays', () => {
  it('finds them whatever weekday the month starts on', () => {
    expect(firstMondayOf(2026, 5)).toBe('2026-05-04'); // 1 May 2026 is a Friday
    expect(firstMondayOf(2023, 5)).toBe('2023-05-01'); // 1 May 2023 is a Monday
    expect(lastMondayOf(2026, 5)).toBe('2026-05-25'); // 31 May 2026 is a Sunday
    expect(lastMondayOf(2027, 5)).toBe('2027-05-31'); // 31 May 2027 is a Monday
    expect(lastMondayOf(2026, 8)).toBe('2026-08-31');
    expect(lastMondayOf(2025, 8)).toBe('2025-08-25');
  });
});

describe('generateStatutoryBankHolidays', () => {
  const dates = (year: number): string[] => generateStatutoryBankHolidays(year).map((h) => h.date);

  it('gives the eight holidays of an ordinary year (2026)', () => {
    expect(generateStatutoryBankHolidays(2026)).toEqual([
      { date: '2026-01-01', name: "New Year's Day" },
      { date: '2026-04-03', name: 'Good Friday' },
      { date: '2026-04-06', name: 'Easter Monday' },
      { date: '2026-05-04', name: 'Early May bank holiday' },
      { date: '2026-05-25', name: 'Spring bank holiday' },
      { date: '2026-08-31', name: 'Summer bank holiday' },
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-28', name: 'Boxing Day (substitute day)' }, // 26 Dec 2026 is a Saturday
    ]);
  });

  it('puts Good Friday and Easter Monday in March when Easter is in March', () => {
    expect(dates(2016)).toEqual(expect.arrayContaining(['2016-03-25', '2016-03-28']));
    expect(dates(2024)).toEqual(expect.arrayContaining(['2024-03-29', '2024-04-01']));
  });

  it('puts them in April when Easter is in April', () => {
    expect(dates(2025)).toEqual(expect.arrayContaining(['2025-04-18', '2025-04-21']));
    expect(dates(2026)).toEqual(expect.arrayContaining(['2026-04-03', '2026-04-06']));
  });

  it('Christmas on a Saturday: Monday 27 and Tuesday 28 December (2021)', () => {
    const holidays = generateStatutoryBankHolidays(2021);
    expect(holidays.filter((h) => h.date.startsWith('2021-12'))).toEqual([
      { date: '2021-12-27', name: 'Christmas Day (substitute day)' },
      { date: '2021-12-28', name: 'Boxing Day (substitute day)' },
    ]);
  });

  it('Christmas on a Sunday: Boxing Day Monday 26, Christmas substitute Tuesday 27 (2022, 2016)', () => {
    for (const year of [2022, 2016]) {
      expect(generateStatutoryBankHolidays(year).filter((h) => h.date.startsWith(`${year}-12`))).toEqual([
        { date: `${year}-12-26`, name: 'Boxing Day' },
        { date: `${year}-12-27`, name: 'Christmas Day (substitute day)' },
      ]);
    }
  });

  it('Boxing Day on a Saturday: Monday 28 December (2020)', () => {
    expect(dates(2020)).toEqual(expect.arrayContaining(['2020-12-25', '2020-12-28']));
    expect(dates(2020)).not.toContain('2020-12-26');
  });

  it("New Year's Day on a Saturday moves to Monday 3 January (2022), on a Sunday to Monday 2 January (2023)", () => {
    expect(generateStatutoryBankHolidays(2022)[0]).toEqual({
      date: '2022-01-03',
      name: "New Year's Day (substitute day)",
    });
    expect(generateStatutoryBankHolidays(2023)[0]).toEqual({
      date: '2023-01-02',
      name: "New Year's Day (substitute day)",
    });
    expect(generateStatutoryBankHolidays(2000)[0]).toEqual({
      date: '2000-01-03',
      name: "New Year's Day (substitute day)",
    });
  });

  it('always gives eight weekday holidays within the year, sorted', () => {
    for (let year = 1978; year <= 2100; year += 1) {
      const list = dates(year);
      expect(list).toHaveLength(8);
      expect(new Set(list).size).toBe(8);
      expect([...list].sort()).toEqual(list);
      for (const date of list) {
        expect(date.startsWith(`${year}-`)).toBe(true);
        const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
        expect(weekday).not.toBe(0);
        expect(weekday).not.toBe(6);
      }
    }
  });

  it('refuses years before the modern rules, after 9999, and fractions of one', () => {
    expect(() => generateStatutoryBankHolidays(1977)).toThrow(RangeError);
    for (const year of [1977, 10000, 2026.5]) {
      expect(() => generateStatutoryBankHolidays(year)).toThrow(
        'year must be an integer from 1978 to 9999 for the England and Wales bank holiday rules',
      );
    }
  });

  it('takes the first year of the modern rules and the last year it can name', () => {
    expect(generateStatutoryBankHolidays(1978)).toHaveLength(8);
    expect(generateStatutoryBankHolidays(1978)[0]).toEqual({
      date: '1978-01-02',
      name: "New Year's Day (substitute day)",
    });
    expect(generateStatutoryBankHolidays(9999)).toHaveLength(8);
  });
});

describe('generateBankHolidays (rules + one-off changes)', () => {
  it('applies every one-off change', () => {
    const dates = (year: number): string[] => generateBankHolidays(year).map((h) => h.date);
    expect(dates(2002)).toEqual(expect.arrayContaining(['2002-06-03', '2002-06-04']));
    expect(dates(2002)).not.toContain('2002-05-27');
    expect(dates(2011)).toContain('2011-04-29');
    expect(dates(2012)).toEqual(expect.arrayContaining(['2012-06-04', '2012-06-05']));
    expect(dates(2012)).not.toContain('2012-05-28');
    expect(dates(2020)).toContain('2020-05-08');
    expect(dates(2020)).not.toContain('2020-05-04');
    expect(dates(2022)).toEqual(expect.arrayContaining(['2022-06-02', '2022-06-03', '2022-09-19']));
    expect(dates(2022)).not.toContain('2022-05-30');
    expect(dates(2023)).toEqual(expect.arrayContaining(['2023-05-01', '2023-05-08']));
  });

  it('leaves other years as the rules give them', () => {
    expect(generateBankHolidays(2026)).toEqual(generateStatutoryBankHolidays(2026));
  });

  it('fails loudly on a change that removes a day that is not a holiday', () => {
    const bad = [{ reason: 'typo', remove: '2026-05-26', add: [] }];
    expect(() => generateBankHolidays(2026, bad)).toThrow('removes 2026-05-26');
  });

  it('fails loudly on a change that adds a day that already is a holiday', () => {
    const bad = [{ reason: 'duplicate', add: [{ date: '2026-12-25', name: 'Christmas again' }] }];
    expect(() => generateBankHolidays(2026, bad)).toThrow('adds 2026-12-25');
  });

  it('may remove the first holiday of a year', () => {
    const change = { reason: 'New Year moved', remove: '2026-01-01', add: [] };
    expect(generateBankHolidays(2026, [change]).map((h) => h.date)).toEqual(
      generateStatutoryBankHolidays(2026)
        .map((h) => h.date)
        .filter((date) => date !== '2026-01-01'),
    );
  });

  it('says why each one-off change was made (its error messages quote it)', () => {
    for (const change of BANK_HOLIDAY_ONE_OFF_CHANGES) expect(change.reason).toMatch(/^[A-Z0-9][^:]+: .{10,}/);
  });

  it('keeps every one-off change on a weekday', () => {
    for (const change of BANK_HOLIDAY_ONE_OFF_CHANGES) {
      for (const added of change.add) {
        const weekday = new Date(`${added.date}T00:00:00Z`).getUTCDay();
        expect([1, 2, 3, 4, 5]).toContain(weekday);
      }
    }
  });
});
