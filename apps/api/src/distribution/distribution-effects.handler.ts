import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AppConfig, INCIDENT_KINDS, PeopleStore, WorkflowEngine } from '@app/persistence';
import { EffectFailure, EffectHandler, EffectRefused, Mailer, OutboxEffect } from '@app/timers';
import {
  CLOCK,
  type Clock,
  DISTRIBUTION_EFFECTS,
  DISTRIBUTION_EVENTS as E,
  type DistributionContext,
  DomainError,
  longDate,
  SYSTEM_ACTOR,
} from '@app/workflows';
import { PackAssembler } from './pack-assembler';
import { packMessageId } from './delivery-reports/delivery-status';
import { PackLinksStore, sha256Hex } from './pack-links.store';

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** The recipient's email address from their record in the person store, if they have one. */
export async function emailOf(people: PeopleStore, personId: string): Promise<string | null> {
  const person = await people.get(personId, () => undefined).catch(() => null);
  const email = person?.contactPoints.find((c) => c.system === 'email')?.value;
  return email ?? null;
}

/**
 * The distribution's effects, after commit:
 * - `distribution.send-pack`: a pack still queued at this attempt gets its personal link (a
 *   random token, only its SHA-256 stored) by email, then `pack.sent`; the subject and text name
 *   the case reference and the link, never a person or a document's content, and the pack is
 *   attached only when DISTRIBUTION_ATTACH_PACKS is set (and never to the family's side). A
 *   recipient whose record has no email gets `pack.rejected`, so the co-ordinator resends it as a
 *   letter. With DISTRIBUTION_RETURN_PATH set, the email asks the relay for a delivery report
 *   (DSN) naming the sending's opaque envelope id; the bounce mailbox's reader turns it into
 *   `pack.delivered` or `pack.rejected` (delivery-reports/). A letter is a printed pack task: the queued letter pack itself, which the co-ordinator
 *   prints from the API and reports posted.
 * - `distribution.revoke-pack`: every link of the pack stops (the page already refuses a pack the
 *   workflow holds superseded or revoked, so the link stops at the event's commit, not here).
 * - `distribution.data-protection-incident`: one row for the data protection officer.
 */
@Injectable()
export class DistributionEffectsHandler implements EffectHandler {
  readonly effectTypes = [
    DISTRIBUTION_EFFECTS.sendPack,
    DISTRIBUTION_EFFECTS.revokePack,
    DISTRIBUTION_EFFECTS.dataProtectionIncident,
  ] as const;
  private readonly logger = new Logger(DistributionEffectsHandler.name);

