/**
 * The conference's statutory clocks, each a pure function of its anchor date, the authority's
 * settings and the working-day calendar. Dates are London calendar dates, `YYYY-MM-DD`.
 *
 * Counting follows the calendar's rules: day 0 is the anchor itself and "within N working days"
 * means on or before the Nth working day after it; "within N months" is the same day of the
 * month, clamped to a shorter month's end, back to the previous working day; "N working days
 * before" a conference is the Nth working day strictly before its date. No result ever falls on a
 * weekend, bank holiday or local closure day.
 *
 * Every function validates its dates and throws InvalidDateError naming the field (never the
 * value), or CalendarRangeError outside the calendar's years.
 */
import type { WorkingDayCalendar } from '../../../calendar';
import { parseIsoDate } from '../../../calendar';
import { DomainError, DomainErrorCode } from '../../../errors';
import type { StatutorySettings } from '../../../settings';
import type { ConferenceKind } from './conference-kind';
import { runsAsInitialConference } from './conference-kind';

/** `date` when it is a working day, else the working day before it (a limit falls back, never past itself). */
export function onOrBeforeWorkingDay(date: string, calendar: WorkingDayCalendar): string {
  return calendar.isWorkingDay(date) ? date : calendar.addWorkingDays(date, -1);
}

/** `date` when it is a working day, else the next working day (something due "at once"). */
export function onOrAfterWorkingDay(date: string, calendar: WorkingDayCalendar): string {
  return calendar.addWorkingDays(date, 0);
}

/** The `n`th working day strictly before `date` (n = 0: the date itself, or the working day before it). */
export function workingDaysBefore(date: string, n: number, calendar: WorkingDayCalendar): string {
  return n === 0 ? onOrBeforeWorkingDay(date, calendar) : calendar.addWorkingDays(date, -n);
}

/** The earlier of two ISO dates. */
export function earlierDate(a: string, b: string): string {
  return a <= b ? a : b;
}

const within = (field: string, date: string, workingDays: number, calendar: WorkingDayCalendar): string =>
  calendar.addWorkingDays(parseIsoDate(date, field), workingDays);

const withinMonths = (field: string, date: string, months: number, calendar: WorkingDayCalendar): string =>
  calendar.addMonthsDeadline(parseIsoDate(date, field), months);

const before = (field: string, date: string, workingDays: number, calendar: WorkingDayCalendar): string =>
  workingDaysBefore(parseIsoDate(date, field), workingDays, calendar);

/** ICPC due: within `icpcWorkingDays` (15) of the strategy discussion that started the section 47 enquiry. */
export function icpcDueDate(
  strategyDiscussionDate: string,
  settings: Pick<StatutorySettings, 'icpcWorkingDays'>,
  calendar: WorkingDayCalendar,
): string {
  return within('strategyDiscussionDate', strategyDiscussionDate, settings.icpcWorkingDays, calendar);
}

/** The conference request's own limit: within `icpcRequestWorkingDays` (1) of the strategy discussion. */
export function conferenceRequestDueDate(
  strategyDiscussionDate: string,
  settings: Pick<StatutorySettings, 'icpcRequestWorkingDays'>,
  calendar: WorkingDayCalendar,
): string {
  return within('strategyDiscussionDate', strategyDiscussionDate, settings.icpcRequestWorkingDays, calendar);
}

/** Whether a conference request came late, i.e. more than `icpcRequestWorkingDays` after the strategy discussion. */
export interface ConferenceRequestTimeliness {
  /** The last date on which the request was on time. */
  dueBy: string;
  late: boolean;
  /** Working days from the strategy discussion (day 0) to the request. */
  workingDaysAfterStrategyDiscussion: number;
}

/** Records a request as late when made after `conferenceRequestDueDate`; a request before the discussion is refused. */
export function conferenceRequestTimeliness(
  strategyDiscussionDate: string,
  requestDate: string,
  settings: Pick<StatutorySettings, 'icpcRequestWorkingDays'>,
  calendar: WorkingDayCalendar,
): ConferenceRequestTimeliness {
  const discussion = parseIsoDate(strategyDiscussionDate, 'strategyDiscussionDate');
  const request = parseIsoDate(requestDate, 'requestDate');
  if (request < discussion) {
    throw new DomainError(DomainErrorCode.InvalidInput, 'requestDate is before strategyDiscussionDate');
  }
  const dueBy = conferenceRequestDueDate(discussion, settings, calendar);
  return {
    dueBy,
    late: request > dueBy,
    workingDaysAfterStrategyDiscussion: calendar.workingDaysBetween(discussion, request),
  };
}

/** Transfer-in due: within `transferInWorkingDays` (15) of the receiving authority being told of the move. */
export function transferInDueDate(
  notifiedDate: string,
  settings: Pick<StatutorySettings, 'transferInWorkingDays'>,
  calendar: WorkingDayCalendar,
): string {
  return within('notifiedDate', notifiedDate, settings.transferInWorkingDays, calendar);
}

/** Invitations sent by: `invitationsWorkingDaysBefore` (5) working days before the conference. */
export function invitationsDueDate(
  conferenceDate: string,
  settings: Pick<StatutorySettings, 'invitationsWorkingDaysBefore'>,
  calendar: WorkingDayCalendar,
): string {
  return before('conferenceDate', conferenceDate, settings.invitationsWorkingDaysBefore, calendar);
}

