import type { EventMeta } from '../../engine';
import {
  correctionAnswerDueBy,
  correctionsCloseOn,
  decisionsDueBy,
  linkExpiresOn,
  minutesDueBy,
  receivedAt,
} from './distribution.clocks';
import type { DistributionContext, DocumentVersion, Pack, Part } from './distribution.context';
import type { DistributionEffect, DistributionNotifyEffect, SendPackEffect } from './distribution.effects';
import type { DistributionEvent } from './distribution.events';
import { findDocument, isLive, isOut, nextIssue, packsFor, roundDocuments } from './distribution.facts';
import type { DistributionInput, DocumentRegisteredPayload } from './distribution.payloads';
import {
  Channel,
  DISTRIBUTION_EFFECTS,
  DISTRIBUTION_EVENTS as E,
  DISTRIBUTION_TEMPLATES as T,
  DistributionNotifyRole,
  DistributionTemplate,
  DOCUMENT_IDS,
  DocumentKind,
  RecipientRole,
  REPORT_DOCUMENT_PREFIX,
  Round,
} from './distribution.vocabulary';

/**
 * What each step of the machine changes and declares, as pure functions of the context and the
 * event: the machine's actions assign `changes` and emit `effects`, nothing else.
 */
export interface Update {
  changes: Partial<DistributionContext>;
  effects: DistributionEffect[];
}

const none: Update = { changes: {}, effects: [] };

const notify = (
  role: DistributionNotifyRole,
  template: DistributionTemplate,
  reference: string,
): DistributionNotifyEffect => ({
  type: DISTRIBUTION_EFFECTS.notify,
  role,
  template,
  reference,
});

/** A conference role as the distribution rule sees it: everyone but a professional is on the family's side. */
export function recipientRoleOf(invitedAs: string): RecipientRole {
  if (invitedAs === 'parent' || invitedAs === 'carer') return invitedAs;
  if (invitedAs === 'child') return 'family-member';
  return 'professional';
}

export function initialContext(input: DistributionInput & { meta: EventMeta }): DistributionContext {
  return {
    reference: input.conferenceReference,
    area: input.area,
    householdId: input.householdId,
    conferenceKind: input.conferenceKind,
    conferenceDate: input.heldOn,
    chairSub: input.chairSub,
    figures: { ...input.figures, localClosureDays: [...input.figures.localClosureDays] },
    recipients: input.invitees.map(({ personId, invitedAs, contactBy }) => ({
      personId,
      role: recipientRoleOf(invitedAs),
      hasEmail: contactBy === 'email',
      invited: true,
      addedBy: null,
    })),
    exclusions: input.exclusions.map(({ partId, excludedPersonIds }) => ({
      sectionId: partId,
      excludedPersonIds: [...excludedPersonIds],
    })),
    // A report handed over as a case-management reference only has no document to distribute.
    reports: input.reports.flatMap(({ key, documentId, notForSharingWithParents }) =>
      documentId ? [{ reportId: documentId, agencyId: key, notForSharingWithParents }] : [],
    ),
    confidentialAddressHolders: [...input.confidentialAddressPersonIds],
    children: input.children.map(({ childId, outcome, categories }) => ({
      childId,
      outcome,
      categories: [...categories],
    })),
    uninvitedAttendeePersonIds: [...input.uninvitedAttendeePersonIds],
    documents: [],
    approvals: [],
    packs: [],
    corrections: [],
    incidents: [],
    clocks: {
      decisionsDueBy: decisionsDueBy(input.heldOn, input.figures),
      minutesDueBy: minutesDueBy(input.heldOn, input.figures),
      correctionAnswerDueBy: null,
    },
    minutesFirstSentAt: null,
  };
}

