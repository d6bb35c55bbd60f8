import type { OutcomeRecord } from '../asv-referral.context';

/** The follow-up referrals an outcome makes a duty. */
export interface RequiredFollowUps {
  /** To the Disclosure and Barring Service. */
  dbsReferral: boolean;
  /** To the Teaching Regulation Agency. */
  traReferral: boolean;
}

/**
 * KCSIE Part Four: an allegation substantiated where the person was dismissed or resigned (or
 * would have been dismissed had they not) creates a duty to refer to the DBS; for a teacher, to
 * the TRA as well. Any other outcome, or a person kept on, creates neither.
 */
export function requiredFollowUps(
  outcome: Pick<OutcomeRecord, 'outcome' | 'employmentOutcome' | 'subjectIsTeacher'>,
): RequiredFollowUps {
  const leftWork = outcome.employmentOutcome === 'dismissed' || outcome.employmentOutcome === 'resigned';
  const dbsReferral = outcome.outcome === 'substantiated' && leftWork;
  return { dbsReferral, traReferral: dbsReferral && outcome.subjectIsTeacher };
}
