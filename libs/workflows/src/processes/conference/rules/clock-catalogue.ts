/**
 * Every clock the conference and distribution processes compute, as data: what GET /timescales
 * lists and what GET /timescales/{kind}?from= computes. Each entry names the one setting that
 * holds its figure, so the listing always shows the authority's own value and its source.
 */
import type { WorkingDayCalendar } from '../../../calendar';
import { parseIsoDate } from '../../../calendar';
import { DomainError, DomainErrorCode } from '../../../errors';
import type { NumericStatutorySettingKey, StatutorySettings } from '../../../settings';
import { STATUTORY_SETTING_SOURCES } from '../../../settings';
import { preBirthIdealDate, preBirthLatestDate } from './pre-birth';
import {
  agencyReportsDueDate,
  conferenceRequestDueDate,
  coreGroupDueDate,
  correctionAnswerDueDate,
  correctionsDueDate,
  decisionsDueDate,
  earlyReviewDueDate,
  firstReviewDueDate,
  icpcDueDate,
  invitationsDueDate,
  minutesDueDate,
  nextReviewDueDate,
  postBirthReviewDueDate,
  reconveneDueDate,
  socialWorkerReportToParentsDueDate,
  transferInDueDate,
} from './timescales';

export const CLOCK_KINDS = [
  'icpc',
  'icpc-request',
  'transfer-in',
  'pre-birth',
  'pre-birth-ideal',
  'first-review',
  'next-review',
  'core-group',
  'post-birth-review',
  'reconvene-initial',
  'reconvene-review',
  'early-review',
  'invitations',
  'agency-reports-initial',
  'agency-reports-review',
  'sw-report-to-parents',
  'decisions',
  'minutes',
  'corrections',
  'correction-answer',
] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

/** The date a clock counts from (the `from` of GET /timescales/{kind}). */
export type ClockAnchor =
  | 'strategy-discussion'
  | 'notification'
  | 'expected-delivery'
  | 'initial-conference'
  | 'last-review'
  | 'conference'
  | 'adjourned-conference'
  | 'birth'
  | 'minutes-received'
  | 'correction-requested';

/** How the figure is counted: forward from the anchor, or back from it (a conference date). */
export type ClockUnit =
  'working-days-after' | 'months-after' | 'working-days-before' | 'weeks-before' | 'months-before';

export interface ClockDefinition {
  readonly kind: ClockKind;
  /** The setting holding the figure. */
  readonly setting: NumericStatutorySettingKey;
  readonly unit: ClockUnit;
  readonly from: ClockAnchor;
  /** The rule in words, with the authority's figure. */
  readonly rule: (value: number) => string;
  /** The due date from the anchor date. */
  readonly compute: (from: string, settings: StatutorySettings, calendar: WorkingDayCalendar) => string;
}

/** One clock as GET /timescales lists it. */
export interface ClockDescription {
  kind: ClockKind;
  rule: string;
  setting: NumericStatutorySettingKey;
  value: number;
  unit: ClockUnit;
  from: ClockAnchor;
  source: string;
}

/** One clock computed, as GET /timescales/{kind}?from= answers. */
export interface ComputedClock {
  kind: ClockKind;
  from: string;
  dueDate: string;
}

const MONTH_RULE =
  'the same day of the month, clamped to the end of a shorter month, back to the previous working day';

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st… */
function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

const before = (what: string, n: number, conference: string): string =>
  n === 0
    ? `${what} by the day of the ${conference}`
    : `${what} at least ${n} working day${n === 1 ? '' : 's'} before the ${conference}: by the ${ordinal(n)} ` +
      `working day before its date`;

