/**
 * What a decided conference hands to the processes it starts. Written here, by the conference,
 * so that the machines on either side agree one shape; each is checked again by the receiving
 * process's own input class when the engine starts it.
 *
 * Ids only: people by the service's person id, documents and their parts by their own ids, the
 * case by its reference. No name, address, date of birth or document content.
 */
import type { ConferenceFigures } from './conference.context';
import type { AbuseCategory } from './rules/categories';
import type { ContactBy, InviteeRole } from './conference.vocabulary';

/** The process the conference starts for the decisions, minutes and reports to go out. */
export const DISTRIBUTION_TYPE = 'distribution';
/** The conference starts one distribution: the engine scopes this key to the conference's id. */
export const DISTRIBUTION_START_KEY = 'distribution';

/**
 * The input of the `distribution` workflow a decided conference starts.
 *
 * The conference's workflow id is not in it: a pure machine does not know its own id. The engine
 * records it as the distribution's parent (`parent_id`), and the start key it writes is
 * `<conference id>/distribution`; the distribution finds its conference that way.
 */
export interface DistributionStartInput {
  /** The conference's case reference (`CPC-YYYY-NNNNNN`, `-R<n>` for a review). */
  conferenceReference: string;
  /** The area that scopes access: the conference's. */
  area: string;
  householdId: string;
  /** initial, transfer-in, pre-birth or review. */
  conferenceKind: string;
  /** The London date the conference was held (the decisions are due a working day after it). */
  heldOn: string;
  /** The chair's token subject: the chair approves the distribution list. */
  chairSub: string;
  /** Everyone invited, with their role, and whether they attended. */
  invitees: DistributionInvitee[];
  /** People who came uninvited (professionals), by person id: they may receive the decisions too. */
  uninvitedAttendeePersonIds: string[];
  /** Each excluded part of the meeting: distribution keeps it from those excluded. */
  exclusions: DistributionExclusion[];
  /** Each expected report, its document and whether it may be shared with parents. */
  reports: DistributionReport[];
  /** Parents and carers whose address is confidential (their person ids). */
  confidentialAddressPersonIds: string[];
  /** The children decided on, with the outcome and the categories of a plan (the decisions' template reads them). */
  children: {
    childId: string;
    outcome: 'plan' | 'child-in-need' | 'no-further-action';
    categories: AbuseCategory[];
  }[];
  /** The distribution's figures, fixed at the conference's request from the settings (never a client's). */
  figures: DistributionHandoverFigures;
}

/** The figures the distribution's clocks and personal links run on. */
export type DistributionHandoverFigures = Pick<
  ConferenceFigures,
  | 'decisionsDistributionWorkingDays'
  | 'minutesDistributionWorkingDays'
  | 'minutesCorrectionsWorkingDays'
  | 'correctionAnswerWorkingDays'
  | 'personalLinkExpiryDays'
  | 'localClosureDays'
>;

export interface DistributionInvitee {
  personId: string;
  invitedAs: InviteeRole;
  /** Agency key of a professional; null for the family. */
  agencyId: string | null;
  attended: boolean;
  /** How they were invited: the pack goes the same way (a letter: a printed pack). */
  contactBy: ContactBy;
}

export interface DistributionExclusion {
  /** The id of the excluded part of the meeting (given when the exclusion was recorded). */
  partId: string;
  excludedPersonIds: string[];
}

export interface DistributionReport {
  /** The agency's key, or 'social-worker'. */
  key: string;
  documentId: string | null;
  caseManagementReference: string | null;
  /**
   * The chair decided it is not shared with parents, or an agency's request still awaits the
   * chair's decision (until decided, it is not for sharing).
   */
  notForSharingWithParents: boolean;
}
