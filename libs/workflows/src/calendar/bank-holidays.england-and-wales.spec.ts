import { generateBankHolidays } from './bank-holiday-rules';
import {
  BANK_HOLIDAYS_ENGLAND_AND_WALES,
  BANK_HOLIDAYS_FIRST_YEAR,
  BANK_HOLIDAYS_LAST_YEAR,
  BANK_HOLIDAYS_SOURCE,
} from './bank-holidays.england-and-wales';
import { isIsoDate } from './local-date';

const YEARS: number[] = [];
for (let year = BANK_HOLIDAYS_FIRST_YEAR; year <= BANK_HOLIDAYS_LAST_YEAR; year += 1) YEARS.push(year);

const inYear = (year: number) => BANK_HOLIDAYS_ENGLAND_AND_WALES.filter((h) => h.date.startsWith(`${year}-`));

describe('bank-holidays.england-and-wales data file', () => {
  it('covers 2000 to 2030 inclusive', () => {
    expect(BANK_HOLIDAYS_FIRST_YEAR).toBe(2000);
    expect(BANK_HOLIDAYS_LAST_YEAR).toBe(2030);
    expect(BANK_HOLIDAYS_ENGLAND_AND_WALES[0]?.date).toBe('2000-01-03');
    expect(BANK_HOLIDAYS_ENGLAND_AND_WALES[BANK_HOLIDAYS_ENGLAND_AND_WALES.length - 1]?.date).toBe(
      '2030-12-26',
    );
  });

  it.each(YEARS)('%i equals the statutory rules plus the one-off changes', (year) => {
    expect(inYear(year)).toEqual(generateBankHolidays(year));
  });

  it('holds nothing outside the covered years', () => {
    const covered = YEARS.reduce((n, year) => n + inYear(year).length, 0);
    expect(covered).toBe(BANK_HOLIDAYS_ENGLAND_AND_WALES.length);
  });

  it('is sorted, free of duplicates, valid ISO dates, all on weekdays', () => {
    const dates = BANK_HOLIDAYS_ENGLAND_AND_WALES.map((h) => h.date);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
    for (const holiday of BANK_HOLIDAYS_ENGLAND_AND_WALES) {
      expect(isIsoDate(holiday.date)).toBe(true);
      expect(holiday.name.length).toBeGreaterThan(0);
      const weekday = new Date(`${holiday.date}T00:00:00Z`).getUTCDay();
      expect(weekday).toBeGreaterThanOrEqual(1);
      expect(weekday).toBeLessThanOrEqual(5);
    }
  });

  it('has eight holidays a year, except the years with extra ones', () => {
    const extra: Record<number, number> = { 2002: 9, 2011: 9, 2012: 9, 2022: 10, 2023: 9 };
    for (const year of YEARS) expect([year, inYear(year).length]).toEqual([year, extra[year] ?? 8]);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(BANK_HOLIDAYS_ENGLAND_AND_WALES)).toBe(true);
  });

  it('states its source', () => {
    expect(BANK_HOLIDAYS_SOURCE).toContain('GOV.UK');
    expect(BANK_HOLIDAYS_SOURCE).toContain('2000-2030');
  });

  // Dates transcribed by hand from copies of GOV.UK's https://www.gov.uk/bank-holidays.json
  // (england-and-wales division), independent of the generator.
  const GOV_UK: Record<number, readonly string[]> = {
    2012: ['01-02', '04-06', '04-09', '05-07', '06-04', '06-05', '08-27', '12-25', '12-26'],
    2013: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
    2014: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
    2015: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
    2016: ['01-01', '03-25', '03-28', '05-02', '05-30', '08-29', '12-26', '12-27'],
    2019: ['01-01', '04-19', '04-22', '05-06', '05-27', '08-26', '12-25', '12-26'],
    2020: ['01-01', '04-10', '04-13', '05-08', '05-25', '08-31', '12-25', '12-28'],
    2021: ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28'],
    2022: ['01-03', '04-15', '04-18', '05-02', '06-02', '06-03', '08-29', '09-19', '12-26', '12-27'],
    2023: ['01-02', '04-07', '04-10', '05-01', '05-08', '05-29', '08-28', '12-25', '12-26'],
    2024: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
    2025: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
    2026: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
    2027: ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28'],
  };

  it.each(Object.keys(GOV_UK).map(Number))("%i matches GOV.UK's published list", (year) => {
    const expected = (GOV_UK[year] ?? []).map((monthDay) => `${year}-${monthDay}`);
    expect(inYear(year).map((h) => h.date)).toEqual(expected);
  });
});
