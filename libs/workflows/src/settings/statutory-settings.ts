/**
 * Every statutory or locally-agreed figure the process depends on. Each is a setting: the
 * defaults below are the national rule where one exists and a typical local procedure where it
 * does not, and the source of each default is named once, in STATUTORY_SETTING_SOURCES. An
 * authority overrides any of them through configuration (AppConfig reads `STATUTORY_<NAME>`);
 * none is a constant elsewhere in code.
 */
export interface StatutorySettings {
  /** An ASV contact is screened within this many working days of receipt. */
  asvScreeningWorkingDays: number;
  /** A contact that meets the harm threshold is referred to the LADO within this many working days. */
  ladoReferralWorkingDays: number;
  /** The allegation management (strategy) meeting is held within this many working days. */
  allegationMeetingWorkingDays: number;
  /** LADO resolution targets, in months from the allegation (1, 3 and 12). */
  ladoResolutionTargetMonths: number[];
  /** Share of cases expected within each resolution target (same order as ladoResolutionTargetMonths). */
  ladoResolutionTargetShares: number[];
  /** Retention of ASV records: until normal retirement age or this many years, whichever is longer. */
  asvRetentionYears: number;
  /** Normal retirement age used for ASV retention. */
  asvNormalRetirementAge: number;

  /** The ICPC is held within this many working days of the strategy discussion that started the section 47 enquiry. */
  icpcWorkingDays: number;
  /** The conference request arrives within this many working days of that strategy discussion; later is recorded as late. */
  icpcRequestWorkingDays: number;
  /** A transfer-in conference is held within this many working days of the receiving authority being told. */
  transferInWorkingDays: number;
  /** Pre-birth: the conference is held no later than this many weeks before the expected date of delivery (6: week 34). */
  preBirthLatestWeeksBeforeDelivery: number;
  /** Pre-birth: ideally this many months before the expected date of delivery; later is flagged. */
  preBirthIdealMonthsBeforeDelivery: number;
  /** Pre-birth: true when the ICPC working-day rule from the strategy discussion is set aside for a pre-birth conference. */
  preBirthSetsAsideIcpcWorkingDays: boolean;
  /** The first review conference is held within this many months of the ICPC. */
  firstReviewMonths: number;
  /** Later reviews are held within this many months of the review last held. */
  subsequentReviewMonths: number;
  /** After a birth, a review conference or core group within this many working days of it. */
  postBirthReviewWorkingDays: number;
  /** Invitations are sent at least this many working days before the conference. */
  invitationsWorkingDaysBefore: number;
  /** Agency reports reach the chair at least this many working days before an initial (or transfer-in, pre-birth) conference. */
  agencyReportWorkingDaysBeforeIcpc: number;
  /** Agency reports reach the chair at least this many working days before a review conference. */
  agencyReportWorkingDaysBeforeReview: number;
  /** The social worker's report is shared with parents at least this many working days before the conference. */
  socialWorkerReportToParentsWorkingDays: number;
  /** Quoracy: children's social care plus at least this many other agencies or professional groups with direct contact. */
  quorumOtherAgencies: number;
  /** An inquorate initial conference is reconvened within this many working days. */
  inquorateIcpcReconveneWorkingDays: number;
  /** An inquorate review conference is reconvened within this many working days. */
  inquorateReviewReconveneWorkingDays: number;
  /** A conference that proceeded on an exceptional quorum is reviewed within this many working days. */
  earlyReviewWorkingDays: number;
  /** Decisions and outline plan go to everyone invited within this many working days of the conference. */
  decisionsDistributionWorkingDays: number;
  /** The core group first meets within this many working days of the conference. */
  coreGroupWorkingDays: number;
  /** Minutes are distributed within this many working days of the conference. */
  minutesDistributionWorkingDays: number;
  /** Recipients may ask for corrections within this many working days of receiving the minutes. */
  minutesCorrectionsWorkingDays: number;
  /** The chair answers a request for a correction within this many working days of receiving it. */
  correctionAnswerWorkingDays: number;
  /** Every enquiry to a duty mailbox is acknowledged and acted on within this many hours. */
  serviceDeskResponseHours: number;
  // Added by the conference machine (part 1).
  /** A child is invited to their conference from this age, or younger when the chair agrees. */
  childInvitationAge: number;
  /** A conference moved this many times is flagged for managers. */
  conferenceMovesFlaggedAt: number;
  // Added by the distribution machine.
  /** A recipient's personal link to their pack opens for this many calendar days from its sending. */
  personalLinkExpiryDays: number;
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
  preBirthLatestWeeksBeforeDelivery: 6,
  preBirthIdealMonthsBeforeDelivery: 3,
  preBirthSetsAsideIcpcWorkingDays: true,
  firstReviewMonths: 3,
  subsequentReviewMonths: 6,
  postBirthReviewWorkingDays: 10,
  invitationsWorkingDaysBefore: 5,
  agencyReportWorkingDaysBeforeIcpc: 3,
  agencyReportWorkingDaysBeforeReview: 5,
  socialWorkerReportToParentsWorkingDays: 2,
  quorumOtherAgencies: 2,
  inquorateIcpcReconveneWorkingDays: 10,
  inquorateReviewReconveneWorkingDays: 20,
  earlyReviewWorkingDays: 20,
  decisionsDistributionWorkingDays: 1,
  coreGroupWorkingDays: 10,
  minutesDistributionWorkingDays: 15,
  minutesCorrectionsWorkingDays: 10,
  correctionAnswerWorkingDays: 5,
  serviceDeskResponseHours: 24,
  childInvitationAge: 12,
  conferenceMovesFlaggedAt: 2,
  personalLinkExpiryDays: 28,
});

