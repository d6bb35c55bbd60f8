/**
 * Pre-birth conference clocks. The latest date is set by the week of pregnancy (the expected
 * date of delivery less `preBirthLatestWeeksBeforeDelivery` weeks, back to a working day), the
 * ideal by months before the expected date, and the initial conference's 15-working-day rule from
 * the strategy discussion applies too unless the authority sets it aside. A revised expected
 * date is simply a new input: every result here is recomputed from it.
 */
import type { WorkingDayCalendar } from '../../../calendar';
import { addDays, parseIsoDate } from '../../../calendar';
import type { StatutorySettings } from '../../../settings';
import { icpcDueDate, onOrAfterWorkingDay, onOrBeforeWorkingDay } from './timescales';

export type PreBirthSettings = Pick<
  StatutorySettings,
  | 'preBirthLatestWeeksBeforeDelivery'
  | 'preBirthIdealMonthsBeforeDelivery'
  | 'preBirthSetsAsideIcpcWorkingDays'
  | 'icpcWorkingDays'
>;

/** Latest date of a pre-birth conference: the expected date of delivery less N weeks (6: week 34), back to a working day. */
export function preBirthLatestDate(
  expectedDeliveryDate: string,
  settings: Pick<StatutorySettings, 'preBirthLatestWeeksBeforeDelivery'>,
  calendar: WorkingDayCalendar,
): string {
  const edd = parseIsoDate(expectedDeliveryDate, 'expectedDeliveryDate');
  return onOrBeforeWorkingDay(addDays(edd, -7 * settings.preBirthLatestWeeksBeforeDelivery), calendar);
}

/** Ideal date of a pre-birth conference: N months (3) before the expected date of delivery, month rule, back to a working day. */
export function preBirthIdealDate(
  expectedDeliveryDate: string,
  settings: Pick<StatutorySettings, 'preBirthIdealMonthsBeforeDelivery'>,
  calendar: WorkingDayCalendar,
): string {
  const edd = parseIsoDate(expectedDeliveryDate, 'expectedDeliveryDate');
  return calendar.addMonthsDeadline(edd, -settings.preBirthIdealMonthsBeforeDelivery);
}

export interface PreBirthRequestFacts {
  expectedDeliveryDate: string;
  /** The date the conference was requested. */
  requestDate: string;
  /** The strategy discussion that started the section 47 enquiry on the unborn child, when there was one. */
  strategyDiscussionDate?: string;
}

/** Which rule gave the pre-birth conference its due date. */
export type PreBirthDueBasis = 'latest-week' | 'icpc-working-days' | 'requested-after-latest';

export interface PreBirthTimescale {
  dueDate: string;
  basis: PreBirthDueBasis;
  /** The week-of-pregnancy limit. */
  latestDate: string;
  /** The ideal the co-ordinator should aim for; a conference after it is flagged (laterThanPreBirthIdeal). */
  idealDate: string;
  /** Requested after the latest date: due at once (the request date, or the next working day), and flagged. */
  requestedAfterLatest: boolean;
  /** Requested after the ideal date, so the ideal cannot be met. */
  requestedAfterIdeal: boolean;
}

/**
 * The pre-birth conference's due date: the latest date, or at once when requested after it; and,
 * when a strategy discussion exists and the authority does not set the 15-working-day rule aside,
 * the earlier of that and the ICPC due date.
 */
export function preBirthTimescale(
  facts: PreBirthRequestFacts,
  settings: PreBirthSettings,
  calendar: WorkingDayCalendar,
): PreBirthTimescale {
  const requestDate = parseIsoDate(facts.requestDate, 'requestDate');
  const latestDate = preBirthLatestDate(facts.expectedDeliveryDate, settings, calendar);
  const idealDate = preBirthIdealDate(facts.expectedDeliveryDate, settings, calendar);
  const requestedAfterLatest = requestDate > latestDate;

  let dueDate = requestedAfterLatest ? onOrAfterWorkingDay(requestDate, calendar) : latestDate;
  let basis: PreBirthDueBasis = requestedAfterLatest ? 'requested-after-latest' : 'latest-week';
  if (facts.strategyDiscussionDate !== undefined && !settings.preBirthSetsAsideIcpcWorkingDays) {
    const icpc = icpcDueDate(facts.strategyDiscussionDate, settings, calendar);
    if (icpc < dueDate) {
      dueDate = icpc;
      basis = 'icpc-working-days';
    }
  }
  return {
    dueDate,
    basis,
    latestDate,
    idealDate,
    requestedAfterLatest,
    requestedAfterIdeal: requestDate > idealDate,
  };
}

/** True when a (proposed or booked) pre-birth conference date is later than the ideal: a warning, not a refusal. */
export function laterThanPreBirthIdeal(
  conferenceDate: string,
  timescale: Pick<PreBirthTimescale, 'idealDate'>,
): boolean {
  return parseIsoDate(conferenceDate, 'conferenceDate') > timescale.idealDate;
}

/** True when the child was born before the pre-birth conference was held (on its day counts): it becomes an initial conference. */
export function bornBeforeConference(birthDate: string, conferenceDate: string | undefined): boolean {
  const birth = parseIsoDate(birthDate, 'birthDate');
  return conferenceDate === undefined || birth <= parseIsoDate(conferenceDate, 'conferenceDate');
}

export interface InitialConferenceAfterBirth {
  kind: 'initial';
  /** The initial conference's clock: within 15 working days of the strategy discussion (icpcDueDate). */
  dueDate: string;
  /** The clock had already run out by the birth (it was set aside for the pre-birth conference): overdue at once. */
  overdueAtBirth: boolean;
}

/**
 * A birth before the pre-birth conference turns it into an initial conference for the born child,
 * with the initial conference's clock from the strategy discussion. The statutory date is kept
 * even when it has passed (so the conference is overdue at once and its ladder escalates), which
 * also keeps it equal to GET /timescales/icpc for that discussion.
 */
export function initialConferenceAfterBirth(
  facts: { birthDate: string; strategyDiscussionDate: string },
  settings: Pick<StatutorySettings, 'icpcWorkingDays'>,
  calendar: WorkingDayCalendar,
): InitialConferenceAfterBirth {
  const birthDate = parseIsoDate(facts.birthDate, 'birthDate');
  const dueDate = icpcDueDate(facts.strategyDiscussionDate, settings, calendar);
  return { kind: 'initial', dueDate, overdueAtBirth: dueDate < birthDate };
}
