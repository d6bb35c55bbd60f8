/**
 * The distribution process's words: its type and version, the events, the documents and their
 * parts, the clocks, the roles told and the effects declared. Every other file of the process
 * names these constants, never the strings.
 */
/** The conference names the process it starts; the two agree by sharing the one constant. */
export { DISTRIBUTION_TYPE } from '../conference/conference.handover';
/** Nothing deployed yet: no instance or journal holds an older shape. */
export const DISTRIBUTION_VERSION = 1;

export { RECIPIENT_ROLES } from './rules/distribution-facts';
export type { RecipientRole } from './rules/distribution-facts';

export const DISTRIBUTION_EVENTS = {
  /** The chair adds someone who was not invited (a GP who did not attend). */
  recipientAdded: 'recipient.added',
  decisionsRegistered: 'decisions.registered',
  minutesRegistered: 'minutes.registered',
  reportRegistered: 'report.registered',
  /** The chair approves the list for the decisions and outline plan. */
  decisionsApproved: 'decisions.approved',
  /** The chair approves the minutes and the list for them (with the reports). */
  minutesApproved: 'minutes.approved',
  /** From the outbox dispatcher: the mail server took the email, or the printed pack was posted. */
  packSent: 'pack.sent',
  packDelivered: 'pack.delivered',
  packRejected: 'pack.rejected',
  /** The recipient first asked for the documents from the link's page (not the link followed). */
  packOpened: 'pack.opened',
  packResent: 'pack.resent',
  /** Sent in error: the link stops and a data-protection incident is recorded. */
  packRevoked: 'pack.revoked',
  correctionRequested: 'correction.requested',
  correctionAnswered: 'correction.answered',
} as const;
export type DistributionEventType = (typeof DISTRIBUTION_EVENTS)[keyof typeof DISTRIBUTION_EVENTS];

/** The two sendings: the decisions and outline plan, then the minutes with the reports. */
export const ROUNDS = ['decisions', 'minutes'] as const;
export type Round = (typeof ROUNDS)[number];

/** The fixed document ids; a report's document id is REPORT_DOCUMENT_PREFIX and its report id. */
export const DOCUMENT_IDS = { decisions: 'decisions', minutes: 'minutes' } as const;
export const REPORT_DOCUMENT_PREFIX = 'report:';
export const DOCUMENT_KINDS = ['decisions', 'minutes', 'report'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * What a part of a document is: the body (`main`), a section some people were excluded from
 * (naming the exclusion), a report's text (naming the report), or a passage holding someone's
 * confidential address (naming whose). The bytes live in the document store.
 */
export const PART_KINDS = ['main', 'excluded-section', 'report', 'confidential-address'] as const;
export type PartKind = (typeof PART_KINDS)[number];

/** How a version came to be: uploaded, or drafted from a template the service filled with the conference's facts. */
export const DOCUMENT_ORIGINS = ['uploaded', 'template'] as const;
export type DocumentOrigin = (typeof DOCUMENT_ORIGINS)[number];
export const DOCUMENT_TEMPLATES = {
  decisions: 'decisions-and-outline-plan',
  minutes: 'conference-minutes',
} as const;
export type DocumentTemplate = (typeof DOCUMENT_TEMPLATES)[keyof typeof DOCUMENT_TEMPLATES];

export const CHANNELS = ['email', 'letter'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * A pack's life: queued (send effect declared), sent (mail server took it, or posted), delivered
 * (email), rejected (email refused or bounced: resend), superseded (a corrected version went to
 * its recipient), revoked (sent in error). A superseded or revoked pack's link answers 410.
 */
export const PACK_STATUSES = ['queued', 'sent', 'delivered', 'rejected', 'superseded', 'revoked'] as const;
export type PackStatus = (typeof PACK_STATUSES)[number];
export const LIVE_PACK_STATUSES: readonly PackStatus[] = ['queued', 'sent', 'delivered', 'rejected'];

export const REVOCATION_REASONS = [
  'wrong-recipient',
  'withheld-part-included',
  'wrong-document',
  'other',
] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

/** Clocks, one per document kind (until keyed clocks exist); each kind names its ladder. */
export const DISTRIBUTION_DEADLINES = {
  /** Decisions and outline plan to every invitee within decisionsDistributionWorkingDays (1). */
  decisions: 'distribution-decisions',
  /** Minutes drafted, approved and sent within minutesDistributionWorkingDays (15). */
  minutes: 'distribution-minutes',
  /** The chair's answer to a correction within correctionAnswerWorkingDays (5) of its request. */
  correctionAnswer: 'distribution-correction-answer',
} as const;

export const DISTRIBUTION_ACTING_ROLES = { chair: 'chair' } as const;

export const DISTRIBUTION_NOTIFY_ROLES = {
  coordinator: 'coordinator',
  chair: 'chair',
  manager: 'manager',
} as const;
export type DistributionNotifyRole =
  (typeof DISTRIBUTION_NOTIFY_ROLES)[keyof typeof DISTRIBUTION_NOTIFY_ROLES];

export const DISTRIBUTION_TEMPLATES = {
  decisionsToApprove: 'distribution.decisions-to-approve',
  minutesToApprove: 'distribution.minutes-to-approve',
  packRejected: 'distribution.pack-rejected',
  correctionRequested: 'distribution.correction-requested',
  correctionAccepted: 'distribution.correction-accepted',
  packRevoked: 'distribution.pack-revoked',
} as const;
export type DistributionTemplate = (typeof DISTRIBUTION_TEMPLATES)[keyof typeof DISTRIBUTION_TEMPLATES];

/** The effect types this process declares (performed by libs/timers after commit). */
export const DISTRIBUTION_EFFECTS = {
  notify: 'notify',
  /** One recipient's pack through their personal link (email), or a printed pack to post (letter). */
  sendPack: 'distribution.send-pack',
  /** The pack's link stops at once (410): superseded by a new version, or sent in error. */
  revokePack: 'distribution.revoke-pack',
  /** A personal data breach to record for the data protection officer (ICO within 72 hours). */
  dataProtectionIncident: 'distribution.data-protection-incident',
} as const;

/** Why a link stops. */
export const REVOKE_REASONS = ['superseded', 'sent-in-error'] as const;
export type RevokeReason = (typeof REVOKE_REASONS)[number];
