import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, INCIDENT_KINDS, PeopleStore, WorkflowEngine } from '@app/persistence';
import {
  addDays,
  CLOCK,
  type Clock,
  CONFERENCE_EVENTS,
  CONFERENCE_EFFECTS,
  CONFERENCE_TYPE,
  type ConferenceContext,
  DomainError,
  DomainErrorCode,
  ICAL_METHODS,
  type ICalMethod,
  type InvitationSlot,
  londonMidnight,
  SYSTEM_ACTOR,
} from '@app/workflows';
import { EffectFailure, EffectHandler, EffectRefused, OutboxEffect } from '../outbox/effect-handler';
import { describeSmtpError, isPermanentSmtpFailure, Mailer } from '../notifications/mailer';
import { invitationCalendar, invitationUid } from './invitation-calendar';
import { invitationEmail } from './invitation-content';
import { InvitationStore } from './invitation.store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const REFERENCE = /^[A-Z0-9][A-Z0-9-]{0,39}$/;

/** One sending as the machine declared it (conference.invitees.ts): ids, numbers and the slot. */
export interface Sending {
  reference: string;
  personId: string;
  sequence: number;
  method: ICalMethod;
  slot: InvitationSlot;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The effect's payload, checked: a row the machine did not write this way cannot be performed. */
export function sendingOf(effect: OutboxEffect): Sending {
  const { reference, personId, sequence, method, slot } = effect.payload;
  const valid =
    typeof reference === 'string' &&
    REFERENCE.test(reference) &&
    typeof personId === 'string' &&
    UUID.test(personId) &&
    Number.isInteger(sequence) &&
    (sequence as number) >= 0 &&
    (ICAL_METHODS as readonly unknown[]).includes(method) &&
    isObject(slot) &&
    typeof slot.date === 'string' &&
    DATE.test(slot.date) &&
    typeof slot.startTime === 'string' &&
    TIME.test(slot.startTime) &&
    Number.isInteger(slot.durationMinutes) &&
    (slot.durationMinutes as number) > 0 &&
    (slot.venueId === null || typeof slot.venueId === 'string') &&
    (slot.onlineLink === null || typeof slot.onlineLink === 'string');
  if (!valid || !effect.workflowId) {
    throw new EffectRefused(`${effect.type} has no valid sending`, INCIDENT_KINDS.signalRefused);
  }
  const s = slot as Record<string, unknown>;
  return {
    reference: reference as string,
    personId: personId as string,
    sequence: sequence as number,
    method: method as ICalMethod,
    slot: {
      date: s.date as string,
      startTime: s.startTime as string,
      durationMinutes: s.durationMinutes as number,
      venueId: (s.venueId as string | null) ?? null,
      onlineLink: (s.onlineLink as string | null) ?? null,
    },
  };
}

/** The event id of a sending's outcome: one per outbox row, so the engine records it once. */
export const outcomeEventId = (effectId: string) => `invitation-outcome-${effectId}`;

/**
 * 'conference.invitation-email' and 'conference.invitation-letter': performs the sendings the
 * conference declares.
 *
 * An email: the invitee's address is read from the person store at sending (never from the
 * effect), one iCalendar file is made for them alone, and the message goes to the mail server.
 * A REQUEST's outcome is reported back to the conference through the engine with an event id
 * made from the outbox row's id: `invitation.sent` when the server accepted it,
 * `invitation.rejected` when it refused it for good (a 5xx reply) or the person has no email on
 * record; a refusal that may pass (4xx, no connection) is retried by the dispatcher. Delivery is
 * at least once: a crash after the server accepted the message and before the outcome was
 * recorded sends it again on redelivery (same UID and SEQUENCE, so a calendar shows it once),
 * and the engine records the outcome once whatever the number of deliveries. Once the outcome
 * is in the journal, a redelivery sends nothing.
 *
 * A CANCEL has no outcome to record: the conference is over (cancelled, withdrawn) or the
 * invitee left the list. One refused for good is an incident on the conference.
 *
 * A sending superseded before it went (the conference moved again, and a newer SEQUENCE is
 * queued for the same invitee; or it was held or ended meanwhile) is not sent: the newer one is.
 *
 * A letter: one letter task for the co-ordinators (InvitationStore); they record it posted.
 */
@Injectable()
export class InvitationEffectHandler implements EffectHandler {
  readonly effectTypes = [CONFERENCE_EFFECTS.invitationEmail, CONFERENCE_EFFECTS.invitationLetter] as const;
  private readonly logger = new Logger(InvitationEffectHandler.name);

