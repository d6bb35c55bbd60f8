import { dateInLondon, WorkingDayCalendar } from '../../calendar';
import type { StatutorySettings } from '../../settings';
import type { ConferenceClocks, ConferenceFigures } from './conference.context';
import type { ConferenceKind } from './conference.vocabulary';
import {
  agencyReportsDueDate,
  conferenceRequestDueDate,
  earlierDate,
  icpcDueDate,
  invitationsDueDate,
  laterThanPreBirthIdeal,
  onOrAfterWorkingDay,
  onOrBeforeWorkingDay,
  socialWorkerReportToParentsDueDate,
  transferInDueDate,
} from './rules';

/**
 * Every call the machine makes into the timescale rules (rules/timescales.ts, rules/pre-birth.ts),
 * in one place. The machine's actions compute clock anchors here; the deadline declarations then
 * count 0 working days from them.
 */

/** The figures a conference request carries, from the authority's settings and closure days. */
export function conferenceFigures(
  settings: StatutorySettings,
  localClosureDays: readonly string[],
): ConferenceFigures {
  return {
    icpcWorkingDays: settings.icpcWorkingDays,
    icpcRequestWorkingDays: settings.icpcRequestWorkingDays,
    transferInWorkingDays: settings.transferInWorkingDays,
    invitationsWorkingDaysBefore: settings.invitationsWorkingDaysBefore,
    agencyReportWorkingDaysBeforeIcpc: settings.agencyReportWorkingDaysBeforeIcpc,
    agencyReportWorkingDaysBeforeReview: settings.agencyReportWorkingDaysBeforeReview,
    socialWorkerReportToParentsWorkingDays: settings.socialWorkerReportToParentsWorkingDays,
    preBirthSetsAsideIcpcWorkingDays: settings.preBirthSetsAsideIcpcWorkingDays,
    conferenceMovesFlaggedAt: settings.conferenceMovesFlaggedAt,
    quorumOtherAgencies: settings.quorumOtherAgencies,
    inquorateIcpcReconveneWorkingDays: settings.inquorateIcpcReconveneWorkingDays,
    inquorateReviewReconveneWorkingDays: settings.inquorateReviewReconveneWorkingDays,
    earlyReviewWorkingDays: settings.earlyReviewWorkingDays,
    firstReviewMonths: settings.firstReviewMonths,
    subsequentReviewMonths: settings.subsequentReviewMonths,
    coreGroupWorkingDays: settings.coreGroupWorkingDays,
    postBirthReviewWorkingDays: settings.postBirthReviewWorkingDays,
    decisionsDistributionWorkingDays: settings.decisionsDistributionWorkingDays,
    minutesDistributionWorkingDays: settings.minutesDistributionWorkingDays,
    minutesCorrectionsWorkingDays: settings.minutesCorrectionsWorkingDays,
    correctionAnswerWorkingDays: settings.correctionAnswerWorkingDays,
    personalLinkExpiryDays: settings.personalLinkExpiryDays,
    localClosureDays: [...localClosureDays],
  };
}

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

/** What the request sets: the due date and whether the request (or a pre-birth one) came late. */
export interface RequestClock {
  dueDate: string;
  lateRequest: boolean;
  dueAtOnce: boolean;
}

export interface RequestFacts {
  kind: ConferenceKind;
  requestDate: string;
  /** The strategy discussion that started the section 47 enquiry. */
  strategyDiscussionDate: string | null;
  notifiedOn: string | null;
  /** From rules/pre-birth.ts preBirthLatestDate / preBirthIdealDate, computed by the API from the expected date. */
  preBirthClock: { latestDate: string; idealDate: string } | null;
  reviewDueDate: string | null;
}

/**
 * The conference's due date from its request: an ICPC within icpcWorkingDays of the strategy
 * discussion; a transfer-in within transferInWorkingDays of the notification; a pre-birth
 * conference by its latest date, or at once when requested after it (and no later than the ICPC
 * date unless the authority sets that rule aside), as preBirthTimescale() decides from the
 * expected date; a review on the date the plans' cycle gave it.
 *
 * A request is late when made after conferenceRequestDueDate(). (conferenceRequestTimeliness()
 * throws for a request before the discussion, and a throw inside an action would be a 500; a
 * discussion after the request is the API's 400 to give.)
 */
export function requestClock(facts: RequestFacts, figures: ConferenceFigures): RequestClock {
  const calendar = calendarOf(figures);
  const lateRequest =
    facts.strategyDiscussionDate !== null &&
    facts.requestDate > conferenceRequestDueDate(facts.strategyDiscussionDate, figures, calendar);
  switch (facts.kind) {
    case 'initial':
      return {
        dueDate: icpcDueDate(facts.strategyDiscussionDate!, figures, calendar),
        lateRequest,
        dueAtOnce: false,
      };
    case 'transfer-in':
      return {
        dueDate: transferInDueDate(facts.notifiedOn!, figures, calendar),
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
      // preBirthTimescale() with the latest date already computed from the expected date.
      const { latestDate } = facts.preBirthClock!;
      const dueAtOnce = facts.requestDate > latestDate;
      let dueDate = dueAtOnce ? onOrAfterWorkingDay(facts.requestDate, calendar) : latestDate;
      if (facts.strategyDiscussionDate !== null && !figures.preBirthSetsAsideIcpcWorkingDays) {
        dueDate = earlierDate(dueDate, icpcDueDate(facts.strategyDiscussionDate, figures, calendar));
      }
      return { dueDate, lateRequest, dueAtOnce };
    }
  }
}

/** The clocks a booking sets, counted back from the conference date. */
export function bookingClocks(
  conferenceDate: string,
  kind: ConferenceKind,
  figures: ConferenceFigures,
): Pick<ConferenceClocks, 'invitationsSendBy' | 'reportsDueBy' | 'reportToParentsBy'> {
  const calendar = calendarOf(figures);
  return {
    invitationsSendBy: invitationsDueDate(conferenceDate, figures, calendar),
    reportsDueBy: agencyReportsDueDate(conferenceDate, kind, figures, calendar),
    reportToParentsBy: socialWorkerReportToParentsDueDate(conferenceDate, figures, calendar),
  };
}

/**
 * A birth before the pre-birth conference: the initial conference's clock from the strategy
 * discussion (initialConferenceAfterBirth(); its overdueAtBirth needs the date of birth, which
 * the machine does not hold, so the machine asks only for the due date).
 */
export function dueDateAfterBirth(strategyDiscussionDate: string, figures: ConferenceFigures): string {
  return icpcDueDate(strategyDiscussionDate, figures, calendarOf(figures));
}

/** A pre-birth conference later than the ideal date: a warning, not a refusal. */
export function bookedAfterIdealDate(conferenceDate: string, idealDate: string): boolean {
  return laterThanPreBirthIdeal(conferenceDate, { idealDate });
}
