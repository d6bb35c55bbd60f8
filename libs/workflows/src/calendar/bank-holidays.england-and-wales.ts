/**
 * Bank holidays in England and Wales, 2000 to 2030 inclusive: the explicit list the
 * working-day calendar reads. Review changes to this file line by line.
 *
 * Produced by running `generateStatutoryBankHolidays` (bank-holiday-rules.ts) for each
 * year and pasting the output, then overlaying the one-off changes by hand (each marked
 * "one-off" below). `bank-holidays.england-and-wales.spec.ts` checks that every year here
 * equals the generator's rules plus `BANK_HOLIDAY_ONE_OFF_CHANGES`, and that 2012-2016
 * and 2019-2027 match GOV.UK's published list.
 *
 * When the Government announces a change (a moved or extra holiday), add it here AND to
 * `BANK_HOLIDAY_ONE_OFF_CHANGES`. To cover another year, generate it, paste it here, and
 * raise `BANK_HOLIDAYS_LAST_YEAR`. Dates outside the covered years are refused by the
 * calendar rather than treated as having no holidays.
 */

/** A bank holiday: an ISO date (`YYYY-MM-DD`, Europe/London calendar date) and its name. */
export interface BankHoliday {
  readonly date: string;
  readonly name: string;
}

export const BANK_HOLIDAYS_FIRST_YEAR = 2000;
export const BANK_HOLIDAYS_LAST_YEAR = 2030;

export const BANK_HOLIDAYS_SOURCE =
  "Bank holidays of England and Wales, 2000-2030 inclusive. Follows GOV.UK's published " +
  'England-and-Wales list (https://www.gov.uk/bank-holidays, as of 2026-11; the spec checks ' +
  '2012-2016 and 2019-2027 against copies of that list). Generated from the ' +
  "statutory rules (New Year's Day, Good Friday, Easter Monday, first Monday of May, last Monday " +
  'of May, last Monday of August, Christmas Day, Boxing Day, with weekend substitute days) with ' +
  'the one-off changes overlaid: 2002-06-03/04 (Golden Jubilee; spring bank holiday moved from ' +
  '27 May), 2011-04-29 (royal wedding), 2012-06-04/05 (spring bank holiday moved from 28 May; ' +
  'Diamond Jubilee), 2020-05-08 (early May moved from 4 May for VE day), 2022-06-02/03 (spring ' +
  'bank holiday moved from 30 May; Platinum Jubilee), 2022-09-19 (state funeral of Queen ' +
  'Elizabeth II), 2023-05-08 (coronation of King Charles III). Years from 2028 are the statutory ' +
  'rules projected forward: re-check them against GOV.UK as it publishes them and add any one-off ' +
  'change by hand.';