export const CLOCK_CATALOGUE: Readonly<Record<ClockKind, ClockDefinition>> = Object.freeze({
  icpc: {
    kind: 'icpc',
    setting: 'icpcWorkingDays',
    unit: 'working-days-after',
    from: 'strategy-discussion',
    rule: (n) =>
      `Initial conference within ${n} working days of the strategy discussion at which the section 47 enquiry ` +
      `was started (day 0 is the discussion)`,
    compute: (from, settings, calendar) => icpcDueDate(from, settings, calendar),
  },
  'icpc-request': {
    kind: 'icpc-request',
    setting: 'icpcRequestWorkingDays',
    unit: 'working-days-after',
    from: 'strategy-discussion',
    rule: (n) =>
      `The conference request within ${n} working days of the strategy discussion; later is recorded as late`,
    compute: (from, settings, calendar) => conferenceRequestDueDate(from, settings, calendar),
  },
  'transfer-in': {
    kind: 'transfer-in',
    setting: 'transferInWorkingDays',
    unit: 'working-days-after',
    from: 'notification',
    rule: (n) => `Transfer-in conference within ${n} working days of this authority being told of the move`,
    compute: (from, settings, calendar) => transferInDueDate(from, settings, calendar),
  },
  'pre-birth': {
    kind: 'pre-birth',
    setting: 'preBirthLatestWeeksBeforeDelivery',
    unit: 'weeks-before',
    from: 'expected-delivery',
    rule: (n) =>
      `Pre-birth conference no later than ${n} weeks before the expected date of delivery (week ${40 - n} of ` +
      `pregnancy), back to the previous working day; a request after that date is due at once; unless the ` +
      `authority sets it aside (preBirthSetsAsideIcpcWorkingDays), no later than the initial conference's date ` +
      `from the strategy discussion either`,
    compute: (from, settings, calendar) => preBirthLatestDate(from, settings, calendar),
  },
  'pre-birth-ideal': {
    kind: 'pre-birth-ideal',
    setting: 'preBirthIdealMonthsBeforeDelivery',
    unit: 'months-before',
    from: 'expected-delivery',
    rule: (n) =>
      `Pre-birth conference ideally ${n} months before the expected date of delivery (${MONTH_RULE}); later is flagged`,
    compute: (from, settings, calendar) => preBirthIdealDate(from, settings, calendar),
  },
  'first-review': {
    kind: 'first-review',
    setting: 'firstReviewMonths',
    unit: 'months-after',
    from: 'initial-conference',
    rule: (n) =>
      `First review conference within ${n} months of the initial or transfer-in conference (${MONTH_RULE})`,
    compute: (from, settings, calendar) => firstReviewDueDate(from, settings, calendar),
  },
  'next-review': {
    kind: 'next-review',
    setting: 'subsequentReviewMonths',
    unit: 'months-after',
    from: 'last-review',
    rule: (n) =>
      `Next review conference within ${n} months of the review last held, an early review included (${MONTH_RULE})`,
    compute: (from, settings, calendar) => nextReviewDueDate(from, settings, calendar),
  },
  'core-group': {
    kind: 'core-group',
    setting: 'coreGroupWorkingDays',
    unit: 'working-days-after',
    from: 'conference',
    rule: (n) => `The core group first meets within ${n} working days of the conference that made the plan`,
    compute: (from, settings, calendar) => coreGroupDueDate(from, settings, calendar),
  },
  'post-birth-review': {
    kind: 'post-birth-review',
    setting: 'postBirthReviewWorkingDays',
    unit: 'working-days-after',
    from: 'birth',
    rule: (n) =>
      `After the birth of a child on an unborn child's plan, a review conference or core group within ${n} working days`,
    compute: (from, settings, calendar) => postBirthReviewDueDate(from, settings, calendar),
  },
  'reconvene-initial': {
    kind: 'reconvene-initial',
    setting: 'inquorateIcpcReconveneWorkingDays',
    unit: 'working-days-after',
    from: 'adjourned-conference',
    rule: (n) =>
      `An inquorate initial, transfer-in or pre-birth conference is reconvened within ${n} working days`,
    compute: (from, settings, calendar) => reconveneDueDate(from, 'initial', settings, calendar),
  },
  'reconvene-review': {
    kind: 'reconvene-review',
    setting: 'inquorateReviewReconveneWorkingDays',
    unit: 'working-days-after',
    from: 'adjourned-conference',
    rule: (n) => `An inquorate review conference is reconvened within ${n} working days`,
    compute: (from, settings, calendar) => reconveneDueDate(from, 'review', settings, calendar),
  },
  'early-review': {
    kind: 'early-review',
    setting: 'earlyReviewWorkingDays',
    unit: 'working-days-after',
    from: 'conference',
    rule: (n) => `A conference that proceeded on an exceptional quorum is reviewed within ${n} working days`,
    compute: (from, settings, calendar) => earlyReviewDueDate(from, settings, calendar),
  },
  invitations: {
    kind: 'invitations',
    setting: 'invitationsWorkingDaysBefore',
    unit: 'working-days-before',
    from: 'conference',
    rule: (n) => before('Invitations sent', n, 'conference'),
    compute: (from, settings, calendar) => invitationsDueDate(from, settings, calendar),
  },
  'agency-reports-initial': {
    kind: 'agency-reports-initial',
    setting: 'agencyReportWorkingDaysBeforeIcpc',
    unit: 'working-days-before',
    from: 'conference',
    rule: (n) => before('Agency reports to the chair', n, 'initial, transfer-in or pre-birth conference'),
    compute: (from, settings, calendar) => agencyReportsDueDate(from, 'initial', settings, calendar),
  },
  'agency-reports-review': {
    kind: 'agency-reports-review',
    setting: 'agencyReportWorkingDaysBeforeReview',
    unit: 'working-days-before',
    from: 'conference',
    rule: (n) => before('Agency reports to the chair', n, 'review conference'),
    compute: (from, settings, calendar) => agencyReportsDueDate(from, 'review', settings, calendar),
  },
  'sw-report-to-parents': {
    kind: 'sw-report-to-parents',
    setting: 'socialWorkerReportToParentsWorkingDays',
    unit: 'working-days-before',
    from: 'conference',
    rule: (n) => before("The social worker's report shared with parents", n, 'conference'),
    compute: (from, settings, calendar) => socialWorkerReportToParentsDueDate(from, settings, calendar),
  },
  decisions: {
    kind: 'decisions',
    setting: 'decisionsDistributionWorkingDays',
    unit: 'working-days-after',
    from: 'conference',
    rule: (n) =>
      `Decisions and outline plan to everyone invited, parents included, within ${n} working days of the conference`,
    compute: (from, settings, calendar) => decisionsDueDate(from, settings, calendar),
  },
  minutes: {
    kind: 'minutes',
    setting: 'minutesDistributionWorkingDays',
    unit: 'working-days-after',
    from: 'conference',
    rule: (n) => `Minutes drafted, approved by the chair and sent within ${n} working days of the conference`,
    compute: (from, settings, calendar) => minutesDueDate(from, settings, calendar),
  },
  corrections: {
    kind: 'corrections',
    setting: 'minutesCorrectionsWorkingDays',
    unit: 'working-days-after',
    from: 'minutes-received',
    rule: (n) => `A recipient may ask for corrections within ${n} working days of receiving the minutes`,
    compute: (from, settings, calendar) => correctionsDueDate(from, settings, calendar),
  },
  'correction-answer': {
    kind: 'correction-answer',
    setting: 'correctionAnswerWorkingDays',
    unit: 'working-days-after',
    from: 'correction-requested',
    rule: (n) => `The chair answers a request for a correction within ${n} working days of receiving it`,
    compute: (from, settings, calendar) => correctionAnswerDueDate(from, settings, calendar),
  },
});

