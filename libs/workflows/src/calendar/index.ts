// Public API of the working-day calendar (pure TypeScript, no framework imports).
export {
  InvalidDateError,
  parseIsoDate,
  longDate,
  isIsoDate,
  dateInLondon,
  addDays,
  addMonthsClamped,
  isoWeekday,
} from './local-date';
export { londonMidnight, nextDay } from './london-time';
export { WorkingDayCalendar, CalendarRangeError } from './working-day-calendar';
export type { WorkingDayCalendarOptions } from './working-day-calendar';
export {
  BANK_HOLIDAYS_ENGLAND_AND_WALES,
  BANK_HOLIDAYS_FIRST_YEAR,
  BANK_HOLIDAYS_LAST_YEAR,
  BANK_HOLIDAYS_SOURCE,
} from './bank-holidays.england-and-wales';
export type { BankHoliday } from './bank-holidays.england-and-wales';
