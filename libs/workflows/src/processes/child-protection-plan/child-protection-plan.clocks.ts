import { dateInLondon, WorkingDayCalendar } from '../../calendar';
import type { StatutorySettings } from '../../settings';
import {
  coreGroupDueDate,
  earlyReviewDueDate,
  firstReviewDueDate,
  nextReviewDueDate,
} from '../conference/rules';
import type { PlanFigures } from './child-protection-plan.context';

/** Every call the plan makes into the timescale rules (conference/rules/timescales.ts), in one place. */

export function planFigures(settings: StatutorySettings, localClosureDays: readonly string[]): PlanFigures {
  return {
    firstReviewMonths: settings.firstReviewMonths,
    subsequentReviewMonths: settings.subsequentReviewMonths,
    coreGroupWorkingDays: settings.coreGroupWorkingDays,
    postBirthReviewWorkingDays: settings.postBirthReviewWorkingDays,
    earlyReviewWorkingDays: settings.earlyReviewWorkingDays,
    localClosureDays: [...localClosureDays],
  };
}

const calendars = new Map<string, WorkingDayCalendar>();

export function planCalendar(figures: Pick<PlanFigures, 'localClosureDays'>): WorkingDayCalendar {
  const key = figures.localClosureDays.join(',');
  let calendar = calendars.get(key);
  if (!calendar) {
    if (calendars.size > 50) calendars.clear();
    calendar = new WorkingDayCalendar({ extraClosureDays: figures.localClosureDays });
    calendars.set(key, calendar);
  }
  return calendar;
}

export const londonDateOf = (instant: string): string => dateInLondon(new Date(instant));

/** The first review: an early review after an exceptional quorum, else within firstReviewMonths (month rule). */
export function planFirstReviewDueDate(conferenceDate: string, early: boolean, figures: PlanFigures): string {
  const calendar = planCalendar(figures);
  return early
    ? earlyReviewDueDate(conferenceDate, figures, calendar)
    : firstReviewDueDate(conferenceDate, figures, calendar);
}

/** After a review: within subsequentReviewMonths of it, or an early review when it was exceptional. */
export function planNextReviewDueDate(reviewDate: string, early: boolean, figures: PlanFigures): string {
  const calendar = planCalendar(figures);
  return early
    ? earlyReviewDueDate(reviewDate, figures, calendar)
    : nextReviewDueDate(reviewDate, figures, calendar);
}

export function planCoreGroupDueDate(conferenceDate: string, figures: PlanFigures): string {
  return coreGroupDueDate(conferenceDate, figures, planCalendar(figures));
}

export function isPlanWorkingDay(date: string, figures: PlanFigures): boolean {
  return planCalendar(figures).isWorkingDay(date);
}
