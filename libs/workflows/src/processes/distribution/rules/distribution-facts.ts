/**
 * The conference's facts the distribution rule judges a list against, and the list itself. Ids
 * only: people by the service's person id, documents and their parts by their own ids.
 */

/** A recipient's relation to the conference. Everyone but a professional is on the family's side. */
export const RECIPIENT_ROLES = ['parent', 'carer', 'family-member', 'professional'] as const;
export type RecipientRole = (typeof RECIPIENT_ROLES)[number];

export interface DistributionPerson {
  personId: string;
  role: RecipientRole;
}

/** A document (decisions and outline plan, minutes, a report) and the parts it is made of. */
export interface DistributionDocument {
  documentId: string;
  partIds: readonly string[];
}

/** A part recording a section of the meeting from which these people were excluded (part 2 gave the id). */
export interface ExcludedSection {
  partId: string;
  excludedPersonIds: readonly string[];
}

/**
 * A report part and the chair's decision on sharing it with the family. Set notForSharingWithParents
 * while an agency's request awaits the chair too: until decided, it is not for sharing.
 */
export interface ReportPart {
  partId: string;
  notForSharingWithParents: boolean;
}

/** A part that holds this person's confidential address. */
export interface ConfidentialAddressPart {
  partId: string;
  addressOfPersonId: string;
}

/** The chair marked this professional as needing this person's confidential address. */
export interface AddressNeed {
  professionalId: string;
  addressOfPersonId: string;
}

export interface DistributionFacts {
  /** Everyone who may be on the list; anyone else is refused. */
  people: readonly DistributionPerson[];
  /** Every document and its parts; a part not listed in its document is refused. */
  documents: readonly DistributionDocument[];
  excludedSections: readonly ExcludedSection[];
  reports: readonly ReportPart[];
  confidentialAddresses: readonly ConfidentialAddressPart[];
  addressNeeds: readonly AddressNeed[];
}

/** What one recipient is to receive: per document, the parts. */
export interface RecipientEntry {
  recipientId: string;
  documents: readonly { documentId: string; partIds: readonly string[] }[];
}

/** A proposed distribution list, for the chair's approval. */
export interface DistributionList {
  recipients: readonly RecipientEntry[];
}
