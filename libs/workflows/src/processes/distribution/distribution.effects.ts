import type { PackDocument } from './distribution.context';
import type {
  Channel,
  DISTRIBUTION_EFFECTS,
  DistributionNotifyRole,
  DistributionTemplate,
  PackStatus,
  RevocationReason,
  RevokeReason,
  Round,
} from './distribution.vocabulary';

/** A message to a role about the distribution: its reference and a template, never a name. */
export interface DistributionNotifyEffect {
  type: typeof DISTRIBUTION_EFFECTS.notify;
  role: DistributionNotifyRole;
  template: DistributionTemplate;
  reference: string;
}

/**
 * One recipient's pack: the API assembles it from the document store from these part ids and
 * nothing else, and sends the recipient their personal link (or prints it, for a letter). Ids
 * only: the address or email is looked up from the recipient's id when it is sent.
 */
export interface SendPackEffect {
  type: typeof DISTRIBUTION_EFFECTS.sendPack;
  reference: string;
  packId: string;
  recipientId: string;
  round: Round;
  issue: number;
  attempt: number;
  channel: Channel;
  documents: PackDocument[];
  /** Every part of the pack, in document order. */
  partIds: string[];
  linkExpiresOn: string;
}

export interface RevokePackEffect {
  type: typeof DISTRIBUTION_EFFECTS.revokePack;
  reference: string;
  packId: string;
  recipientId: string;
  reason: RevokeReason;
}

/** For the data protection officer: what was exposed, to whom, when, and whether it was opened. */
export interface DataProtectionIncidentEffect {
  type: typeof DISTRIBUTION_EFFECTS.dataProtectionIncident;
  reference: string;
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
  /** Who revoked it (their sign-in id) and why. */
  revokedBy: string;
  reason: RevocationReason;
}

export type DistributionEffect =
  DistributionNotifyEffect | SendPackEffect | RevokePackEffect | DataProtectionIncidentEffect;