  constructor(
    private readonly engine: WorkflowEngine,
    private readonly people: PeopleStore,
    private readonly store: InvitationStore,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async handle(effect: OutboxEffect): Promise<void> {
    const sending = sendingOf(effect);
    const workflowId = effect.workflowId!;
    if (effect.type === CONFERENCE_EFFECTS.invitationLetter) {
      await this.store.addLetterTask({ outboxId: effect.id, workflowId, ...sending });
      this.logger.log({ msg: 'Letter task made', outboxId: effect.id, workflowId, sequence: sending.sequence, method: sending.method });
      return;
    }
    if (await this.outcomeRecorded(workflowId, effect.id)) return;
    const context = await this.conferenceContext(workflowId);
    if (this.superseded(context, sending)) {
      this.logger.log({ msg: 'Invitation superseded by a newer sending', outboxId: effect.id, workflowId, sequence: sending.sequence });
      return;
    }
    const address = await this.emailOf(sending.personId);
    if (address === null) {
      this.logger.warn({ msg: 'No email address on record for an invitee', outboxId: effect.id, workflowId });
      if (sending.method === 'CANCEL') return;
      await this.record(effect, workflowId, sending, 'rejected');
      return;
    }
    try {
      await this.send(effect, workflowId, sending, address);
    } catch (error) {
      const reason = describeSmtpError(error);
      if (!isPermanentSmtpFailure(error)) throw new EffectFailure(reason);
      this.logger.warn({ msg: 'Invitation refused by the mail server', outboxId: effect.id, workflowId, reason });
      if (sending.method === 'CANCEL') throw new EffectRefused(reason, INCIDENT_KINDS.effectFailed);
      await this.record(effect, workflowId, sending, 'rejected');
      return;
    }
    this.logger.log({ msg: 'Invitation sent', outboxId: effect.id, workflowId, sequence: sending.sequence, method: sending.method });
    if (sending.method === 'REQUEST') await this.record(effect, workflowId, sending, 'sent');
  }

  private async send(effect: OutboxEffect, workflowId: string, sending: Sending, to: string): Promise<void> {
    if (!this.mailer.enabled) throw Object.assign(new Error('email is off'), { code: 'SMTP_HOST_NOT_SET' });
    const mailbox = this.config.conferenceMailbox || this.config.smtpFrom;
    const responseUrl =
      sending.method === 'REQUEST'
        ? `${this.config.publicBaseUrl.replace(/\/+$/, '')}/invitations/${await this.store.createLink({
            workflowId,
            personId: sending.personId,
            sequence: sending.sequence,
            outboxId: effect.id,
            expiresAt: this.linkExpiry(sending.slot.date),
          })}`
        : null;
    const calendar = invitationCalendar({
      uid: invitationUid(workflowId, sending.personId, mailbox),
      sequence: sending.sequence,
      method: sending.method,
      reference: sending.reference,
      slot: sending.slot,
      organiser: { name: this.config.conferenceMailboxName, email: mailbox },
      attendeeEmail: to,
      stamp: this.clock.now(),
    });
    const { subject, text } = invitationEmail(sending.reference, sending.method, sending.sequence, sending.slot, responseUrl);
    await this.mailer.send({
      from: mailbox,
      to,
      subject,
      text,
      // The same Message-ID on every delivery of this sending: a mail client shows a resend once.
      messageId: `<invitation-${effect.id}@cp-workflows>`,
      date: this.clock.now(),
      attachments: [
        {
          filename: sending.method === 'CANCEL' ? 'cancellation.ics' : 'invitation.ics',
          content: calendar,
          contentType: `text/calendar; charset=utf-8; method=${sending.method}`,
        },
      ],
    });
  }

  /** The link opens until the end of the London day invitationLinkDaysAfterConference after the conference. */
  private linkExpiry(conferenceDate: string): Date {
    return londonMidnight(addDays(conferenceDate, this.config.invitationLinkDaysAfterConference + 1));
  }

  /**
   * Reports a REQUEST's outcome on the conference, once (the event id is the outbox row's). A
   * refusal because the sending is no longer current (a newer one was queued meanwhile, or the
   * conference ended) changes nothing; any other refusal is an incident.
   */
  private async record(
    effect: OutboxEffect,
    workflowId: string,
    sending: Sending,
    outcome: 'sent' | 'rejected',
  ): Promise<void> {
    if (sending.method !== 'REQUEST') return;
    const type = outcome === 'sent' ? CONFERENCE_EVENTS.invitationSent : CONFERENCE_EVENTS.invitationRejected;
    try {
      await this.engine.send(
        workflowId,
        { type, personId: sending.personId, sequence: sending.sequence },
        { actor: SYSTEM_ACTOR, eventId: outcomeEventId(effect.id) },
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === DomainErrorCode.GuardRejected || error.code === DomainErrorCode.EventNotAccepted) {
        const now = await this.conferenceContext(workflowId);
        if (this.superseded(now, sending)) {
          this.logger.log({ msg: 'Invitation outcome not recorded: the sending is no longer current', outboxId: effect.id, workflowId });
          return;
        }
      }
      throw new EffectRefused(`${type} refused: ${error.code}`, INCIDENT_KINDS.signalRefused);
    }
  }

  private async outcomeRecorded(workflowId: string, effectId: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM workflow_journal WHERE workflow_id = $1 AND event_id = $2`,
      [workflowId, outcomeEventId(effectId)],
    )) as unknown[];
    return rows.length > 0;
  }

  /** The conference's context, or null once it is over (final). */
  private async conferenceContext(workflowId: string): Promise<ConferenceContext | null> {
    const details = await this.engine.get(workflowId);
    if (details.type !== CONFERENCE_TYPE) {
      throw new EffectRefused('an invitation belongs to a conference', INCIDENT_KINDS.signalRefused);
    }
    return details.status === 'done' ? null : (details.context as unknown as ConferenceContext);
  }

  /**
   * A newer sending to the same invitee was declared, or (for a REQUEST) the invitee's current
   * sending is another: this one is not sent. A CANCEL to a conference that is over, or to
   * someone taken off the list, is current while no newer sending exists.
   */
  private superseded(context: ConferenceContext | null, sending: Sending): boolean {
    // Over, or already held (part 2 takes it from there): an invitation to it has nothing to ask.
    if (context === null || context.convenedAt !== null) return sending.method === 'REQUEST';
    const last = context.lastSequenceSent[sending.personId];
    if (last !== undefined && last > sending.sequence) return true;
    if (sending.method === 'CANCEL') return false;
    const invitee = context.invitees.find((person) => person.personId === sending.personId);
    return invitee === undefined || invitee.sequence !== sending.sequence || invitee.method !== 'REQUEST';
  }

  /** The invitee's email from the person store, or null (none on record, or the record erased). */
  private async emailOf(personId: string): Promise<string | null> {
    try {
      const person = await this.people.get(personId, () => undefined);
      return person.contactPoints.find((point) => point.system === 'email')?.value ?? null;
    } catch (error) {
      if (error instanceof DomainError && error.code === DomainErrorCode.NotFound) return null;
      throw error;
    }
  }
}
