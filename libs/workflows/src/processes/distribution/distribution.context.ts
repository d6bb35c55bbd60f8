import type { StatutorySettings } from '../../settings';
import type {
  Channel,
  DocumentKind,
  DocumentOrigin,
  PackStatus,
  PartKind,
  RecipientRole,
  RevocationReason,
  Round,
} from './distribution.vocabulary';

/**
 * The distribution's context: ids, flags, hashes and dates only. People by the service's person
 * id; documents and parts by their ids, with the SHA-256 of each part's bytes (the bytes, and any
 * text a correction request holds, stay in the document store).
 */

/** The figures of the clocks and the link, fixed at the start (see DistributionFiguresInput). */
export type DistributionFigures = Pick<
  StatutorySettings,
  | 'decisionsDistributionWorkingDays'
  | 'minutesDistributionWorkingDays'
  | 'minutesCorrectionsWorkingDays'
  | 'correctionAnswerWorkingDays'
  | 'personalLinkExpiryDays'
> & { localClosureDays: string[] };

/** Someone who may be on the list: an invitee, or someone the chair added. */
export interface Recipient {
  personId: string;
  role: RecipientRole;
  /** No email: the pack is printed and posted. */
  hasEmail: boolean;
  /** Invited to the conference (the decisions go to every invitee). */
  invited: boolean;
  addedBy: string | null;
}

/** A section of the meeting some people were excluded from (the id part 2 gave it). */
export interface ExcludedPartFact {
  sectionId: string;
  excludedPersonIds: string[];
}

/** A report from part 1 and the chair's decision on sharing it with parents. */
export interface ReportFact {
  /** The report's document id in the store (a report handed over without a document is not distributed here). */
  reportId: string;
  agencyId: string;
  notForSharingWithParents: boolean;
}

export interface Part {
  partId: string;
  kind: PartKind;
  sha256: string;
  /** For an excluded section. */
  sectionId: string | null;
  /** For a report's text. */
  reportId: string | null;
  /** For a confidential address: whose. */
  addressOfPersonId: string | null;
}

export interface DocumentVersion {
  version: number;
  origin: DocumentOrigin;
  templateId: string | null;
  registeredAt: string;
  registeredBy: string;
  parts: Part[];
}

export interface DistributedDocument {
  documentId: string;
  kind: DocumentKind;
  versions: DocumentVersion[];
}

/** What one pack holds of one document: the version and the parts. */
export interface PackDocument {
  documentId: string;
  version: number;
  partIds: string[];
}

/** One recipient's pack of one issue of a round, sent through their personal link. */
export interface Pack {
  packId: string;
  recipientId: string;
  round: Round;
  /** 1 for the first sending of the round; a corrected version of the minutes is issue 2, and so on. */
  issue: number;
  documents: PackDocument[];
  channel: Channel;
  status: PackStatus;
  /** Raised by every resending, so each sending has its own idempotency key. */
  attempt: number;
  queuedAt: string;
  /** The last London day the link opens: the queuing day plus personalLinkExpiryDays. */
  linkExpiresOn: string;
  sentAt: string | null;
  deliveredAt: string | null;
  rejectedAt: string | null;
  firstOpenedAt: string | null;
  /** Minutes: the last day the recipient may ask for a correction (from delivery, else sending). */
  correctionsCloseOn: string | null;
  supersededAt: string | null;
  supersededBy: string | null;
  revokedAt: string | null;
}

/** The chair's approval of one issue of a round. */
export interface Approval {
  round: Round;
  issue: number;
  approvedAt: string;
  approvedBy: string;
  /** The version of each document of the round when it was approved. */
  documentVersions: { documentId: string; version: number }[];
  /** Professionals the chair marked as needing someone's confidential address. */
  addressNeeds: { professionalId: string; addressOfPersonId: string }[];
  packIds: string[];
}

export interface Correction {
  /** The stored request's id (its text is in the document store). */
  correctionId: string;
  recipientId: string;
  packId: string;
  requestedAt: string;
  answerDueBy: string;
  answer: { accepted: boolean; by: string; at: string } | null;
  /** The minutes issue that carried an accepted correction. */
  issuedIn: number | null;
}

/** A pack sent in error: what was exposed, to whom, when, and whether it was opened. */
export interface DataProtectionIncident {
  incidentId: string;
  packId: string;
  recipientId: string;
  exposedPartIds: string[];
  documents: PackDocument[];
  statusAtRevocation: PackStatus;
  sentAt: string | null;
  opened: boolean;
  firstOpenedAt: string | null;
  revokedAt: string;
  revokedBy: string;
  reason: RevocationReason;
}

/** Anchors of the clocks, computed by the actions; each is the due date (0 working days from it). */
export interface DistributionClocks {
  decisionsDueBy: string;
  /** Cleared once the first issue of the minutes has gone to everyone: a correction has its own clock. */
  minutesDueBy: string | null;
  /** The earliest answer due among the corrections awaiting the chair. */
  correctionAnswerDueBy: string | null;
}

/** A child decided on, by id: the outcome and a plan's categories (the decisions' template reads them). */
export interface ChildOutcome {
  childId: string;
  outcome: 'plan' | 'child-in-need' | 'no-further-action';
  categories: string[];
}

export interface DistributionContext {
  /** The conference's case reference (its workflow is this one's parent). */
  reference: string;
  area: string;
  householdId: string;
  conferenceKind: string;
  /** The day the conference was held. */
  conferenceDate: string;
  chairSub: string;
  figures: DistributionFigures;
  recipients: Recipient[];
  exclusions: ExcludedPartFact[];
  reports: ReportFact[];
  /** People whose address is confidential: a confidential-address part names one of them. */
  confidentialAddressHolders: string[];
  children: ChildOutcome[];
  /** Professionals who came uninvited: not on the list unless the chair adds them. */
  uninvitedAttendeePersonIds: string[];
  documents: DistributedDocument[];
  approvals: Approval[];
  packs: Pack[];
  corrections: Correction[];
  incidents: DataProtectionIncident[];
  clocks: DistributionClocks;
  /** When every first-issue minutes pack had gone out. */
  minutesFirstSentAt: string | null;
}
