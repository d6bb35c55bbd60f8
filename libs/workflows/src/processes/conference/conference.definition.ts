import type { WorkflowDefinition, WorkflowSubject } from '../../engine';
import type { ConferenceContext } from './conference.context';
import {
  AdjournedPayload,
  AttendanceRecordedPayload,
  DecisionRecordedPayload,
  ProceededExceptionallyPayload,
} from './conference.outcome.payloads';
import { OUTCOME_EVENTS as O, OutcomeEventType } from './conference.outcome.vocabulary';
import { conferenceMachine } from './conference.machine';
import { CONFERENCE_RECORD } from './conference.record';
import {
  BirthRecordedPayload,
  CancelPayload,
  ChairAssignedPayload,
  ConferenceRequestInput,
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
import {
  CONFERENCE_EVENTS as E,
  CONFERENCE_TYPE,
  CONFERENCE_VERSION,
  ConferenceEventType,
} from './conference.vocabulary';

/** The people and the household the conference is about: the children (an unborn child as such) and the household. */
export function conferenceSubjects(context: ConferenceContext): WorkflowSubject[] {
  return [
    { id: context.householdId, kind: 'household' },
    ...context.children.flatMap((child) => [
      { id: child.personId, kind: child.ageBand === 'unborn' ? 'unborn-child' : 'child' },
      // Found by the id the child had before birth as well.
      ...(child.unbornPersonId ? [{ id: child.unbornPersonId, kind: 'unborn-child' }] : []),
    ]),
  ];
}

export const conferenceDefinition: WorkflowDefinition = {
  type: CONFERENCE_TYPE,
  version: CONFERENCE_VERSION,
  machine: conferenceMachine,
  input: ConferenceRequestInput,
  events: {
    [E.withdrawn]: WithdrawPayload,
    [E.chairAssigned]: ChairAssignedPayload,
    [E.scheduled]: SchedulePayload,
    [E.rescheduled]: ReschedulePayload,
    [E.lateReasonAgreed]: null,
    [E.cancelled]: CancelPayload,
    [E.deliveryDateRevised]: DeliveryDateRevisedPayload,
    [E.birthRecorded]: BirthRecordedPayload,
    [E.inviteeAdded]: InviteePayload,
    [E.inviteeRemoved]: InviteeRemovedPayload,
    [E.inviteesAgreed]: null,
    [E.invitationSent]: InvitationDeliveryPayload,
    [E.invitationRejected]: InvitationDeliveryPayload,
    [E.invitationResent]: InvitationResentPayload,
    [E.letterPosted]: LetterPostedPayload,
    [E.invitationAnswered]: InvitationAnsweredPayload,
    [E.reportReceived]: ReportReceivedPayload,
    [E.reportWithholdingRequested]: WithholdingRequestedPayload,
    [E.reportWithholdingDecided]: WithholdingDecidedPayload,
    [E.socialWorkerReportShared]: ReportSharedPayload,
    [E.convened]: null,
    [O.attendanceRecorded]: AttendanceRecordedPayload,
    [O.adjourned]: AdjournedPayload,
    [O.proceededExceptionally]: ProceededExceptionallyPayload,
    [O.decisionRecorded]: DecisionRecordedPayload,
  } satisfies Record<ConferenceEventType | OutcomeEventType, unknown>,
  areaOf: (context) => (context as ConferenceContext).area,
  referenceOf: (context) => (context as ConferenceContext).reference,
  subjectsOf: (context) => conferenceSubjects(context as ConferenceContext),
  readModel: CONFERENCE_RECORD,
  description:
    'Child protection conference (initial, transfer-in, pre-birth, review): request, due date, chair, booking, invitations, reports; attendance, quoracy, adjournment and the decision per child.',
};
