import type { EventMeta } from '../../engine';
import { approveDistribution, assemblePack, withholdingRulesFor } from './rules';
import type { DistributionFacts, DistributionList, DistributionRule, WithholdingRule } from './rules';
import type {
  DistributedDocument,
  DistributionContext,
  DocumentVersion,
  Pack,
  PackDocument,
} from './distribution.context';
import type { ApprovalPayload } from './distribution.payloads';
import {
  DISTRIBUTION_ACTING_ROLES,
  DOCUMENT_IDS,
  LIVE_PACK_STATUSES,
  Round,
} from './distribution.vocabulary';

/**
 * From the context to the pure rule (rules/): the facts a list is judged against, the chair's
 * approval judged (the same judgement the guard and the 422's details use), and the packs an
 * approved list makes.
 */

export const isTheChair = (context: DistributionContext, meta: EventMeta) =>
  meta.actor.role === DISTRIBUTION_ACTING_ROLES.chair && meta.actor.sub === context.chairSub;

export const latestVersion = (document: DistributedDocument | undefined): DocumentVersion | undefined =>
  document?.versions[document.versions.length - 1];

export const findDocument = (context: DistributionContext, documentId: string) =>
  context.documents.find((document) => document.documentId === documentId);

/** The documents a round sends, each with a version: the decisions; or the minutes and every report registered. */
export function roundDocuments(context: DistributionContext, round: Round): DistributedDocument[] {
  return context.documents.filter((document) =>
    round === 'decisions' ? document.kind === 'decisions' : document.kind !== 'decisions',
  );
}

/** What the rule judges: the recipients, the round's current versions, and what each part holds. */
export function distributionFacts(
  context: DistributionContext,
  round: Round,
  addressNeeds: ApprovalPayload['addressNeeds'],
): DistributionFacts {
  const parts = roundDocuments(context, round).flatMap((document) => latestVersion(document)?.parts ?? []);
  return {
    people: context.recipients.map(({ personId, role }) => ({ personId, role })),
    documents: roundDocuments(context, round).map((document) => ({
      documentId: document.documentId,
      partIds: latestVersion(document)?.parts.map((part) => part.partId) ?? [],
    })),
    excludedSections: parts
      .filter((part) => part.kind === 'excluded-section')
      .map((part) => ({
        partId: part.partId,
        excludedPersonIds:
          context.exclusions.find((e) => e.sectionId === part.sectionId)?.excludedPersonIds ?? [],
      })),
    // Fail closed: a report the start did not name is judged not for sharing.
    reports: parts
      .filter((part) => part.kind === 'report')
      .map((part) => ({
        partId: part.partId,
        notForSharingWithParents:
          context.reports.find((r) => r.reportId === part.reportId)?.notForSharingWithParents ?? true,
      })),
    confidentialAddresses: parts
      .filter((part) => part.kind === 'confidential-address')
      .map((part) => ({ partId: part.partId, addressOfPersonId: part.addressOfPersonId! })),
    addressNeeds: addressNeeds.map(({ professionalId, addressOfPersonId }) => ({
      professionalId,
      addressOfPersonId,
    })),
  };
}

/** The rules of the machine around the pure rule's: who approves, what a round holds, who must be on it. */
export type MachineApprovalRule =
  | 'not-the-chair'
  | 'document-not-in-round'
  | 'invitee-missing'
  | 'recipient-missing'
  | 'recipient-not-on-the-list';

/** One reason a list is refused: the rule and (except for the chair's own) the recipient, with the document and part. */
export interface ApprovalRefusal {
  rule: DistributionRule | MachineApprovalRule;
  recipientId?: string;
  documentId?: string;
  partId?: string;
}

const roundOf = (type: string): Round => (type.startsWith('decisions') ? 'decisions' : 'minutes');

/** The issue an approval of this round makes: 1, then one more after each accepted correction of the minutes. */
export const nextIssue = (context: DistributionContext, round: Round) =>
  context.approvals.filter((approval) => approval.round === round).length + 1;

/** The recipients whose pack of the round's latest issue still stands (a revoked one gets no corrected version). */
export function standingRecipients(context: DistributionContext, round: Round): string[] {
  const issue = nextIssue(context, round) - 1;
  return context.packs
    .filter((pack) => pack.round === round && pack.issue === issue && pack.status !== 'revoked')
    .map((pack) => pack.recipientId);
}

