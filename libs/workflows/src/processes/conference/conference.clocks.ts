import { dateInLondon, WorkingDayCalendar } from '../../calendar';
import type { ConferenceClocks, ConferenceFigures } from './conference.context';
import type { ConferenceKind } from './conference.vocabulary';

/**
 * Every call the machine makes into the timescale rules, in one place. The machine's actions
 * compute clock anchors here; the deadline declarations then count 0 working days from them.
 *
 * TODO(confrules): the bodies below follow the signatures of rules/timescales.ts and
 * rules/pre-birth.ts; once that branch is merged they become calls into those files.
 */

const calendars = new Map<string, WorkingDayCalendar>();

/** The working-day calendar with the authority's closure days as they were at the request. */
export function calendarOf(figures: ConferenceFigures): WorkingDayCalendar {
  const key = figures.localClosureDays.join(',');
  let calendar = calendars.get(key);
  if (!calendar) {
    if (calendars.size > 50) calendars.clear();
    calendar = new WorkingDayCalendar({ extraClosureDays: figures.localClosureDays });
    calendars.set(key, calendar);
  }
  return calendar;
}

/** The London calendar date of an event's instant. */
export function londonDateOf(instant: string): string {
  return dateInLondon(new Date(instant));
}

export function isWorkingDay(date: string, figures: ConferenceFigures): boolean {
  return calendarOf(figures).isWorkingDay(date);
}

function onOrAfterWorkingDay(date: string, calendar: WorkingDayCalendar): string {
  return calendar.addWorkingDays(date, 0);
}

function workingDaysBefore(date: string, n: number, calendar: WorkingDayCalendar): string {
  if (n > 0) return calendar.addWorkingDays(date, -n);
  return calendar.isWorkingDay(date) ? date : calendar.addWorkingDays(date, -1);
}

export function icpcDueDate(strategyDiscussionDate: string, figures: ConferenceFigures): string {
  return calendarOf(figures).addWorkingDays(strategyDiscussionDate, figures.icpcWorkingDays);
}

/** What the request sets: the due date and whether the request (or a pre-birth one) came late. */
export interface RequestClock {
  dueDate: string;
  lateRequest: boolean;
  dueAtOnce: boolean;
}

export interface RequestFacts {
  kind: ConferenceKind;
  requestDate: string;
  strategyDiscussionDate: string | null;
  notifiedOn: string | null;
  preBirthClock: { latestDate: string; idealDate: string } | null;
  reviewDueDate: string | null;
}

/**
 * The conference's due date from its request: an ICPC within icpcWorkingDays of the strategy
 * discussion that started the section 47 enquiry; a transfer-in within transferInWorkingDays of
 * the notification; a pre-birth conference by its latest date, or at once when requested after
 * it (and no later than the ICPC date unless the authority sets that rule aside); a review on the
 * date the plans' cycle gave it.
 */
export function requestClock(facts: RequestFacts, figures: ConferenceFigures): RequestClock {
  const calendar = calendarOf(figures);
  const lateRequest =
    facts.strategyDiscussionDate !== null &&
    facts.requestDate > calendar.addWorkingDays(facts.strategyDiscussionDate, figures.icpcRequestWorkingDays);
  switch (facts.kind) {
    case 'initial':
      return { dueDate: icpcDueDate(facts.strategyDiscussionDate!, figures), lateRequest, dueAtOnce: false };
    case 'transfer-in':
      return {
        dueDate: calendar.addWorkingDays(facts.notifiedOn!, figures.transferInWorkingDays),
        lateRequest: false,
        dueAtOnce: false,
      };
    case 'review':
      return {
        dueDate: onOrBeforeWorkingDay(facts.reviewDueDate!, calendar),
        lateRequest: false,
        dueAtOnce: false,
      };
    case 'pre-birth': {
      const { latestDate } = facts.preBirthClock!;
      const dueAtOnce = facts.requestDate > latestDate;
      let dueDate = dueAtOnce ? onOrAfterWorkingDay(facts.requestDate, calendar) : latestDate;
      if (facts.strategyDiscussionDate !== null && !figures.preBirthSetsAsideIcpcWorkingDays) {
        const icpc = icpcDueDate(facts.strategyDiscussionDate, figures);
        if (icpc < dueDate) dueDate = icpc;
      }
      return { dueDate, lateRequest, dueAtOnce };
    }
  }
}

function onOrBeforeWorkingDay(date: string, calendar: WorkingDayCalendar): string {
  return calendar.isWorkingDay(date) ? date : calendar.addWorkingDays(date, -1);
}

/** The clocks a booking sets, counted back from the conference date. */
export function bookingClocks(
  conferenceDate: string,
  kind: ConferenceKind,
  figures: ConferenceFigures,
): Pick<ConferenceClocks, 'invitationsSendBy' | 'reportsDueBy' | 'reportToParentsBy'> {
  const calendar = calendarOf(figures);
  const reportDays =
    kind === 'review'
      ? figures.agencyReportWorkingDaysBeforeReview
      : figures.agencyReportWorkingDaysBeforeIcpc;
  return {
    invitationsSendBy: workingDaysBefore(conferenceDate, figures.invitationsWorkingDaysBefore, calendar),
    reportsDueBy: workingDaysBefore(conferenceDate, reportDays, calendar),
    reportToParentsBy: workingDaysBefore(
      conferenceDate,
      figures.socialWorkerReportToParentsWorkingDays,
      calendar,
    ),
  };
}

/** A birth before the pre-birth conference: the initial conference's clock from the strategy discussion. */
export function dueDateAfterBirth(strategyDiscussionDate: string, figures: ConferenceFigures): string {
  return icpcDueDate(strategyDiscussionDate, figures);
}

/** A pre-birth conference later than the ideal date: a warning, not a refusal. */
export function laterThanPreBirthIdeal(conferenceDate: string, idealDate: string): boolean {
  return conferenceDate > idealDate;
}