/** True when `value` names a clock of the catalogue. */
export function isClockKind(value: string): value is ClockKind {
  return (CLOCK_KINDS as readonly string[]).includes(value);
}

/** One clock described with the authority's figure and its source. */
export function describeClock(kind: ClockKind, settings: StatutorySettings): ClockDescription {
  const clock = CLOCK_CATALOGUE[kind];
  const value = settings[clock.setting];
  return {
    kind,
    rule: clock.rule(value),
    setting: clock.setting,
    value,
    unit: clock.unit,
    from: clock.from,
    source: STATUTORY_SETTING_SOURCES[clock.setting],
  };
}

/** Every clock, in catalogue order, as GET /timescales lists them. */
export function describeClocks(settings: StatutorySettings): ClockDescription[] {
  return CLOCK_KINDS.map((kind) => describeClock(kind, settings));
}

/**
 * GET /timescales/{kind}?from=YYYY-MM-DD: the clock's due date from `from`. An unknown kind is a
 * DomainError not_found (404); an impossible date an InvalidDateError naming `from` (400).
 */
export function computeClock(
  kind: string,
  from: string,
  settings: StatutorySettings,
  calendar: WorkingDayCalendar,
): ComputedClock {
  if (!isClockKind(kind)) {
    throw new DomainError(DomainErrorCode.NotFound, 'No clock of that kind; GET /timescales lists them');
  }
  const anchor = parseIsoDate(from, 'from');
  return { kind, from: anchor, dueDate: CLOCK_CATALOGUE[kind].compute(anchor, settings, calendar) };
}
