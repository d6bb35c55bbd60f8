/**
 * Who may receive which part of a conference's documents (UK GDPR; Working Together). A part is
 * withheld from a recipient when:
 * - `excluded-section`: it records a section of the meeting the recipient was excluded from;
 * - `report-not-for-parents`: it is a report not for sharing with parents and the recipient is on
 *   the family's side (a parent, a carer or another family member: what one of them receives, the
 *   parents can see);
 * - `confidential-address`: it holds someone else's confidential address and the recipient is on
 *   the family's side, or a professional the chair has not marked as needing that address.
 * The list is refused outright, failing closed, for a recipient the facts do not know
 * (`unknown-recipient`) or a part its document does not have (`unknown-part`).
 *
 * approveDistribution and assemblePack apply the same per-part rule, so a pack assembled for
 * anyone is always approvable, and a list is approved only when no part reaches anyone it must not.
 */
import type {
  DistributionFacts,
  DistributionList,
  DistributionPerson,
  RecipientEntry,
} from './distribution-facts';

/** The rules a part can break for a recipient. */
export const WITHHOLDING_RULES = [
  'excluded-section',
  'report-not-for-parents',
  'confidential-address',
] as const;
export type WithholdingRule = (typeof WITHHOLDING_RULES)[number];

/** Every rule a list can break: the withholding rules, and the two that fail closed on unknown ids. */
export type DistributionRule = WithholdingRule | 'unknown-recipient' | 'unknown-part';

/** One refused delivery: the rule, the recipient, and (except for an unknown recipient) the part and its document. */
export interface DistributionViolation {
  rule: DistributionRule;
  recipientId: string;
  documentId?: string;
  partId?: string;
}

export type DistributionApproval =
  { approved: true } | { approved: false; violations: DistributionViolation[] };

const isFamilySide = (person: DistributionPerson): boolean => person.role !== 'professional';

/** The withholding rules a part breaks for a recipient; a recipient the facts do not know is judged as on the family side. */
export function withholdingRulesFor(
  recipientId: string,
  partId: string,
  facts: DistributionFacts,
): WithholdingRule[] {
  const recipient = facts.people.find((person) => person.personId === recipientId);
  const broken: WithholdingRule[] = [];
  if (facts.excludedSections.some((s) => s.partId === partId && s.excludedPersonIds.includes(recipientId))) {
    broken.push('excluded-section');
  }
  const familySide = recipient === undefined || isFamilySide(recipient);
  if (familySide && facts.reports.some((r) => r.partId === partId && r.notForSharingWithParents)) {
    broken.push('report-not-for-parents');
  }
  const othersAddresses = facts.confidentialAddresses.filter(
    (a) => a.partId === partId && a.addressOfPersonId !== recipientId,
  );
  const addressWithheld = othersAddresses.some(
    (address) =>
      familySide ||
      !facts.addressNeeds.some(
        (need) => need.professionalId === recipientId && need.addressOfPersonId === address.addressOfPersonId,
      ),
  );
  if (addressWithheld) broken.push('confidential-address');
  return broken;
}

/** The part ids of a document the recipient may receive, in the document's order; nothing for an unknown recipient. */
export function assemblePack(
  recipientId: string,
  documentPartIds: readonly string[],
  facts: DistributionFacts,
): string[] {
  if (!facts.people.some((person) => person.personId === recipientId)) return [];
  return documentPartIds.filter((partId) => withholdingRulesFor(recipientId, partId, facts).length === 0);
}

function entryViolations(entry: RecipientEntry, facts: DistributionFacts): DistributionViolation[] {
  const { recipientId } = entry;
  if (!facts.people.some((person) => person.personId === recipientId))
    return [{ rule: 'unknown-recipient', recipientId }];
  return entry.documents.flatMap(({ documentId, partIds }) => {
    const known = new Set(facts.documents.find((d) => d.documentId === documentId)?.partIds ?? []);
    return partIds.flatMap((partId): DistributionViolation[] =>
      known.has(partId)
        ? withholdingRulesFor(recipientId, partId, facts).map((rule) => ({
            rule,
            recipientId,
            documentId,
            partId,
          }))
        : [{ rule: 'unknown-part', recipientId, documentId, partId }],
    );
  });
}

/** The chair's approval of a list: approved, or every violation (rule and recipient, with the part). */
export function approveDistribution(facts: DistributionFacts, list: DistributionList): DistributionApproval {
  const violations = list.recipients.flatMap((entry) => entryViolations(entry, facts));
  return violations.length === 0 ? { approved: true } : { approved: false, violations };
}

/** A draft list: each recipient gets every document, assembled to the parts they may receive (documents left empty are dropped). */
export function draftDistributionList(
  facts: DistributionFacts,
  recipientIds: readonly string[],
): DistributionList {
  return {
    recipients: recipientIds.map((recipientId) => ({
      recipientId,
      documents: facts.documents
        .map((document) => ({
          documentId: document.documentId,
          partIds: assemblePack(recipientId, document.partIds, facts),
        }))
        .filter((document) => document.partIds.length > 0),
    })),
  };
}
