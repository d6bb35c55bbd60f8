import type { EventMeta } from '../../engine';
import type {
  ApprovalPayload,
  CorrectionAnsweredPayload,
  CorrectionRequestedPayload,
  DocumentRegisteredPayload,
  PackDeliveredPayload,
  PackDeliveryPayload,
  PackOpenedPayload,
  PackResentPayload,
  PackRevokedPayload,
  RecipientAddedPayload,
  ReportRegisteredPayload,
} from './distribution.payloads';
import { DISTRIBUTION_EVENTS as E } from './distribution.vocabulary';

type Event<T extends string, P = object> = P & { type: T; meta: EventMeta };

/** Every event the distribution machine takes, with its validated payload and the engine's meta. */
export type DistributionEvent =
  | Event<typeof E.recipientAdded, RecipientAddedPayload>
  | Event<typeof E.decisionsRegistered, DocumentRegisteredPayload>
  | Event<typeof E.minutesRegistered, DocumentRegisteredPayload>
  | Event<typeof E.reportRegistered, ReportRegisteredPayload>
  | Event<typeof E.decisionsApproved, ApprovalPayload>
  | Event<typeof E.minutesApproved, ApprovalPayload>
  | Event<typeof E.packSent, PackDeliveryPayload>
  | Event<typeof E.packDelivered, PackDeliveredPayload>
  | Event<typeof E.packRejected, PackDeliveryPayload>
  | Event<typeof E.packOpened, PackOpenedPayload>
  | Event<typeof E.packResent, PackResentPayload>
  | Event<typeof E.packRevoked, PackRevokedPayload>
  | Event<typeof E.correctionRequested, CorrectionRequestedPayload>
  | Event<typeof E.correctionAnswered, CorrectionAnsweredPayload>;
