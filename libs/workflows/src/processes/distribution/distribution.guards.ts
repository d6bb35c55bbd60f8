import { londonDateOf } from './distribution.clocks';
import type { DistributionContext, Part } from './distribution.context';
import type { DistributionEvent } from './distribution.events';
import {
  approvalRefusals,
  findDocument,
  isOut,
  isTheChair,
  latestVersion,
  nextIssue,
} from './distribution.facts';
import type { DocumentRegisteredPayload } from './distribution.payloads';
import { findPack } from './distribution.steps';
import {
  DISTRIBUTION_EVENTS as E,
  DOCUMENT_IDS,
  DOCUMENT_TEMPLATES,
  REPORT_DOCUMENT_PREFIX,
  Round,
} from './distribution.vocabulary';

/**
 * The rules of the process as named, pure predicates over the context and the event. The engine
 * names the guards of a refused event in its 422; an approval's refusal also carries every rule
 * broken with its recipient (the definition's refusalDetails, from the same approvalRefusals).
 */
type Args = { context: DistributionContext; event: DistributionEvent };

const allParts = (context: DistributionContext) =>
  context.documents.flatMap((document) =>
    document.versions.flatMap((version) =>
      version.parts.map((part) => ({ documentId: document.documentId, part })),
    ),
  );

const samePart = (a: Part, b: DocumentRegisteredPayload['parts'][number]) =>
  a.kind === b.kind &&
  a.sha256 === b.sha256 &&
  a.sectionId === (b.sectionId ?? null) &&
  a.reportId === (b.reportId ?? null) &&
  a.addressOfPersonId === (b.addressOfPersonId ?? null);

/**
 * Every part names a fact the start gave (a section with its exclusions, a report, a holder of a
 * confidential address); a part id already used elsewhere is refused, and one already in this
 * document may recur only unchanged (a part carried into a new version as it was).
 */
function partsAreSound(
  context: DistributionContext,
  documentId: string,
  parts: DocumentRegisteredPayload['parts'],
) {
  const used = allParts(context);
  return parts.every((part) => {
    const earlier = used.filter((u) => u.part.partId === part.partId);
    if (earlier.some((u) => u.documentId !== documentId || !samePart(u.part, part))) return false;
    if (part.kind === 'excluded-section' && !context.exclusions.some((e) => e.sectionId === part.sectionId))
      return false;
    if (part.kind === 'report' && !context.reports.some((r) => r.reportId === part.reportId)) return false;
    if (
      part.kind === 'confidential-address' &&
      !context.confidentialAddressHolders.includes(part.addressOfPersonId!)
    )
      return false;
    return true;
  });
}

const attemptIs = (context: DistributionContext, packId: string, attempt: number) =>
  findPack(context, packId)?.attempt === attempt;