/** The clocks' anchors and the minutes' first full sending, from the rest of the context (run after every step). */
export function refreshClocks(context: DistributionContext, at: string): Partial<DistributionContext> {
  const firstMinutes = context.packs.filter(
    (p) => p.round === 'minutes' && p.issue === 1 && p.status !== 'revoked',
  );
  const minutesFirstSentAt =
    context.minutesFirstSentAt ??
    (firstMinutes.length > 0 && firstMinutes.every((p) => isOut(p) || p.status === 'superseded') ? at : null);
  const pendingDue = context.corrections
    .filter((c) => c.answer === null)
    .map((c) => c.answerDueBy)
    .sort();
  return {
    minutesFirstSentAt,
    clocks: {
      decisionsDueBy: context.clocks.decisionsDueBy,
      minutesDueBy:
        minutesFirstSentAt === null ? minutesDueBy(context.conferenceDate, context.figures) : null,
      correctionAnswerDueBy: pendingDue[0] ?? null,
    },
  };
}

export function addRecipient(context: DistributionContext, event: DistributionEvent): Update {
  if (event.type !== E.recipientAdded) return none;
  const { personId, role, hasEmail } = event;
  return {
    changes: {
      recipients: [
        ...context.recipients,
        { personId, role, hasEmail, invited: false, addedBy: event.meta.actor.sub },
      ],
    },
    effects: [],
  };
}

const partOf = (input: DocumentRegisteredPayload['parts'][number]): Part => ({
  partId: input.partId,
  kind: input.kind,
  sha256: input.sha256,
  sectionId: input.sectionId ?? null,
  reportId: input.reportId ?? null,
  addressOfPersonId: input.addressOfPersonId ?? null,
});

/** A new version of a document: the next number, its parts (ids, kinds, hashes, what each holds). */
export function registerDocument(context: DistributionContext, event: DistributionEvent): Update {
  let documentId: string;
  let kind: DocumentKind;
  if (event.type === E.decisionsRegistered) [documentId, kind] = [DOCUMENT_IDS.decisions, 'decisions'];
  else if (event.type === E.minutesRegistered) [documentId, kind] = [DOCUMENT_IDS.minutes, 'minutes'];
  else if (event.type === E.reportRegistered)
    [documentId, kind] = [`${REPORT_DOCUMENT_PREFIX}${event.reportId}`, 'report'];
  else return none;
  const existing = findDocument(context, documentId);
  const version: DocumentVersion = {
    version: (existing?.versions.length ?? 0) + 1,
    origin: event.origin,
    templateId: event.templateId ?? null,
    registeredAt: event.meta.at,
    registeredBy: event.meta.actor.sub,
    parts: event.parts.map(partOf),
  };
  const documents = existing
    ? context.documents.map((d) => (d === existing ? { ...d, versions: [...d.versions, version] } : d))
    : [...context.documents, { documentId, kind, versions: [version] }];
  const effects =
    kind === 'decisions'
      ? [notify('chair', T.decisionsToApprove, context.reference)]
      : kind === 'minutes'
        ? [notify('chair', T.minutesToApprove, context.reference)]
        : [];
  return { changes: { documents }, effects };
}

const channelOf = (context: DistributionContext, recipientId: string): Channel =>
  context.recipients.find((r) => r.personId === recipientId)?.hasEmail ? 'email' : 'letter';

const sendEffect = (context: DistributionContext, pack: Pack): SendPackEffect => ({
  type: DISTRIBUTION_EFFECTS.sendPack,
  reference: context.reference,
  packId: pack.packId,
  recipientId: pack.recipientId,
  round: pack.round,
  issue: pack.issue,
  attempt: pack.attempt,
  channel: pack.channel,
  documents: pack.documents.map((d) => ({ ...d, partIds: [...d.partIds] })),
  partIds: pack.documents.flatMap((d) => d.partIds),
  linkExpiresOn: pack.linkExpiresOn,
});

export const packIdOf = (round: Round, issue: number, recipientId: string) =>
  `${round}.${issue}.${recipientId}`;

/**
 * The chair's approval: one pack per recipient with a part to receive, queued with its personal
 * link's expiry. A corrected issue of the minutes supersedes every earlier pack still standing
 * (its link stops) and carries the accepted corrections.
 */