  constructor(
    private readonly engine: WorkflowEngine,
    private readonly links: PackLinksStore,
    private readonly people: PeopleStore,
    private readonly mailer: Mailer,
    private readonly assembler: PackAssembler,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(effect: OutboxEffect): Promise<void> {
    if (!effect.workflowId) throw new EffectFailure(`${effect.type} has no workflow`);
    const { packId } = effect.payload;
    if (!isString(packId))
      throw new EffectRefused(`${effect.type} names no pack`, INCIDENT_KINDS.effectFailed);
    if (effect.type === DISTRIBUTION_EFFECTS.sendPack) await this.send(effect, effect.workflowId, packId);
    else if (effect.type === DISTRIBUTION_EFFECTS.revokePack) {
      const reason = effect.payload.reason === 'superseded' ? 'superseded' : 'sent-in-error';
      await this.links.stop(effect.workflowId, packId, reason, this.clock.now());
    } else await this.recordIncident(effect, effect.workflowId);
    this.logger.log(
      { outboxId: effect.id, workflowId: effect.workflowId, effectType: effect.type },
      'Distribution effect performed',
    );
  }

  private async send(effect: OutboxEffect, workflowId: string, packId: string): Promise<void> {
    const details = await this.engine.get(workflowId);
    const context = details.context as unknown as DistributionContext;
    const pack = context.packs.find((p) => p.packId === packId);
    // Revoked, superseded or already reported before this delivery: nothing goes out.
    if (!pack || pack.status !== 'queued' || pack.attempt !== effect.payload.attempt) return;
    if (pack.channel === 'letter') return;
    const email = await emailOf(this.people, pack.recipientId);
    if (!email) {
      await this.report(workflowId, E.packRejected, pack.packId, pack.attempt, `${effect.id}:rejected`);
      return;
    }
    if (!this.mailer.enabled)
      throw new EffectFailure('SMTP_HOST is not set: the pack waits for email to be configured');
    const recipient = context.recipients.find((r) => r.personId === pack.recipientId);
    const familySide = recipient?.role !== 'professional';
    const token = randomBytes(32).toString('base64url');
    const envelopeId = await this.links.issue({
      workflowId,
      packId: pack.packId,
      attempt: pack.attempt,
      recipientId: pack.recipientId,
      familySide,
      tokenSha256: sha256Hex(token),
      expiresOn: pack.linkExpiresOn,
      now: this.clock.now(),
    });
    if (!envelopeId) return;
    const link = `${this.config.publicBaseUrl.replace(/\/$/, '')}/packs/${token}`;
    const what = pack.round === 'decisions' ? 'the decisions and outline plan' : 'the minutes';
    const attach = this.config.distributionAttachPacks && !familySide;
    const attachment = attach ? await this.assembler.assemble(context, pack) : null;
    await this.mailer.send({
      to: email,
      subject: `Child protection conference ${context.reference}: documents for you`,
      text:
        `Documents from the child protection conference ${context.reference} are ready for you: ${what}` +
        `${pack.issue > 1 ? ` (corrected version ${pack.issue})` : ''}.\n\n` +
        `Open your personal link to see them:\n${link}\n\n` +
        `The link is for you alone and stops working after ${longDate(pack.linkExpiresOn)}.` +
        (familySide ? ' To download, you will be sent a code in a separate email.' : '') +
        `\nIf this email was not meant for you, please do not open the link and tell the sender.\n`,
      // Names the sending by its envelope id too, for a relay whose report drops the ENVID.
      messageId: packMessageId(envelopeId, randomBytes(8).toString('hex')),
      date: this.clock.now(),
      // The relay's report names the sending by its envelope id only (delivery-reports/).
      ...(this.config.distributionReturnPath
        ? { deliveryReport: { envelopeId, returnPath: this.config.distributionReturnPath } }
        : {}),
      ...(attachment
        ? { attachments: [{ filename: `${context.reference}-${pack.round}.zip`, content: attachment.bytes }] }
        : {}),
    });
    await this.report(workflowId, E.packSent, pack.packId, pack.attempt, `${effect.id}:sent`);
  }

  private async report(workflowId: string, type: string, packId: string, attempt: number, eventId: string) {
    try {
      await this.engine.send(workflowId, { type, packId, attempt }, { actor: SYSTEM_ACTOR, eventId });
    } catch (error) {
      // Revoked or superseded meanwhile: the refusal is the answer, nothing to retry.
      if (error instanceof DomainError) return;
      throw error;
    }
  }

  private async recordIncident(effect: OutboxEffect, workflowId: string): Promise<void> {
    const details = await this.engine.get(workflowId);
    const p = effect.payload;
    const at = (value: unknown) => (isString(value) ? new Date(value) : null);
    await this.links.recordIncident(
      {
        workflowId,
        incidentId: String(p.incidentId),
        area: details.area ?? '',
        reference: String(p.reference),
        packId: String(p.packId),
        recipientId: String(p.recipientId),
        exposed: { partIds: p.exposedPartIds, documents: p.documents },
        statusAtRevocation: String(p.statusAtRevocation),
        sentAt: at(p.sentAt),
        opened: p.opened === true,
        firstOpenedAt: at(p.firstOpenedAt),
        revokedAt: at(p.revokedAt) ?? this.clock.now(),
        // Absent from incidents queued before the field was added.
        reason: isString(p.reason) ? p.reason : null,
        revokedBy: isString(p.revokedBy) ? p.revokedBy : null,
      },
      this.clock.now(),
    );
  }
}