export const distributionGuards = {
  /** The chair adds someone not yet on the list. */
  chairAddsNewRecipient: ({ context, event }: Args) =>
    event.type === E.recipientAdded &&
    isTheChair(context, event.meta) &&
    !context.recipients.some((recipient) => recipient.personId === event.personId),
  /** Sound parts, and a draft from the decisions' own template. */
  decisionsPartsAreSound: ({ context, event }: Args) =>
    event.type === E.decisionsRegistered &&
    (event.templateId ?? DOCUMENT_TEMPLATES.decisions) === DOCUMENT_TEMPLATES.decisions &&
    partsAreSound(context, DOCUMENT_IDS.decisions, event.parts),
  /** Sound parts, and a draft from the minutes' own template. */
  minutesPartsAreSound: ({ context, event }: Args) =>
    event.type === E.minutesRegistered &&
    (event.templateId ?? DOCUMENT_TEMPLATES.minutes) === DOCUMENT_TEMPLATES.minutes &&
    partsAreSound(context, DOCUMENT_IDS.minutes, event.parts),
  /** A report the start named, whose text parts are its own (no body part of another kind). */
  reportPartsAreSound: ({ context, event }: Args) =>
    event.type === E.reportRegistered &&
    context.reports.some((r) => r.reportId === event.reportId) &&
    event.parts.every(
      (part) =>
        part.kind === 'confidential-address' || (part.kind === 'report' && part.reportId === event.reportId),
    ) &&
    partsAreSound(context, `${REPORT_DOCUMENT_PREFIX}${event.reportId}`, event.parts),
  /** The chair approves a list that breaks no rule (approvalRefusals names each one broken). */
  listKeepsTheRules: ({ context, event }: Args) =>
    (event.type === E.decisionsApproved || event.type === E.minutesApproved) &&
    approvalRefusals(context, event).length === 0,
  packAwaitsSending: ({ context, event }: Args) =>
    event.type === E.packSent &&
    findPack(context, event.packId)?.status === 'queued' &&
    attemptIs(context, event.packId, event.attempt),
  emailWasSent: ({ context, event }: Args) => {
    if (event.type !== E.packDelivered) return false;
    const pack = findPack(context, event.packId);
    return pack?.status === 'sent' && pack.channel === 'email' && pack.attempt === event.attempt;
  },
  emailCanBeRejected: ({ context, event }: Args) => {
    if (event.type !== E.packRejected) return false;
    const pack = findPack(context, event.packId);
    return (
      (pack?.status === 'queued' || pack?.status === 'sent') &&
      pack.channel === 'email' &&
      pack.attempt === event.attempt
    );
  },
  /** First opened: once, on a pack that went out and still stands (a superseded or revoked link answers 410). */
  packOpensFirstTime: ({ context, event }: Args) => {
    if (event.type !== E.packOpened) return false;
    const pack = findPack(context, event.packId);
    return pack !== undefined && isOut(pack) && pack.firstOpenedAt === null;
  },
  packWasRejected: ({ context, event }: Args) =>
    event.type === E.packResent && findPack(context, event.packId)?.status === 'rejected',
  /** Any pack not already revoked (a superseded one sent in error is an incident too). */
  packNotRevoked: ({ context, event }: Args) => {
    if (event.type !== E.packRevoked) return false;
    const pack = findPack(context, event.packId);
    return pack !== undefined && pack.status !== 'revoked';
  },
  /** A recipient of the standing minutes asks within their window, once per stored request. */
  correctionWithinWindow: ({ context, event }: Args) => {
    if (event.type !== E.correctionRequested) return false;
    const pack = findPack(context, event.packId);
    return (
      pack !== undefined &&
      pack.round === 'minutes' &&
      isOut(pack) &&
      pack.correctionsCloseOn !== null &&
      londonDateOf(event.meta.at) <= pack.correctionsCloseOn &&
      !context.corrections.some((c) => c.correctionId === event.correctionId)
    );
  },
  chairAnswersPendingCorrection: ({ context, event }: Args) =>
    event.type === E.correctionAnswered &&
    isTheChair(context, event.meta) &&
    context.corrections.some((c) => c.correctionId === event.correctionId && c.answer === null),
};

// ---------------------------------------------------------------- where each region is

export const DECISIONS_STATES = ['awaitingDraft', 'awaitingApproval', 'sending', 'sent'] as const;
export const MINUTES_STATES = ['drafting', 'awaitingApproval', 'sending', 'sent', 'revising'] as const;
export const CORRECTIONS_STATES = ['none', 'awaitingAnswer'] as const;
export type DecisionsState = (typeof DECISIONS_STATES)[number];
export type MinutesState = (typeof MINUTES_STATES)[number];
export type CorrectionsState = (typeof CORRECTIONS_STATES)[number];

const lastIssuePacks = (context: DistributionContext, round: Round) => {
  const issue = nextIssue(context, round) - 1;
  return context.packs.filter((p) => p.round === round && p.issue === issue && p.status !== 'revoked');
};

export function decisionsState(context: DistributionContext): DecisionsState {
  if (!latestVersion(findDocument(context, DOCUMENT_IDS.decisions))) return 'awaitingDraft';
  if (nextIssue(context, 'decisions') === 1) return 'awaitingApproval';
  return lastIssuePacks(context, 'decisions').every(isOut) ? 'sent' : 'sending';
}

const revisionPending = (context: DistributionContext) =>
  context.corrections.some((c) => c.answer?.accepted === true && c.issuedIn === null);

/**
 * The minutes: drafted, approved, sent; after an accepted correction, revising until a new
 * version is registered, which waits for the chair's approval to go to the same list.
 */
export function minutesState(context: DistributionContext): MinutesState {
  const latest = latestVersion(findDocument(context, DOCUMENT_IDS.minutes));
  if (!latest) return 'drafting';
  const lastApproval = context.approvals.filter((a) => a.round === 'minutes').at(-1);
  if (!lastApproval) return 'awaitingApproval';
  const issuedVersion =
    lastApproval.documentVersions.find((d) => d.documentId === DOCUMENT_IDS.minutes)?.version ?? 0;
  const revision = revisionPending(context);
  if (revision && latest.version > issuedVersion) return 'awaitingApproval';
  if (!lastIssuePacks(context, 'minutes').every(isOut)) return 'sending';
  return revision ? 'revising' : 'sent';
}

export const correctionsState = (context: DistributionContext): CorrectionsState =>
  context.corrections.some((c) => c.answer === null) ? 'awaitingAnswer' : 'none';