export const BANK_HOLIDAYS_ENGLAND_AND_WALES: readonly BankHoliday[] = Object.freeze([
  // 2000
  { date: '2000-01-03', name: "New Year's Day (substitute day)" },
  { date: '2000-04-21', name: 'Good Friday' },
  { date: '2000-04-24', name: 'Easter Monday' },
  { date: '2000-05-01', name: 'Early May bank holiday' },
  { date: '2000-05-29', name: 'Spring bank holiday' },
  { date: '2000-08-28', name: 'Summer bank holiday' },
  { date: '2000-12-25', name: 'Christmas Day' },
  { date: '2000-12-26', name: 'Boxing Day' },
  // 2001
  { date: '2001-01-01', name: "New Year's Day" },
  { date: '2001-04-13', name: 'Good Friday' },
  { date: '2001-04-16', name: 'Easter Monday' },
  { date: '2001-05-07', name: 'Early May bank holiday' },
  { date: '2001-05-28', name: 'Spring bank holiday' },
  { date: '2001-08-27', name: 'Summer bank holiday' },
  { date: '2001-12-25', name: 'Christmas Day' },
  { date: '2001-12-26', name: 'Boxing Day' },
  // 2002
  { date: '2002-01-01', name: "New Year's Day" },
  { date: '2002-03-29', name: 'Good Friday' },
  { date: '2002-04-01', name: 'Easter Monday' },
  { date: '2002-05-06', name: 'Early May bank holiday' },
  // one-off: spring bank holiday moved from Mon 27 May to Tue 4 Jun; Golden Jubilee Mon 3 Jun
  { date: '2002-06-03', name: 'Golden Jubilee bank holiday' },
  { date: '2002-06-04', name: 'Spring bank holiday' },
  { date: '2002-08-26', name: 'Summer bank holiday' },
  { date: '2002-12-25', name: 'Christmas Day' },
  { date: '2002-12-26', name: 'Boxing Day' },
  // 2003
  { date: '2003-01-01', name: "New Year's Day" },
  { date: '2003-04-18', name: 'Good Friday' },
  { date: '2003-04-21', name: 'Easter Monday' },
  { date: '2003-05-05', name: 'Early May bank holiday' },
  { date: '2003-05-26', name: 'Spring bank holiday' },
  { date: '2003-08-25', name: 'Summer bank holiday' },
  { date: '2003-12-25', name: 'Christmas Day' },
  { date: '2003-12-26', name: 'Boxing Day' },
  // 2004
  { date: '2004-01-01', name: "New Year's Day" },
  { date: '2004-04-09', name: 'Good Friday' },
  { date: '2004-04-12', name: 'Easter Monday' },
  { date: '2004-05-03', name: 'Early May bank holiday' },
  { date: '2004-05-31', name: 'Spring bank holiday' },
  { date: '2004-08-30', name: 'Summer bank holiday' },
  { date: '2004-12-27', name: 'Christmas Day (substitute day)' },
  { date: '2004-12-28', name: 'Boxing Day (substitute day)' },
  // 2005
  { date: '2005-01-03', name: "New Year's Day (substitute day)" },
  { date: '2005-03-25', name: 'Good Friday' },
  { date: '2005-03-28', name: 'Easter Monday' },
  { date: '2005-05-02', name: 'Early May bank holiday' },
  { date: '2005-05-30', name: 'Spring bank holiday' },
  { date: '2005-08-29', name: 'Summer bank holiday' },
  { date: '2005-12-26', name: 'Boxing Day' },
  { date: '2005-12-27', name: 'Christmas Day (substitute day)' },
  // 2006
  { date: '2006-01-02', name: "New Year's Day (substitute day)" },
  { date: '2006-04-14', name: 'Good Friday' },
  { date: '2006-04-17', name: 'Easter Monday' },
  { date: '2006-05-01', name: 'Early May bank holiday' },
  { date: '2006-05-29', name: 'Spring bank holiday' },
  { date: '2006-08-28', name: 'Summer bank holiday' },
  { date: '2006-12-25', name: 'Christmas Day' },
  { date: '2006-12-26', name: 'Boxing Day' },
  // 2007
  { date: '2007-01-01', name: "New Year's Day" },
  { date: '2007-04-06', name: 'Good Friday' },
  { date: '2007-04-09', name: 'Easter Monday' },
  { date: '2007-05-07', name: 'Early May bank holiday' },
  { date: '2007-05-28', name: 'Spring bank holiday' },
  { date: '2007-08-27', name: 'Summer bank holiday' },
  { date: '2007-12-25', name: 'Christmas Day' },
  { date: '2007-12-26', name: 'Boxing Day' },
  // 2008
  { date: '2008-01-01', name: "New Year's Day" },
  { date: '2008-03-21', name: 'Good Friday' },
  { date: '2008-03-24', name: 'Easter Monday' },
  { date: '2008-05-05', name: 'Early May bank holiday' },
  { date: '2008-05-26', name: 'Spring bank holiday' },
  { date: '2008-08-25', name: 'Summer bank holiday' },
  { date: '2008-12-25', name: 'Christmas Day' },
  { date: '2008-12-26', name: 'Boxing Day' },
  // 2009
  { date: '2009-01-01', name: "New Year's Day" },
  { date: '2009-04-10', name: 'Good Friday' },
  { date: '2009-04-13', name: 'Easter Monday' },
  { date: '2009-05-04', name: 'Early May bank holiday' },
  { date: '2009-05-25', name: 'Spring bank holiday' },
  { date: '2009-08-31', name: 'Summer bank holiday' },
  { date: '2009-12-25', name: 'Christmas Day' },
  { date: '2009-12-28', name: 'Boxing Day (substitute day)' },
  // 2010
  { date: '2010-01-01', name: "New Year's Day" },
  { date: '2010-04-02', name: 'Good Friday' },
  { date: '2010-04-05', name: 'Easter Monday' },
  { date: '2010-05-03', name: 'Early May bank holiday' },
  { date: '2010-05-31', name: 'Spring bank holiday' },
  { date: '2010-08-30', name: 'Summer bank holiday' },
  { date: '2010-12-27', name: 'Christmas Day (substitute day)' },
  { date: '2010-12-28', name: 'Boxing Day (substitute day)' },
  // 2011
  { date: '2011-01-03', name: "New Year's Day (substitute day)" },
  { date: '2011-04-22', name: 'Good Friday' },
  { date: '2011-04-25', name: 'Easter Monday' },
  // one-off: royal wedding, Fri 29 Apr
  { date: '2011-04-29', name: 'Royal wedding bank holiday' },
  { date: '2011-05-02', name: 'Early May bank holiday' },
  { date: '2011-05-30', name: 'Spring bank holiday' },
  { date: '2011-08-29', name: 'Summer bank holiday' },
  { date: '2011-12-26', name: 'Boxing Day' },
  { date: '2011-12-27', name: 'Christmas Day (substitute day)' },
  // 2012
  { date: '2012-01-02', name: "New Year's Day (substitute day)" },
  { date: '2012-04-06', name: 'Good Friday' },
  { date: '2012-04-09', name: 'Easter Monday' },
  { date: '2012-05-07', name: 'Early May bank holiday' },
  // one-off: spring bank holiday moved from Mon 28 May to Mon 4 Jun; Diamond Jubilee Tue 5 Jun
  { date: '2012-06-04', name: 'Spring bank holiday' },
  { date: '2012-06-05', name: 'Diamond Jubilee bank holiday' },
  { date: '2012-08-27', name: 'Summer bank holiday' },
  { date: '2012-12-25', name: 'Christmas Day' },
  { date: '2012-12-26', name: 'Boxing Day' },
  // 2013
  { date: '2013-01-01', name: "New Year's Day" },
  { date: '2013-03-29', name: 'Good Friday' },
  { date: '2013-04-01', name: 'Easter Monday' },
  { date: '2013-05-06', name: 'Early May bank holiday' },
  { date: '2013-05-27', name: 'Spring bank holiday' },
  { date: '2013-08-26', name: 'Summer bank holiday' },
  { date: '2013-12-25', name: 'Christmas Day' },
  { date: '2013-12-26', name: 'Boxing Day' },
  // 2014
  { date: '2014-01-01', name: "New Year's Day" },
  { date: '2014-04-18', name: 'Good Friday' },
  { date: '2014-04-21', name: 'Easter Monday' },
  { date: '2014-05-05', name: 'Early May bank holiday' },
  { date: '2014-05-26', name: 'Spring bank holiday' },
  { date: '2014-08-25', name: 'Summer bank holiday' },
  { date: '2014-12-25', name: 'Christmas Day' },
  { date: '2014-12-26', name: 'Boxing Day' },
  // 2015
  { date: '2015-01-01', name: "New Year's Day" },
  { date: '2015-04-03', name: 'Good Friday' },
  { date: '2015-04-06', name: 'Easter Monday' },
  { date: '2015-05-04', name: 'Early May bank holiday' },
  { date: '2015-05-25', name: 'Spring bank holiday' },
  { date: '2015-08-31', name: 'Summer bank holiday' },
  { date: '2015-12-25', name: 'Christmas Day' },
  { date: '2015-12-28', name: 'Boxing Day (substitute day)' },
  // 2016
  { date: '2016-01-01', name: "New Year's Day" },
  { date: '2016-03-25', name: 'Good Friday' },
  { date: '2016-03-28', name: 'Easter Monday' },
  { date: '2016-05-02', name: 'Early May bank holiday' },
  { date: '2016-05-30', name: 'Spring bank holiday' },
  { date: '2016-08-29', name: 'Summer bank holiday' },
  { date: '2016-12-26', name: 'Boxing Day' },
  { date: '2016-12-27', name: 'Christmas Day (substitute day)' },
  // 2017
  { date: '2017-01-02', name: "New Year's Day (substitute day)" },
  { date: '2017-04-14', name: 'Good Friday' },
  { date: '2017-04-17', name: 'Easter Monday' },
  { date: '2017-05-01', name: 'Early May bank holiday' },
  { date: '2017-05-29', name: 'Spring bank holiday' },
  { date: '2017-08-28', name: 'Summer bank holiday' },
  { date: '2017-12-25', name: 'Christmas Day' },
  { date: '2017-12-26', name: 'Boxing Day' },
  // 2018
  { date: '2018-01-01', name: "New Year's Day" },
  { date: '2018-03-30', name: 'Good Friday' },
  { date: '2018-04-02', name: 'Easter Monday' },
  { date: '2018-05-07', name: 'Early May bank holiday' },
  { date: '2018-05-28', name: 'Spring bank holiday' },
  { date: '2018-08-27', name: 'Summer bank holiday' },
  { date: '2018-12-25', name: 'Christmas Day' },
  { date: '2018-12-26', name: 'Boxing Day' },
  // 2019
  { date: '2019-01-01', name: "New Year's Day" },
  { date: '2019-04-19', name: 'Good Friday' },
  { date: '2019-04-22', name: 'Easter Monday' },
  { date: '2019-05-06', name: 'Early May bank holiday' },
  { date: '2019-05-27', name: 'Spring bank holiday' },
  { date: '2019-08-26', name: 'Summer bank holiday' },
  { date: '2019-12-25', name: 'Christmas Day' },
  { date: '2019-12-26', name: 'Boxing Day' },
  // 2020
  { date: '2020-01-01', name: "New Year's Day" },
  { date: '2020-04-10', name: 'Good Friday' },
  { date: '2020-04-13', name: 'Easter Monday' },
  // one-off: early May bank holiday moved from Mon 4 May to Fri 8 May (75th anniversary of VE day)
  { date: '2020-05-08', name: 'Early May bank holiday (VE day)' },
  { date: '2020-05-25', name: 'Spring bank holiday' },
  { date: '2020-08-31', name: 'Summer bank holiday' },
  { date: '2020-12-25', name: 'Christmas Day' },
  { date: '2020-12-28', name: 'Boxing Day (substitute day)' },
  // 2021
  { date: '2021-01-01', name: "New Year's Day" },
  { date: '2021-04-02', name: 'Good Friday' },
  { date: '2021-04-05', name: 'Easter Monday' },
  { date: '2021-05-03', name: 'Early May bank holiday' },
  { date: '2021-05-31', name: 'Spring bank holiday' },
  { date: '2021-08-30', name: 'Summer bank holiday' },
  { date: '2021-12-27', name: 'Christmas Day (substitute day)' },
  { date: '2021-12-28', name: 'Boxing Day (substitute day)' },
  // 2022
  { date: '2022-01-03', name: "New Year's Day (substitute day)" },
  { date: '2022-04-15', name: 'Good Friday' },
  { date: '2022-04-18', name: 'Easter Monday' },
  { date: '2022-05-02', name: 'Early May bank holiday' },
  // one-off: spring bank holiday moved from Mon 30 May to Thu 2 Jun; Platinum Jubilee Fri 3 Jun
  { date: '2022-06-02', name: 'Spring bank holiday' },
  { date: '2022-06-03', name: 'Platinum Jubilee bank holiday' },
  { date: '2022-08-29', name: 'Summer bank holiday' },
  // one-off: state funeral of Queen Elizabeth II, Mon 19 Sep
  { date: '2022-09-19', name: 'Bank Holiday for the State Funeral of Queen Elizabeth II' },
  { date: '2022-12-26', name: 'Boxing Day' },
  { date: '2022-12-27', name: 'Christmas Day (substitute day)' },
  // 2023
  { date: '2023-01-02', name: "New Year's Day (substitute day)" },
  { date: '2023-04-07', name: 'Good Friday' },
  { date: '2023-04-10', name: 'Easter Monday' },
  { date: '2023-05-01', name: 'Early May bank holiday' },
  // one-off: coronation of King Charles III, Mon 8 May
  { date: '2023-05-08', name: 'Bank holiday for the coronation of King Charles III' },
  { date: '2023-05-29', name: 'Spring bank holiday' },
  { date: '2023-08-28', name: 'Summer bank holiday' },
  { date: '2023-12-25', name: 'Christmas Day' },
  { date: '2023-12-26', name: 'Boxing Day' },
  // 2024
  { date: '2024-01-01', name: "New Year's Day" },
  { date: '2024-03-29', name: 'Good Friday' },
  { date: '2024-04-01', name: 'Easter Monday' },
  { date: '2024-05-06', name: 'Early May bank holiday' },
  { date: '2024-05-27', name: 'Spring bank holiday' },
  { date: '2024-08-26', name: 'Summer bank holiday' },
  { date: '2024-12-25', name: 'Christmas Day' },
  { date: '2024-12-26', name: 'Boxing Day' },
  // 2025
  { date: '2025-01-01', name: "New Year's Day" },
  { date: '2025-04-18', name: 'Good Friday' },
  { date: '2025-04-21', name: 'Easter Monday' },
  { date: '2025-05-05', name: 'Early May bank holiday' },
  { date: '2025-05-26', name: 'Spring bank holiday' },
  { date: '2025-08-25', name: 'Summer bank holiday' },
  { date: '2025-12-25', name: 'Christmas Day' },
  { date: '2025-12-26', name: 'Boxing Day' },
  // 2026
  { date: '2026-01-01', name: "New Year's Day" },
  { date: '2026-04-03', name: 'Good Friday' },
  { date: '2026-04-06', name: 'Easter Monday' },
  { date: '2026-05-04', name: 'Early May bank holiday' },
  { date: '2026-05-25', name: 'Spring bank holiday' },
  { date: '2026-08-31', name: 'Summer bank holiday' },
  { date: '2026-12-25', name: 'Christmas Day' },
  { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
  // 2027
  { date: '2027-01-01', name: "New Year's Day" },
  { date: '2027-03-26', name: 'Good Friday' },
  { date: '2027-03-29', name: 'Easter Monday' },
  { date: '2027-05-03', name: 'Early May bank holiday' },
  { date: '2027-05-31', name: 'Spring bank holiday' },
  { date: '2027-08-30', name: 'Summer bank holiday' },
  { date: '2027-12-27', name: 'Christmas Day (substitute day)' },
  { date: '2027-12-28', name: 'Boxing Day (substitute day)' },
  // 2028
  { date: '2028-01-03', name: "New Year's Day (substitute day)" },
  { date: '2028-04-14', name: 'Good Friday' },
  { date: '2028-04-17', name: 'Easter Monday' },
  { date: '2028-05-01', name: 'Early May bank holiday' },
  { date: '2028-05-29', name: 'Spring bank holiday' },
  { date: '2028-08-28', name: 'Summer bank holiday' },
  { date: '2028-12-25', name: 'Christmas Day' },
  { date: '2028-12-26', name: 'Boxing Day' },
  // 2029
  { date: '2029-01-01', name: "New Year's Day" },
  { date: '2029-03-30', name: 'Good Friday' },
  { date: '2029-04-02', name: 'Easter Monday' },
  { date: '2029-05-07', name: 'Early May bank holiday' },
  { date: '2029-05-28', name: 'Spring bank holiday' },
  { date: '2029-08-27', name: 'Summer bank holiday' },
  { date: '2029-12-25', name: 'Christmas Day' },
  { date: '2029-12-26', name: 'Boxing Day' },
  // 2030
  { date: '2030-01-01', name: "New Year's Day" },
  { date: '2030-04-19', name: 'Good Friday' },
  { date: '2030-04-22', name: 'Easter Monday' },
  { date: '2030-05-06', name: 'Early May bank holiday' },
  { date: '2030-05-27', name: 'Spring bank holiday' },
  { date: '2030-08-26', name: 'Summer bank holiday' },
  { date: '2030-12-25', name: 'Christmas Day' },
  { date: '2030-12-26', name: 'Boxing Day' },
]);