export function approve(context: DistributionContext, event: DistributionEvent): Update {
  if (event.type !== E.decisionsApproved && event.type !== E.minutesApproved) return none;
  const round: Round = event.type === E.decisionsApproved ? 'decisions' : 'minutes';
  const issue = nextIssue(context, round);
  const queued: Pack[] = packsFor(context, round, event).map(({ recipientId, documents }) => ({
    packId: packIdOf(round, issue, recipientId),
    recipientId,
    round,
    issue,
    documents,
    channel: channelOf(context, recipientId),
    status: 'queued',
    attempt: 1,
    queuedAt: event.meta.at,
    linkExpiresOn: linkExpiresOn(event.meta.at, context.figures),
    sentAt: null,
    deliveredAt: null,
    rejectedAt: null,
    firstOpenedAt: null,
    correctionsCloseOn: null,
    supersededAt: null,
    supersededBy: null,
    revokedAt: null,
  }));
  const effects: DistributionEffect[] = [];
  const packs = context.packs.map((pack) => {
    if (pack.round !== round || pack.issue >= issue || !isLive(pack)) return pack;
    effects.push({
      type: DISTRIBUTION_EFFECTS.revokePack,
      reference: context.reference,
      packId: pack.packId,
      recipientId: pack.recipientId,
      reason: 'superseded',
    });
    const successor = queued.find((q) => q.recipientId === pack.recipientId);
    return {
      ...pack,
      status: 'superseded' as const,
      supersededAt: event.meta.at,
      supersededBy: successor?.packId ?? null,
    };
  });
  effects.unshift(...queued.map((pack) => sendEffect(context, pack)));
  const corrections =
    round === 'minutes'
      ? context.corrections.map((c) =>
          c.answer?.accepted && c.issuedIn === null ? { ...c, issuedIn: issue } : c,
        )
      : context.corrections;
  return {
    changes: {
      packs: [...packs, ...queued],
      corrections,
      approvals: [
        ...context.approvals,
        {
          round,
          issue,
          approvedAt: event.meta.at,
          approvedBy: event.meta.actor.sub,
          documentVersions: roundDocuments(context, round).map((d) => ({
            documentId: d.documentId,
            version: d.versions.length,
          })),
          addressNeeds: event.addressNeeds.map(({ professionalId, addressOfPersonId }) => ({
            professionalId,
            addressOfPersonId,
          })),
          packIds: queued.map((pack) => pack.packId),
        },
      ],
    },
    effects,
  };
}

const withPack = (context: DistributionContext, packId: string, change: (pack: Pack) => Pack) =>
  context.packs.map((pack) => (pack.packId === packId ? change(pack) : pack));

export const findPack = (context: DistributionContext, packId: string) =>
  context.packs.find((pack) => pack.packId === packId);

/** The mail server took it (or the printed pack was posted): a minutes recipient's correction window opens. */
export function markSent(context: DistributionContext, event: DistributionEvent): Update {
  if (event.type !== E.packSent) return none;
  const at = event.meta.at;
  return {
    changes: {
      packs: withPack(context, event.packId, (p) => ({
        ...p,
        status: 'sent',
        sentAt: at,
        correctionsCloseOn: p.round === 'minutes' ? correctionsCloseOn(at, context.figures) : null,
      })),
    },
    effects: [],
  };
}

/** Delivered (at the relay's time, bounded by the sending's and the report's): the correction window counts from receipt. */
export function markDelivered(context: DistributionContext, event: DistributionEvent): Update {
  if (event.type !== E.packDelivered) return none;
  return {
    changes: {
      packs: withPack(context, event.packId, (p) => {
        const at = receivedAt(event.deliveredAt, p.sentAt, event.meta.at);
        return {
          ...p,
          status: 'delivered',
          deliveredAt: at,
          correctionsCloseOn: p.round === 'minutes' ? correctionsCloseOn(at, context.figures) : null,
        };
      }),
    },
    effects: [],
  };
}

export function markRejected(context: DistributionContext, event: DistributionEvent): Update {
  if (event.type !== E.packRejected) return none;
  return {
    changes: {
      packs: withPack(context, event.packId, (p) => ({
        ...p,
        status: 'rejected',
        rejectedAt: event.meta.at,
        correctionsCloseOn: null,
      })),
    },
    effects: [notify('coordinator', T.packRejected, context.reference)],
  };
}

