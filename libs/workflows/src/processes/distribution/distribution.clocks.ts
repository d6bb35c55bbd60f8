import { addDays, dateInLondon, WorkingDayCalendar } from '../../calendar';
import type { StatutorySettings } from '../../settings';
import type { DistributionFigures } from './distribution.context';

/**
 * Every date the machine computes, in one place: the clocks' anchors (each the due date itself,
 * the declarations counting 0 working days from it), a recipient's last day to ask for a
 * correction, and the last day a personal link opens.
 */

/** The figures the start carries, from the authority's settings and closure days. */
export function distributionFigures(
  settings: StatutorySettings,
  localClosureDays: readonly string[],
): DistributionFigures {
  return {
    decisionsDistributionWorkingDays: settings.decisionsDistributionWorkingDays,
    minutesDistributionWorkingDays: settings.minutesDistributionWorkingDays,
    minutesCorrectionsWorkingDays: settings.minutesCorrectionsWorkingDays,
    correctionAnswerWorkingDays: settings.correctionAnswerWorkingDays,
    personalLinkExpiryDays: settings.personalLinkExpiryDays,
    localClosureDays: [...localClosureDays],
  };
}

const calendars = new Map<string, WorkingDayCalendar>();

function calendarOf(figures: DistributionFigures): WorkingDayCalendar {
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

/** Decisions and outline plan to every invitee within decisionsDistributionWorkingDays of the conference. */
export const decisionsDueBy = (conferenceDate: string, figures: DistributionFigures) =>
  calendarOf(figures).addWorkingDays(conferenceDate, figures.decisionsDistributionWorkingDays);

/** Minutes sent within minutesDistributionWorkingDays of the conference. */
export const minutesDueBy = (conferenceDate: string, figures: DistributionFigures) =>
  calendarOf(figures).addWorkingDays(conferenceDate, figures.minutesDistributionWorkingDays);

/** A recipient may ask for a correction within minutesCorrectionsWorkingDays of receiving the minutes. */
export const correctionsCloseOn = (receivedAt: string, figures: DistributionFigures) =>
  calendarOf(figures).addWorkingDays(londonDateOf(receivedAt), figures.minutesCorrectionsWorkingDays);

/** The chair answers within correctionAnswerWorkingDays of the request. */
export const correctionAnswerDueBy = (requestedAt: string, figures: DistributionFigures) =>
  calendarOf(figures).addWorkingDays(londonDateOf(requestedAt), figures.correctionAnswerWorkingDays);

/** The last London day a personal link opens: personalLinkExpiryDays calendar days after the sending was queued. */
export const linkExpiresOn = (queuedAt: string, figures: DistributionFigures) =>
  addDays(londonDateOf(queuedAt), figures.personalLinkExpiryDays);

/**
 * When a pack was received: the time the relay reports (its Last-Attempt-Date, else its report's
 * Date), bounded by what the service knows, since the relay's clock is not ours: not before the
 * sending was recorded, not after the report was read. Without a reported time, the reading's.
 */
export function receivedAt(reported: string | null | undefined, sentAt: string | null, readAt: string): string {
  if (!reported) return readAt;
  const earliest = sentAt ? Date.parse(sentAt) : -Infinity;
  return new Date(Math.min(Math.max(Date.parse(reported), earliest), Date.parse(readAt))).toISOString();
}
