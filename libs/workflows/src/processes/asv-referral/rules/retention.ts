import { addDays, addMonthsClamped, dateInLondon, isIsoDate } from '../../../calendar';
import type { StatutorySettings } from '../../../settings';
import type { AllegationOutcome, RetentionBasis } from '../asv-referral.vocabulary';

export type AsvRetentionSettings = Pick<StatutorySettings, 'asvRetentionYears' | 'asvNormalRetirementAge'>;

export interface AsvRetention {
  /** The record is kept until the end of this London date, then reviewed for deletion. */
  retainUntil: string;
  /** Which limb gave the date: the subject's normal retirement age, or the years from the allegation. */
  basis: RetentionBasis;
  /** Malicious allegations are not kept on the personnel file: the employer must be told to remove it. */
  flagForEmployer: boolean;
}

export interface AsvRetentionFacts {
  /** ISO date (or date-time, read in London) on which the allegation was received. */
  allegationDate: string;
  /** ISO date; personal data, used for this computation only and never stored with the result. */
  subjectDateOfBirth?: string;
  outcome: AllegationOutcome;
  settings: AsvRetentionSettings;
}

function londonDate(value: string, field: string): string {
  if (isIsoDate(value)) return value;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`${field} is not an ISO date or date-time`);
  return dateInLondon(instant);
}

/**
 * The date `years` years after `date`. Someone born on 29 February reaches an age on 1 March in a
 * common year (the usual reading in England and Wales, and the later of the two candidates, so a
 * record is never due for deletion before the person has reached the age).
 */
export function anniversary(date: string, years: number): string {
  const same = addMonthsClamped(date, years * 12);
  return date.endsWith('-02-29') && same.endsWith('-02-28') ? addDays(same, 1) : same;
}

/**
 * KCSIE Part Four: an allegation's record is kept until the subject's normal retirement age or
 * for `asvRetentionYears` (10) from the allegation, whichever is longer. When the date of birth is
 * unknown only the years-from-allegation rule can be applied, and it is. A malicious allegation is
 * flagged so that the employer removes it from the personnel file.
 */
export function retentionDate(facts: AsvRetentionFacts): AsvRetention {
  const allegation = londonDate(facts.allegationDate, 'allegationDate');
  const fromAllegation = anniversary(allegation, facts.settings.asvRetentionYears);
  const flagForEmployer = facts.outcome === 'malicious';
  if (facts.subjectDateOfBirth === undefined) {
    return { retainUntil: fromAllegation, basis: 'years-from-allegation', flagForEmployer };
  }
  if (!isIsoDate(facts.subjectDateOfBirth)) throw new RangeError('subjectDateOfBirth is not an ISO date');
  const retirement = anniversary(facts.subjectDateOfBirth, facts.settings.asvNormalRetirementAge);
  return retirement > fromAllegation
    ? { retainUntil: retirement, basis: 'normal-retirement-age', flagForEmployer }
    : { retainUntil: fromAllegation, basis: 'years-from-allegation', flagForEmployer };
}

/** A retention date as the caller computed it and the close event carries it. */
export interface RetentionClaim {
  retainUntil: string;
  basis: RetentionBasis;
}

/**
 * Whether a retention date computed elsewhere (from the date of birth, which the machine never
 * sees) follows the rule as far as can be told without the date of birth: years-from-allegation
 * is exactly that date; a retirement date is later than it, and no later than the retirement age
 * counted from the allegation itself (the subject was born before the allegation).
 */
export function retentionFollowsTheRule(
  facts: Omit<AsvRetentionFacts, 'subjectDateOfBirth'>,
  claim: RetentionClaim,
): boolean {
  const floor = retentionDate(facts).retainUntil;
  if (claim.basis === 'years-from-allegation') return claim.retainUntil === floor;
  const latestRetirement = anniversary(
    londonDate(facts.allegationDate, 'allegationDate'),
    facts.settings.asvNormalRetirementAge,
  );
  return claim.retainUntil > floor && claim.retainUntil <= latestRetirement;
}