export function markOpened(context: DistributionContext, event: DistributionEvent): Update {
  if (event.type !== E.packOpened) return none;
  return {
    changes: { packs: withPack(context, event.packId, (p) => ({ ...p, firstOpenedAt: event.meta.at })) },
    effects: [],
  };
}

/** A rejected pack sent again (perhaps as a letter): the same pack, the next attempt, its link's expiry renewed. */
export function resend(context: DistributionContext, event: DistributionEvent): Update {
  if (event.type !== E.packResent) return none;
  let resent: Pack | undefined;
  const packs = withPack(context, event.packId, (p) => {
    resent = {
      ...p,
      status: 'queued',
      channel: event.channel,
      attempt: p.attempt + 1,
      rejectedAt: null,
      // The link the new sending carries runs from the day it goes out again.
      linkExpiresOn: linkExpiresOn(event.meta.at, context.figures),
    };
    return resent;
  });
  return { changes: { packs }, effects: resent ? [sendEffect(context, resent)] : [] };
}

/** Sent in error: the link stops at once and a data-protection incident is recorded for the DPO. */
export function revoke(context: DistributionContext, event: DistributionEvent): Update {
  if (event.type !== E.packRevoked) return none;
  const pack = findPack(context, event.packId);
  if (!pack) return none;
  const at = event.meta.at;
  const incident = {
    incidentId: `incident.${pack.packId}`,
    packId: pack.packId,
    recipientId: pack.recipientId,
    exposedPartIds: pack.documents.flatMap((d) => d.partIds),
    documents: pack.documents.map((d) => ({ ...d, partIds: [...d.partIds] })),
    statusAtRevocation: pack.status,
    sentAt: pack.sentAt,
    opened: pack.firstOpenedAt !== null,
    firstOpenedAt: pack.firstOpenedAt,
    revokedAt: at,
    revokedBy: event.meta.actor.sub,
    reason: event.reason,
  };
  return {
    changes: {
      packs: withPack(context, pack.packId, (p) => ({
        ...p,
        status: 'revoked',
        revokedAt: at,
        correctionsCloseOn: null,
      })),
      incidents: [...context.incidents, incident],
    },
    effects: [
      {
        type: DISTRIBUTION_EFFECTS.revokePack,
        reference: context.reference,
        packId: pack.packId,
        recipientId: pack.recipientId,
        reason: 'sent-in-error',
      },
      {
        type: DISTRIBUTION_EFFECTS.dataProtectionIncident,
        reference: context.reference,
        incidentId: incident.incidentId,
        packId: incident.packId,
        recipientId: incident.recipientId,
        exposedPartIds: incident.exposedPartIds,
        documents: incident.documents,
        statusAtRevocation: incident.statusAtRevocation,
        sentAt: incident.sentAt,
        opened: incident.opened,
        firstOpenedAt: incident.firstOpenedAt,
        revokedAt: at,
        revokedBy: incident.revokedBy,
        reason: incident.reason,
      },
      notify('manager', T.packRevoked, context.reference),
    ],
  };
}

export function requestCorrection(context: DistributionContext, event: DistributionEvent): Update {
  if (event.type !== E.correctionRequested) return none;
  const pack = findPack(context, event.packId);
  if (!pack) return none;
  return {
    changes: {
      corrections: [
        ...context.corrections,
        {
          correctionId: event.correctionId,
          recipientId: pack.recipientId,
          packId: pack.packId,
          requestedAt: event.meta.at,
          answerDueBy: correctionAnswerDueBy(event.meta.at, context.figures),
          answer: null,
          issuedIn: null,
        },
      ],
    },
    effects: [notify('chair', T.correctionRequested, context.reference)],
  };
}

/** The chair's answer; an accepted correction sends the minutes back for a new version to the same list. */
export function answerCorrection(context: DistributionContext, event: DistributionEvent): Update {
  if (event.type !== E.correctionAnswered) return none;
  const answer = { accepted: event.accepted, by: event.meta.actor.sub, at: event.meta.at };
  return {
    changes: {
      corrections: context.corrections.map((c) =>
        c.correctionId === event.correctionId ? { ...c, answer } : c,
      ),
    },
    effects: event.accepted ? [notify('coordinator', T.correctionAccepted, context.reference)] : [],
  };
}
