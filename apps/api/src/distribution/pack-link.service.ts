import { HttpException, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { randomInt, randomUUID } from 'node:crypto';
import { AccessLogService, AppConfig, PeopleStore, WorkflowEngine } from '@app/persistence';
import { Mailer } from '@app/timers';
import {
  CLOCK,
  type Clock,
  dateInLondon,
  DISTRIBUTION_EVENTS as E,
  type DistributionContext,
  DomainError,
  type Pack,
} from '@app/workflows';
import { DISTRIBUTION_WORKFLOW } from './distribution.workflow';
import { contextOf, DistributionService } from './distribution.service';
import { emailOf } from './distribution-effects.handler';
import { PackAssembler } from './pack-assembler';
import { PackLink, PackLinksStore } from './pack-links.store';

/** 410 problem+json: the link no longer opens, and no byte of the pack goes with the answer. */
const gone = (why: string) => new HttpException(`This link no longer opens: ${why}.`, 410);
const notFound = () => new HttpException('No pack has this link.', 404);

export interface OpenLink {
  link: PackLink;
  context: DistributionContext;
  pack: Pack;
}

/**
 * What a recipient's personal link does. A GET shows the page and changes nothing (a mail
 * scanner following the link neither opens the pack nor counts as opening it); the bytes go only
 * in answer to the page's POST, and for the family's side only with the one-time code sent to
 * them in a second email. The pack's status is read from the workflow at each request, so a
 * superseded or revoked pack stops at the event's commit; an expired link stops at the end of its
 * last day (Europe/London).
 */
@Injectable()
export class PackLinkService {
  constructor(
    private readonly links: PackLinksStore,
    private readonly engine: WorkflowEngine,
    private readonly people: PeopleStore,
    private readonly mailer: Mailer,
    private readonly assembler: PackAssembler,
    private readonly accessLog: AccessLogService,
    private readonly distributions: DistributionService,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async open(token: string): Promise<OpenLink> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw notFound();
    const link = await this.links.byToken(token);
    if (!link) throw notFound();
    const details = await this.engine.get(link.workflowId);
    const context = contextOf(details);
    const pack = context.packs.find((p) => p.packId === link.packId);
    if (!pack) throw notFound();
    if (pack.status === 'superseded') throw gone('a corrected version was sent to you with a new link');
    if (pack.status === 'revoked' || link.stoppedReason === 'sent-in-error')
      throw gone('the pack was withdrawn');
    if (link.stoppedAt || pack.attempt !== link.attempt)
      throw gone('the pack was sent to you again with a new link');
    if (dateInLondon(this.clock.now()) > link.expiresOn) throw gone(`it expired after ${link.expiresOn}`);
    return { link, context, pack };
  }

  page(open: OpenLink, extra: Record<string, unknown> = {}) {
    const { context, pack, link } = open;
    return {
      title: 'Your conference documents',
      reference: context.reference,
      round: pack.round,
      issue: pack.issue,
      documents: pack.documents.map((d) => ({
        label:
          d.documentId === 'decisions'
            ? 'Decisions and outline plan'
            : d.documentId === 'minutes'
              ? 'Minutes'
              : 'A report',
        version: d.version,
        parts: d.partIds.length,
      })),
      needsCode: link.familySide,
      canCorrect: pack.round === 'minutes' && pack.correctionsCloseOn !== null,
      correctionsCloseOn: pack.correctionsCloseOn,
      expiresOn: link.expiresOn,
      ...extra,
    };
  }

  /** A family member asks for their code: sent to their own email, separately from the link. */
  async sendCode(open: OpenLink): Promise<void> {
    if (!open.link.familySide) return;
    const email = await emailOf(this.people, open.link.recipientId);
    if (!email)
      throw new HttpException('No email to send a code to: ask the co-ordinator for a printed pack.', 409);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const now = this.clock.now();
    await this.links.setCode(
      open.link.id,
      code,
      new Date(now.getTime() + this.config.distributionCodeMinutes * 60_000),
      this.config.distributionCodeAttempts,
    );
    await this.mailer.send({
      to: email,
      subject: `Child protection conference ${open.context.reference}: your code`,
      text: `Your code to open your documents is ${code}. It works once, for ${this.config.distributionCodeMinutes} minutes.\nIf you did not ask for it, tell the sender.\n`,
      messageId: `<code.${open.link.id}.${now.getTime()}@distribution>`,
      date: now,
    });
  }

  /** The bytes, after the page's explicit request (and the code, for the family's side): logged by recipient; the first opening recorded. */
  async release(req: Request, open: OpenLink, code: string | undefined) {
    if (open.link.familySide) {
      if (!code) throw new HttpException('Enter the code sent to you in a separate email.', 422);
      const check = await this.links.useCode(open.link.id, code, this.clock.now());
      if (check === 'none')
        throw new HttpException('The code has expired or was used up: ask for a new one.', 422);
      if (check === 'wrong') throw new HttpException('That code is not right.', 422);
    }
    const assembled = await this.assembler.assemble(open.context, open.pack);
    if (open.pack.firstOpenedAt === null) {
      await this.engine
        .send(
          open.link.workflowId,
          { type: E.packOpened, packId: open.pack.packId },
          { actor: this.recipientActor(open), eventId: `opened:${open.pack.packId}` },
        )
        .catch((error: unknown) => {
          if (!(error instanceof DomainError)) throw error;
        });
    }
    await this.accessLog.record(this.entry(req, open, 'read'));
    return {
      filename: `${open.context.reference}-${open.pack.round}-${open.pack.issue}.zip`,
      bytes: assembled.bytes,
    };
  }

  /** A recipient of the minutes asks for a correction from their page. */
  async requestCorrection(req: Request, open: OpenLink, text: string) {
    const details = await this.engine.get(open.link.workflowId);
    const correctionId = randomUUID();
    await this.engine.send(
      open.link.workflowId,
      { type: E.correctionRequested, packId: open.pack.packId, correctionId },
      {
        actor: this.recipientActor(open),
        eventId: `correction:${correctionId}`,
        alsoInTransaction: async (tx) => {
          await this.distributions.storeCorrection(
            tx,
            details,
            correctionId,
            text,
            this.recipientActor(open).sub,
          );
          await this.accessLog.record(this.entry(req, open, 'write'), tx);
        },
      },
    );
  }

  private recipientActor(open: OpenLink) {
    return { sub: `recipient:${open.link.recipientId}`, role: 'recipient' };
  }

  private entry(req: Request, open: OpenLink, action: 'read' | 'write') {
    const routePath = (req.route as { path?: unknown } | undefined)?.path;
    return {
      subject: `recipient:${open.link.recipientId}`,
      role: 'recipient',
      action,
      recordType: DISTRIBUTION_WORKFLOW.recordType,
      recordId: open.link.workflowId,
      route: `${req.method} ${typeof routePath === 'string' ? routePath : '(unknown route)'}`,
      ip: req.ip ?? null,
      requestId: typeof req.id === 'string' ? req.id : null,
    };
  }
}