/** Agency reports to the chair by: 3 working days before an initial-type conference, 5 before a review (settings). */
export function agencyReportsDueDate(
  conferenceDate: string,
  kind: ConferenceKind,
  settings: Pick<
    StatutorySettings,
    'agencyReportWorkingDaysBeforeIcpc' | 'agencyReportWorkingDaysBeforeReview'
  >,
  calendar: WorkingDayCalendar,
): string {
  const days = runsAsInitialConference(kind)
    ? settings.agencyReportWorkingDaysBeforeIcpc
    : settings.agencyReportWorkingDaysBeforeReview;
  return before('conferenceDate', conferenceDate, days, calendar);
}

/** The social worker's report shared with parents by: `socialWorkerReportToParentsWorkingDays` (2) before the conference. */
export function socialWorkerReportToParentsDueDate(
  conferenceDate: string,
  settings: Pick<StatutorySettings, 'socialWorkerReportToParentsWorkingDays'>,
  calendar: WorkingDayCalendar,
): string {
  return before('conferenceDate', conferenceDate, settings.socialWorkerReportToParentsWorkingDays, calendar);
}

/** First review due: within `firstReviewMonths` (3) of the initial (or transfer-in) conference, month rule. */
export function firstReviewDueDate(
  initialConferenceDate: string,
  settings: Pick<StatutorySettings, 'firstReviewMonths'>,
  calendar: WorkingDayCalendar,
): string {
  return withinMonths('initialConferenceDate', initialConferenceDate, settings.firstReviewMonths, calendar);
}

/** Next review due: within `subsequentReviewMonths` (6) of the review last held (an early review counts), month rule. */
export function nextReviewDueDate(
  lastReviewDate: string,
  settings: Pick<StatutorySettings, 'subsequentReviewMonths'>,
  calendar: WorkingDayCalendar,
): string {
  return withinMonths('lastReviewDate', lastReviewDate, settings.subsequentReviewMonths, calendar);
}

/** The household's review conference is due on the earliest of its children's review dates (early reviews included). */
export function householdReviewDueDate(childReviewDueDates: readonly string[]): string {
  if (childReviewDueDates.length === 0) {
    throw new DomainError(DomainErrorCode.InvalidInput, 'childReviewDueDates must name at least one date');
  }
  return childReviewDueDates
    .map((date, i) => parseIsoDate(date, `childReviewDueDates[${i}]`))
    .reduce(earlierDate);
}

/** Reconvene an inquorate conference within 10 working days for an initial-type one, 20 for a review (settings). */
export function reconveneDueDate(
  adjournedConferenceDate: string,
  kind: ConferenceKind,
  settings: Pick<
    StatutorySettings,
    'inquorateIcpcReconveneWorkingDays' | 'inquorateReviewReconveneWorkingDays'
  >,
  calendar: WorkingDayCalendar,
): string {
  const days = runsAsInitialConference(kind)
    ? settings.inquorateIcpcReconveneWorkingDays
    : settings.inquorateReviewReconveneWorkingDays;
  return within('adjournedConferenceDate', adjournedConferenceDate, days, calendar);
}

/** Early review after an exceptional quorum: within `earlyReviewWorkingDays` (20) of that conference. */
export function earlyReviewDueDate(
  conferenceDate: string,
  settings: Pick<StatutorySettings, 'earlyReviewWorkingDays'>,
  calendar: WorkingDayCalendar,
): string {
  return within('conferenceDate', conferenceDate, settings.earlyReviewWorkingDays, calendar);
}

/** Core group first meets within `coreGroupWorkingDays` (10) of the conference that made the plan. */
export function coreGroupDueDate(
  conferenceDate: string,
  settings: Pick<StatutorySettings, 'coreGroupWorkingDays'>,
  calendar: WorkingDayCalendar,
): string {
  return within('conferenceDate', conferenceDate, settings.coreGroupWorkingDays, calendar);
}

/** After a birth: a review conference or core group within `postBirthReviewWorkingDays` (10) of it. */
export function postBirthReviewDueDate(
  birthDate: string,
  settings: Pick<StatutorySettings, 'postBirthReviewWorkingDays'>,
  calendar: WorkingDayCalendar,
): string {
  return within('birthDate', birthDate, settings.postBirthReviewWorkingDays, calendar);
}

/** Decisions and outline plan to everyone invited within `decisionsDistributionWorkingDays` (1) of the conference. */
export function decisionsDueDate(
  conferenceDate: string,
  settings: Pick<StatutorySettings, 'decisionsDistributionWorkingDays'>,
  calendar: WorkingDayCalendar,
): string {
  return within('conferenceDate', conferenceDate, settings.decisionsDistributionWorkingDays, calendar);
}

/** Minutes drafted, approved and sent within `minutesDistributionWorkingDays` (15) of the conference. */
export function minutesDueDate(
  conferenceDate: string,
  settings: Pick<StatutorySettings, 'minutesDistributionWorkingDays'>,
  calendar: WorkingDayCalendar,
): string {
  return within('conferenceDate', conferenceDate, settings.minutesDistributionWorkingDays, calendar);
}

/** A recipient may ask for corrections within `minutesCorrectionsWorkingDays` (10) of receiving the minutes. */
export function correctionsDueDate(
  minutesReceivedDate: string,
  settings: Pick<StatutorySettings, 'minutesCorrectionsWorkingDays'>,
  calendar: WorkingDayCalendar,
): string {
  return within('minutesReceivedDate', minutesReceivedDate, settings.minutesCorrectionsWorkingDays, calendar);
}

/** The chair answers a correction within `correctionAnswerWorkingDays` (5, a local default) of the request. */
export function correctionAnswerDueDate(
  correctionRequestedDate: string,
  settings: Pick<StatutorySettings, 'correctionAnswerWorkingDays'>,
  calendar: WorkingDayCalendar,
): string {
  return within(
    'correctionRequestedDate',
    correctionRequestedDate,
    settings.correctionAnswerWorkingDays,
    calendar,
  );
}