/** Every reason the chair's approval is refused; none when it stands. */
export function approvalRefusals(
  context: DistributionContext,
  event: ApprovalPayload & { type: string; meta: EventMeta },
): ApprovalRefusal[] {
  if (!isTheChair(context, event.meta)) return [{ rule: 'not-the-chair' }];
  const round = roundOf(event.type);
  const inRound = new Set(roundDocuments(context, round).map((document) => document.documentId));
  const refusals: ApprovalRefusal[] = event.recipients.flatMap(({ recipientId, documents }) =>
    documents
      .filter(({ documentId }) => !inRound.has(documentId))
      .map(({ documentId }) => ({ rule: 'document-not-in-round' as const, recipientId, documentId })),
  );
  const listed = new Set(event.recipients.map((entry) => entry.recipientId));
  if (round === 'decisions') {
    const receiving = new Set(
      event.recipients
        .filter((entry) =>
          entry.documents.some((d) => d.documentId === DOCUMENT_IDS.decisions && d.partIds.length > 0),
        )
        .map((entry) => entry.recipientId),
    );
    for (const recipient of context.recipients)
      if (recipient.invited && !receiving.has(recipient.personId))
        refusals.push({ rule: 'invitee-missing', recipientId: recipient.personId });
  } else if (nextIssue(context, round) > 1) {
    // A corrected version goes to the same list as the version it corrects.
    const standing = new Set(standingRecipients(context, round));
    for (const recipientId of standing)
      if (!listed.has(recipientId)) refusals.push({ rule: 'recipient-missing', recipientId });
    for (const recipientId of listed)
      if (!standing.has(recipientId)) refusals.push({ rule: 'recipient-not-on-the-list', recipientId });
  }
  const result = approveDistribution(
    distributionFacts(context, round, event.addressNeeds),
    listOf(event, inRound),
  );
  return result.approved ? refusals : [...refusals, ...result.violations];
}

function listOf(payload: ApprovalPayload, inRound: ReadonlySet<string>): DistributionList {
  return {
    recipients: payload.recipients.map(({ recipientId, documents }) => ({
      recipientId,
      documents: documents.filter(({ documentId }) => inRound.has(documentId)),
    })),
  };
}

/**
 * The packs an approved list makes: per recipient, per document listed, the parts assemblePack
 * allows of those listed, in the document's order (the rule applied again, failing closed).
 * A recipient left with no part gets no pack.
 */
export function packsFor(
  context: DistributionContext,
  round: Round,
  payload: ApprovalPayload,
): { recipientId: string; documents: PackDocument[] }[] {
  const facts = distributionFacts(context, round, payload.addressNeeds);
  return payload.recipients
    .map(({ recipientId, documents }) => ({
      recipientId,
      documents: documents.flatMap(({ documentId, partIds }): PackDocument[] => {
        const version = latestVersion(findDocument(context, documentId));
        if (!version) return [];
        const listed = new Set(partIds);
        const allowed = assemblePack(
          recipientId,
          version.parts.map((part) => part.partId).filter((partId) => listed.has(partId)),
          facts,
        );
        return allowed.length > 0 ? [{ documentId, version: version.version, partIds: allowed }] : [];
      }),
    }))
    .filter((entry) => entry.documents.length > 0);
}

/** The list the API shows the chair to start from: every recipient, every part they may receive. */
export function draftList(context: DistributionContext, round: Round): ApprovalPayload {
  const facts = distributionFacts(context, round, []);
  const recipientIds =
    round === 'minutes' && nextIssue(context, round) > 1
      ? standingRecipients(context, round)
      : context.recipients.map((recipient) => recipient.personId);
  return {
    recipients: recipientIds.map((recipientId) => ({
      recipientId,
      documents: facts.documents.map((document) => ({
        documentId: document.documentId,
        partIds: assemblePack(recipientId, document.partIds, facts),
      })),
    })),
    addressNeeds: [],
  };
}

export const isLive = (pack: Pack) => LIVE_PACK_STATUSES.includes(pack.status);
export const isOut = (pack: Pack) => pack.status === 'sent' || pack.status === 'delivered';

/**
 * Who may not receive each part of a round's current versions, and why (before any address need
 * the chair marks): for the API to show the chair beside the draft.
 */
export function partWithholdings(
  context: DistributionContext,
  round: Round,
): {
  documentId: string;
  partId: string;
  withheldFrom: { recipientId: string; rules: WithholdingRule[] }[];
}[] {
  const facts = distributionFacts(context, round, []);
  return facts.documents.flatMap(({ documentId, partIds }) =>
    partIds.map((partId) => ({
      documentId,
      partId,
      withheldFrom: context.recipients
        .map(({ personId }) => ({
          recipientId: personId,
          rules: withholdingRulesFor(personId, partId, facts),
        }))
        .filter((entry) => entry.rules.length > 0),
    })),
  );
}
