/**
 * Every statutory or locally-agreed figure the process depends on. Each is a setting: the
 * defaults below are the national rule where one exists (Working Together to Safeguard Children,
 * Keeping Children Safe in Education Part Four) and a typical local procedure where it does not.
 * An authority overrides any of them through configuration (see AppConfig); none is a constant
 * elsewhere in code.
 */
export interface StatutorySettings {
  /** KCSIE Part Four: an ASV contact is screened within one working day of receipt. */
  asvScreeningWorkingDays: number;
  /** KCSIE Part Four: a contact that meets the harm threshold is referred to the LADO within one working day. */
  ladoReferralWorkingDays: number;
  /** Local procedure: the allegation management (strategy) meeting is often held within 72 hours. */
  allegationMeetingWorkingDays: number;
  /** KCSIE Part Four resolution targets, in months from the allegation: 80% in 1, 90% in 3, all but exceptional in 12. */
  ladoResolutionTargetMonths: number[];
  /** Share of cases expected within each resolution target (same order as ladoResolutionTargetMonths). */
  ladoResolutionTargetShares: number[];
  /** Retention of ASV records: until normal retirement age or this many years, whichever is longer. */
  asvRetentionYears: number;
  /** Normal retirement age used for ASV retention (local HR policy). */
  asvNormalRetirementAge: number;

  /** Working Together: the ICPC is held within 15 working days of the strategy discussion. */
  icpcWorkingDays: number;
  /** The conference request arrives within a working day of the strategy discussion. */
  icpcRequestWorkingDays: number;
  /** Transfer-in conference within 15 working days of the receiving authority being told. */
  transferInWorkingDays: number;
  /** First review conference within 3 months of the ICPC. */
  firstReviewMonths: number;
  /** Later reviews at intervals of no more than 6 months. */
  subsequentReviewMonths: number;
  /** Pre-birth: review or core group within 10 working days of the birth (local procedure). */
  postBirthReviewWorkingDays: number;
  /** Agency reports to the chair this many working days before an ICPC (local procedure). */
  agencyReportWorkingDaysBeforeIcpc: number;
  /** Agency reports to the chair this many working days before a review (local procedure). */
  agencyReportWorkingDaysBeforeReview: number;
  /** The social worker's report is shared with parents at least this many working days before (local procedure). */
  socialWorkerReportToParentsWorkingDays: number;
  /** Quoracy: children's social care plus at least this many other agencies with direct contact. */
  quorumOtherAgencies: number;
  /** An inquorate ICPC is reconvened within 10 working days. */
  inquorateIcpcReconveneWorkingDays: number;
  /** An inquorate review is reconvened within about a month. */
  inquorateReviewReconveneMonths: number;
  /** Decisions and outline plan to everyone invited within one working day. */
  decisionsDistributionWorkingDays: number;
  /** Core group first meets within 10 working days of the conference. */
  coreGroupWorkingDays: number;
  /** Minutes distributed within 15 working days (some authorities use 10 or 20). */
  minutesDistributionWorkingDays: number;
  /** Corrections to minutes within 10 working days of receipt. */
  minutesCorrectionsWorkingDays: number;
  /** Service desk: every enquiry acknowledged and acted on within 24 hours. */
  serviceDeskResponseHours: number;
  // Added for the conference process (part 1): the child's invitation and a conference moved
  // repeatedly, both local procedure.
  /** The child is invited from this age (local procedure), or younger when the chair agrees. */
  childInvitationAge: number;
  /** A conference moved this many times is flagged for managers. */
  conferenceMovesFlaggedAt: number;
}

export const DEFAULT_STATUTORY_SETTINGS: Readonly<StatutorySettings> = Object.freeze({
  asvScreeningWorkingDays: 1,
  ladoReferralWorkingDays: 1,
  allegationMeetingWorkingDays: 3,
  ladoResolutionTargetMonths: [1, 3, 12],
  ladoResolutionTargetShares: [0.8, 0.9, 1],
  asvRetentionYears: 10,
  asvNormalRetirementAge: 67,
  icpcWorkingDays: 15,
  icpcRequestWorkingDays: 1,
  transferInWorkingDays: 15,
  firstReviewMonths: 3,
  subsequentReviewMonths: 6,
  postBirthReviewWorkingDays: 10,
  agencyReportWorkingDaysBeforeIcpc: 3,
  agencyReportWorkingDaysBeforeReview: 5,
  socialWorkerReportToParentsWorkingDays: 2,
  quorumOtherAgencies: 2,
  inquorateIcpcReconveneWorkingDays: 10,
  inquorateReviewReconveneMonths: 1,
  decisionsDistributionWorkingDays: 1,
  coreGroupWorkingDays: 10,
  minutesDistributionWorkingDays: 15,
  minutesCorrectionsWorkingDays: 10,
  serviceDeskResponseHours: 24,
  childInvitationAge: 12,
  conferenceMovesFlaggedAt: 2,
});

export type StatutorySettingKey = keyof StatutorySettings;
