import type { WorkflowDefinition, WorkflowEvent } from '../../engine';
import type { DistributionContext } from './distribution.context';
import type { DistributionEvent } from './distribution.events';
import { approvalRefusals } from './distribution.facts';
import { distributionMachine } from './distribution.machine';
import {
  ApprovalPayload,
  CorrectionAnsweredPayload,
  CorrectionRequestedPayload,
  DistributionInput,
  DocumentRegisteredPayload,
  PackDeliveredPayload,
  PackDeliveryPayload,
  PackOpenedPayload,
  PackResentPayload,
  PackRevokedPayload,
  RecipientAddedPayload,
  ReportRegisteredPayload,
} from './distribution.payloads';
import {
  DISTRIBUTION_EVENTS as E,
  DISTRIBUTION_TYPE,
  DISTRIBUTION_VERSION,
  DistributionEventType,
} from './distribution.vocabulary';

/**
 * A refused approval names every rule it breaks with its recipient (and the document and part),
 * ids only: the 422's `violations`, beside the guard's name in `rules`.
 */
export function distributionRefusalDetails(
  context: unknown,
  event: WorkflowEvent,
): Record<string, unknown> | undefined {
  if (event.type !== E.decisionsApproved && event.type !== E.minutesApproved) return undefined;
  return {
    violations: approvalRefusals(
      context as DistributionContext,
      event as unknown as Extract<DistributionEvent, { type: typeof E.minutesApproved }>,
    ),
  };
}

export const distributionDefinition: WorkflowDefinition = {
  type: DISTRIBUTION_TYPE,
  version: DISTRIBUTION_VERSION,
  machine: distributionMachine,
  input: DistributionInput,
  events: {
    [E.recipientAdded]: RecipientAddedPayload,
    [E.decisionsRegistered]: DocumentRegisteredPayload,
    [E.minutesRegistered]: DocumentRegisteredPayload,
    [E.reportRegistered]: ReportRegisteredPayload,
    [E.decisionsApproved]: ApprovalPayload,
    [E.minutesApproved]: ApprovalPayload,
    [E.packSent]: PackDeliveryPayload,
    [E.packDelivered]: PackDeliveredPayload,
    [E.packRejected]: PackDeliveryPayload,
    [E.packOpened]: PackOpenedPayload,
    [E.packResent]: PackResentPayload,
    [E.packRevoked]: PackRevokedPayload,
    [E.correctionRequested]: CorrectionRequestedPayload,
    [E.correctionAnswered]: CorrectionAnsweredPayload,
  } satisfies Record<DistributionEventType, unknown>,
  areaOf: (context) => (context as DistributionContext).area,
  referenceOf: (context) => (context as DistributionContext).reference,
  refusalDetails: distributionRefusalDetails,
  description:
    'Distribution of a conference’s decisions, minutes and reports: the chair’s list, per-recipient packs, corrections, packs sent in error.',
};