export type StatutorySettingKey = keyof StatutorySettings;

/** The settings whose value is a number, the only ones a deadline declaration may name as its figure. */
export type NumericStatutorySettingKey = {
  [K in StatutorySettingKey]: StatutorySettings[K] extends number ? K : never;
}[StatutorySettingKey];

const WORKING_TOGETHER = 'Working Together to Safeguard Children';
const KCSIE = 'Keeping Children Safe in Education, Part Four';

/**
 * Where each default comes from, named once: the national guidance, or the local procedure it
 * follows where there is no national rule. Typed over every key, so a new setting cannot be
 * added without its source. Shown by GET /timescales.
 */
export const STATUTORY_SETTING_SOURCES: Readonly<Record<StatutorySettingKey, string>> = Object.freeze({
  asvScreeningWorkingDays: KCSIE,
  ladoReferralWorkingDays: KCSIE,
  allegationMeetingWorkingDays: `${KCSIE}; local procedure (often within 72 hours)`,
  ladoResolutionTargetMonths: KCSIE,
  ladoResolutionTargetShares: KCSIE,
  asvRetentionYears: KCSIE,
  asvNormalRetirementAge: 'Local HR policy',
  icpcWorkingDays: WORKING_TOGETHER,
  icpcRequestWorkingDays: `${WORKING_TOGETHER}; local safeguarding partnership procedure`,
  transferInWorkingDays: WORKING_TOGETHER,
  preBirthLatestWeeksBeforeDelivery: 'Local procedure (Sefton: no later than week 34 of pregnancy)',
  preBirthIdealMonthsBeforeDelivery:
    'Local procedure (Sussex, Cheshire East: about three months before the expected date)',
  preBirthSetsAsideIcpcWorkingDays: 'Local safeguarding partnership procedure',
  firstReviewMonths: WORKING_TOGETHER,
  subsequentReviewMonths: WORKING_TOGETHER,
  postBirthReviewWorkingDays: 'Local procedure (Cheshire East uses four weeks)',
  invitationsWorkingDaysBefore: 'Local safeguarding partnership procedure',
  agencyReportWorkingDaysBeforeIcpc: 'Local safeguarding partnership procedure',
  agencyReportWorkingDaysBeforeReview: 'Local safeguarding partnership procedure',
  socialWorkerReportToParentsWorkingDays: 'Local safeguarding partnership procedure',
  quorumOtherAgencies: WORKING_TOGETHER,
  inquorateIcpcReconveneWorkingDays: 'Local safeguarding partnership procedure',
  inquorateReviewReconveneWorkingDays: 'Local safeguarding partnership procedure (about a month)',
  earlyReviewWorkingDays: 'Local safeguarding partnership procedure',
  decisionsDistributionWorkingDays: WORKING_TOGETHER,
  coreGroupWorkingDays: WORKING_TOGETHER,
  minutesDistributionWorkingDays: 'Local procedure (some authorities use 10 or 20 working days)',
  minutesCorrectionsWorkingDays: 'Local safeguarding partnership procedure',
  correctionAnswerWorkingDays:
    "Local default of this service (no national or published local figure for the chair's answer)",
  serviceDeskResponseHours: 'Local service standard',
  childInvitationAge:
    'Local safeguarding partnership procedure (the child invited from 12, or when the chair agrees)',
  conferenceMovesFlaggedAt:
    'Local default of this service (a conference moved twice is flagged for managers)',
  personalLinkExpiryDays: 'Local information governance policy (links to a pack expire after 28 days)',
});
