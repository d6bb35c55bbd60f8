import { addDays, dateInLondon, isIsoDate, type WorkingDayCalendar } from '../../../calendar';

/**
 * Free slots in a chair's diary: on working days (weekends, bank holidays of England and Wales and
 * local closure days left out), in office hours on a grid of `slotMinutes` from the start of the
 * day, from now up to and including a last date (the conference's due date), leaving out the
 * chair's absences, any time that overlaps an existing booking, and days on which the chair
 * already has the daily limit of bookings. Times are Europe/London wall-clock times, so a slot at
 * 09:30 is 09:30 GMT in winter and 08:30 UTC in summer.
 */

export interface SlotSettings {
  /** 'HH:MM', Europe/London. */
  officeHoursStart: string;
  officeHoursEnd: string;
  /** The grid slots start on, and the length of a conference unless told otherwise. */
  slotMinutes: number;
  /** Bookings a chair takes in one day at most. */
  dailyLimit: number;
}

export interface DiaryBooking {
  start: Date;
  end: Date;
}

export interface FreeSlotFacts {
  /** No slot starts before this instant. */
  now: Date;
  /** The last date (Europe/London, inclusive) a slot may fall on. */
  until: string;
  /** How long the conference lasts. */
  minutes: number;
  settings: SlotSettings;
  calendar: WorkingDayCalendar;
  /** The chair's absences (whole days, both ends included). */
  absences: readonly { from: string; to: string }[];
  /** The chair's bookings still standing (cancelled ones left out). */
  bookings: readonly DiaryBooking[];
}

export interface FreeSlot {
  start: Date;
  end: Date;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MINUTE_MS = 60_000;

/** Minutes after midnight of an 'HH:MM' time; undefined when it is not one. */
export function minutesOfDay(time: string): number | undefined {
  const match = HH_MM.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

const LONDON_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** Minutes London is ahead of UTC at an instant: 0 in GMT, 60 in BST. */
function londonOffsetMinutes(instant: number): number {
  const parts = Object.fromEntries(
    LONDON_PARTS.formatToParts(new Date(instant)).map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
  );
  return Math.round((wall - Math.floor(instant / MINUTE_MS) * MINUTE_MS) / MINUTE_MS);
}

/**
 * The instant a Europe/London wall-clock time happens on a date. Office hours never fall in the
 * hour the clocks skip or repeat (01:00-02:00), where a wall-clock time has no or two instants.
 */
export function londonTime(date: string, minutesAfterMidnight: number): Date {
  if (!isIsoDate(date)) throw new RangeError('date must be YYYY-MM-DD');
  const [year, month, day] = date.split('-').map(Number);
  const asIfUtc = Date.UTC(year, month - 1, day, 0, minutesAfterMidnight);
  const guess = asIfUtc - londonOffsetMinutes(asIfUtc) * MINUTE_MS;
  return new Date(asIfUtc - londonOffsetMinutes(guess) * MINUTE_MS);
}

/** Why a slot query cannot be answered; the API turns these into 400s naming the field. */
export function slotQueryProblems(
  settings: SlotSettings,
  minutes: number,
): { field: string; message: string }[] {
  const start = minutesOfDay(settings.officeHoursStart);
  const end = minutesOfDay(settings.officeHoursEnd);
  if (start === undefined || end === undefined || end <= start) {
    return [{ field: 'officeHours', message: 'office hours must be HH:MM with the end after the start' }];
  }
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > end - start) {
    return [
      {
        field: 'minutes',
        message: `minutes must be a whole number from 1 to the ${end - start} minutes of office hours`,
      },
    ];
  }
  return [];
}

/** Every free slot, earliest first. */
export function freeSlots(facts: FreeSlotFacts): FreeSlot[] {
  const { settings, calendar, minutes } = facts;
  const problems = slotQueryProblems(settings, minutes);
  if (problems.length > 0) throw new RangeError(problems[0].message);
  const dayStart = minutesOfDay(settings.officeHoursStart)!;
  const dayEnd = minutesOfDay(settings.officeHoursEnd)!;
  const bookingsByDay = new Map<string, DiaryBooking[]>();
  for (const booking of facts.bookings) {
    const day = dateInLondon(booking.start);
    bookingsByDay.set(day, [...(bookingsByDay.get(day) ?? []), booking]);
  }
  const slots: FreeSlot[] = [];
  for (let day = dateInLondon(facts.now); day <= facts.until; day = addDays(day, 1)) {
    if (!calendar.isWorkingDay(day)) continue;
    if (facts.absences.some((absence) => absence.from <= day && day <= absence.to)) continue;
    if ((bookingsByDay.get(day)?.length ?? 0) >= settings.dailyLimit) continue;
    for (let offset = dayStart; offset + minutes <= dayEnd; offset += settings.slotMinutes) {
      const start = londonTime(day, offset);
      const end = new Date(start.getTime() + minutes * MINUTE_MS);
      if (start < facts.now) continue;
      // A booking that runs over midnight or started the day before still blocks the time it holds.
      if (facts.bookings.some((booking) => booking.start < end && start < booking.end)) continue;
      slots.push({ start, end });
    }
  }
  return slots;
}
