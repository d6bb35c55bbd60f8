import type { EventMeta } from '../../engine';
import type {
  BirthRecordedPayload,
  CancelPayload,
  ChairAssignedPayload,
  DeliveryDateRevisedPayload,
  InvitationAnsweredPayload,
  InvitationDeliveryPayload,
  InvitationResentPayload,
  InviteePayload,
  InviteeRemovedPayload,
  LetterPostedPayload,
  ReportReceivedPayload,
  ReportSharedPayload,
  ReschedulePayload,
  SchedulePayload,
  WithdrawPayload,
  WithholdingDecidedPayload,
  WithholdingRequestedPayload,
} from './conference.payloads';
import type { OutcomeEvent } from './conference.outcome.events';
import { CONFERENCE_EVENTS as E } from './conference.vocabulary';

type Event<T extends string, P = object> = P & { type: T; meta: EventMeta };

/** Every event the conference machine takes, with its validated payload and the engine's meta. */
export type ConferenceEvent =
  | Event<typeof E.withdrawn, WithdrawPayload>
  | Event<typeof E.chairAssigned, ChairAssignedPayload>
  | Event<typeof E.scheduled, SchedulePayload>
  | Event<typeof E.rescheduled, ReschedulePayload>
  | Event<typeof E.lateReasonAgreed>
  | Event<typeof E.cancelled, CancelPayload>
  | Event<typeof E.deliveryDateRevised, DeliveryDateRevisedPayload>
  | Event<typeof E.birthRecorded, BirthRecordedPayload>
  | Event<typeof E.inviteeAdded, InviteePayload>
  | Event<typeof E.inviteeRemoved, InviteeRemovedPayload>
  | Event<typeof E.inviteesAgreed>
  | Event<typeof E.invitationSent, InvitationDeliveryPayload>
  | Event<typeof E.invitationRejected, InvitationDeliveryPayload>
  | Event<typeof E.invitationResent, InvitationResentPayload>
  | Event<typeof E.letterPosted, LetterPostedPayload>
  | Event<typeof E.invitationAnswered, InvitationAnsweredPayload>
  | Event<typeof E.reportReceived, ReportReceivedPayload>
  | Event<typeof E.reportWithholdingRequested, WithholdingRequestedPayload>
  | Event<typeof E.reportWithholdingDecided, WithholdingDecidedPayload>
  | Event<typeof E.socialWorkerReportShared, ReportSharedPayload>
  | Event<typeof E.convened>
  | OutcomeEvent;
