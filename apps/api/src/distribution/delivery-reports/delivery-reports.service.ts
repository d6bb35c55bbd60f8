import { Inject, Injectable, Logger } from '@nestjs/common';
import { WorkflowEngine } from '@app/persistence';
import {
  CLOCK,
  type Clock,
  DISTRIBUTION_EVENTS as E,
  type DistributionContext,
  DomainError,
  type Pack,
  SYSTEM_ACTOR,
} from '@app/workflows';
import { PackLinksStore } from '../pack-links.store';
import type { Disposition, MailboxMessage } from './bounce-mailbox';
import {
  envelopeIdOfMessageId,
  outcomeOf,
  parseDeliveryStatus,
  reportEventId,
  returnedMessageId,
} from './delivery-status';

/**
 * One delivery report from the bounce mailbox, turned into the distribution's event. The report
 * names the sending by the envelope id the pack's email asked for (`distribution_link.envelope_id`),
 * which gives the workflow, the pack and the attempt:
 * - `delivered` → `pack.delivered`, `failed` → `pack.rejected` (the co-ordinator is told and
 *   resends it, perhaps as a letter); the report's outcome and status code are written on the
 *   sending's link row in the event's own transaction;
 * - `delayed` (or relayed, expanded): a log line with ids, nothing recorded;
 * - the event id comes from the report's Message-ID and the sending, so the same report read again
 *   is answered from the journal; the workflow's refusal (the pack revoked, superseded, resent or
 *   already delivered) is the answer, not an error.
 * Answers what becomes of the message: moved to Processed once the outcome is committed, to
 * Unmatched when it names no sending, or kept for the next poll (a `delivered` report read before
 * the sender's `pack.sent` committed). Logs hold ids only: never an address, a name or the report's text.
 */
@Injectable()
export class DeliveryReportsService {
  private readonly logger = new Logger(DeliveryReportsService.name);

  constructor(
    private readonly engine: WorkflowEngine,
    private readonly links: PackLinksStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async apply(message: MailboxMessage): Promise<Disposition> {
    const parsed = message.deliveryStatus === null ? null : parseDeliveryStatus(message.deliveryStatus);
    if (!parsed) {
      this.logger.warn({
        msg: 'Bounce mailbox: a message that is no delivery report; moved to Unmatched',
        uid: message.uid,
      });
      return 'unmatched';
    }
    // A relay that dropped the envelope id still returns the original's headers: its Message-ID names the sending.
    const envelopeId = parsed.envelopeId ?? envelopeIdOfMessageId(returnedMessageId(message.returnedHeaders));
    const link = envelopeId ? await this.links.byEnvelopeId(envelopeId) : null;
    if (!link) {
      this.logger.warn({
        msg: 'Delivery report names no sending; moved to Unmatched',
        uid: message.uid,
        hasEnvelopeId: parsed.envelopeId !== null,
        hasReturnedHeaders: message.returnedHeaders !== null,
      });
      return 'unmatched';
    }
    const { outcome, status, lastAttemptAt } = outcomeOf(parsed);
    const ids = {
      uid: message.uid,
      workflowId: link.workflowId,
      packId: link.packId,
      attempt: link.attempt,
      status,
    };
    if (outcome === 'delayed' || outcome === 'other') {
      this.logger.log({ msg: 'Delivery report: not final; nothing recorded', ...ids, outcome });
      return 'processed';
    }
    const pack = await this.packOf(link.workflowId, link.packId);
    if (outcome === 'delivered' && pack?.status === 'queued' && pack.attempt === link.attempt) {
      // The relay answered before the sender recorded pack.sent: read it again at the next poll.
      this.logger.log({
        msg: 'Delivery report before the pack was recorded sent; kept for the next poll',
        ...ids,
      });
      return 'keep';
    }
    const eventId = reportEventId(message.messageId, envelopeId!, message.deliveryStatus!);
    const type = outcome === 'delivered' ? E.packDelivered : E.packRejected;
    // The relay's time for the outcome, as it said it: the workflow bounds the receipt by what it knows.
    const reportedAt = lastAttemptAt ?? message.date;
    try {
      const result = await this.engine.send(
        link.workflowId,
        {
          type,
          packId: link.packId,
          attempt: link.attempt,
          ...(type === E.packDelivered && reportedAt ? { deliveredAt: reportedAt.toISOString() } : {}),
        },
        {
          actor: SYSTEM_ACTOR,
          eventId,
          alsoInTransaction: (tx) =>
            this.links.recordDelivery(
              link.id,
              { delivery: outcome, status, at: this.clock.now(), reportedAt },
              tx,
            ),
        },
      );
      this.logger.log({
        msg: 'Delivery report recorded',
        ...ids,
        eventId,
        event: type,
        replayed: result.replayed === true,
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.logger.log({
        msg: 'Delivery report refused by the workflow',
        ...ids,
        eventId,
        event: type,
        refused: error.code,
      });
    }
    return 'processed';
  }

  private async packOf(workflowId: string, packId: string): Promise<Pack | undefined> {
    const context = (await this.engine.get(workflowId)).context as unknown as DistributionContext;
    return context.packs.find((p) => p.packId === packId);
  }
}
