import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  AccessLogService,
  AppConfig,
  checkUpload,
  DOCUMENT_MEDIA_TYPES,
  DocumentStore,
  PeopleStore,
  sha256Of,
  type TransitionResult,
  type WorkflowDetails,
  WorkflowEngine,
  documentIdFrom,
} from '@app/persistence';
import {
  CLOCK,
  type Clock,
  DISTRIBUTION_EVENTS as E,
  type DistributionContext,
  DOCUMENT_IDS,
  DOCUMENT_TEMPLATES,
  DomainError,
  DomainErrorCode,
  draftList,
  type Part,
  partWithholdings,
  type Round,
} from '@app/workflows';
import { accessEntry } from '../workflows/domain-workflow.service';
import { type AuthenticatedRequest, scopeAreas } from '../auth';
import { DomainWorkflows } from '../workflows/domain-workflow.service';
import { transitionView } from '../conferences/conference.view';
import { DISTRIBUTION_WORKFLOW } from './distribution.workflow';
import type {
  AddRecipientDto,
  ApprovalDto,
  CorrectionAnswerDto,
  CorrectionRequestDto,
  DocumentVersionDto,
  ResendDto,
  RevocationDto,
  ListDistributionsQuery,
} from './distribution.dto';
import { PackAssembler } from './pack-assembler';
import type { VersionUpload } from './version-upload';
import { PackLinksStore } from './pack-links.store';

const invalid = (field: string, message: string) =>
  new DomainError(DomainErrorCode.InvalidInput, message, { errors: [{ field, messages: [message] }] });

/** A document id the event names in the same transaction: from the Idempotency-Key when there is one, so a retry names the same. */
function documentIdFor(workflowId: string, key: string | undefined, what: string): string {
  return key ? documentIdFrom('distribution-document', workflowId, key, what) : randomUUID();
}

const CATEGORY_WORDS: Record<string, string> = {
  neglect: 'neglect',
  physical: 'physical abuse',
  emotional: 'emotional abuse',
  sexual: 'sexual abuse',
};

/**
 * The decisions and outline plan drafted from the conference's facts: the case reference, the
 * day, each child by id with the outcome and a plan's categories. Ids only, never names: the
 * co-ordinator adds what only people know by uploading a new version.
 */
export function decisionsDraft(context: DistributionContext): string {
  const lines = [
    'DECISIONS AND OUTLINE PLAN',
    `Child protection conference ${context.reference} (${context.conferenceKind}), held on ${context.conferenceDate}.`,
    '',
    'Decisions, by child:',
    ...context.children.map((child) =>
      child.outcome === 'plan'
        ? `- Child ${child.childId}: a child protection plan, under the category of ${child.categories.map((c) => CATEGORY_WORDS[c] ?? c).join(' and ')}.`
        : `- Child ${child.childId}: ${child.outcome === 'child-in-need' ? 'no plan; support as a child in need' : 'no plan; no further action'}.`,
    ),
    '',
    'Outline plan: the core group meets within the statutory timescale and agrees the detailed plan.',
    'The minutes follow; you may ask for a correction when you receive them.',
    '',
  ];
  return lines.join('\n');
}

export function minutesDraft(context: DistributionContext): string {
  return [
    'MINUTES',
    `Child protection conference ${context.reference} (${context.conferenceKind}), held on ${context.conferenceDate}.`,
    '',
    'Record of the meeting: to be completed from the minute taker’s notes and uploaded as a new version.',
    '',
  ].join('\n');
}

/**
 * The distribution's domain API behind the controller: every write one event on the
 * distribution's workflow through the domain-workflow layer (type and area checks, actor, access
 * log, Idempotency-Key), documents stored in the event's own transaction.
 */
@Injectable()
export class DistributionService {
  private readonly workflow;

  constructor(
    domainWorkflows: DomainWorkflows,
    private readonly documents: DocumentStore,
    private readonly people: PeopleStore,
    private readonly links: PackLinksStore,
    private readonly assembler: PackAssembler,
    private readonly accessLog: AccessLogService,
    private readonly config: AppConfig,
    private readonly engine: WorkflowEngine,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.workflow = domainWorkflows.for(DISTRIBUTION_WORKFLOW);
  }

  /**
   * The distributions in the caller's areas, newest change first, or (`conference`) the one that
   * conference's decision started: its child of this type. Each distribution listed is a read of
   * it in the access log (ids, states and dates only; nothing personal in the page).
   */
  async all(req: AuthenticatedRequest, query: ListDistributionsQuery) {
    const page = await this.workflow.list(req, (areas) =>
      this.engine.list<{ conferenceId: string }>(
        { type: DISTRIBUTION_WORKFLOW.type, areas, cursor: query.cursor, limit: query.limit },
        {
          where: query.conference ? [{ sql: 'parent_id = ?', values: [query.conference] }] : [],
          columns: { conferenceId: 'parent_id' },
        },
      ),
    );
    await this.accessLog.recordAll(
      page.items.map((item) => accessEntry(req, 'read', DISTRIBUTION_WORKFLOW.recordType, item.id)),
    );
    return {
      items: page.items.map((item) => ({
        id: item.id,
        conferenceId: item.extra.conferenceId,
        reference: item.reference,
        area: item.area,
        state: item.state,
        workflowStatus: item.status,
        nextDueAt: item.nextDueAt,
        overdue: item.overdue,
        updatedAt: item.updatedAt,
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** The distribution as the workflow holds it, with each emailed sending and what its delivery report said. */
  async get(req: AuthenticatedRequest, id: string) {
    const view = distributionView(await this.workflow.read(req, id));
    return { ...view, sendings: await this.links.sendingsOf(view.id) };
  }

  /** The draft list for a round and who may not receive each part, for the chair to start from. */
  async list(req: AuthenticatedRequest, id: string, round: Round) {
    const details = await this.workflow.read(req, id);
    const context = contextOf(details);
    return { round, draft: draftList(context, round), withholdings: partWithholdings(context, round) };
  }

  async addRecipient(req: AuthenticatedRequest, id: string, body: AddRecipientDto, key?: string) {
    await this.workflow.recordFor(req, id);
    const person = await this.people.get(body.personId, () => undefined).catch(() => null);
    if (!person) throw invalid('personId', 'personId must be a person on record');
    const hasEmail = person.contactPoints.some((c) => c.system === 'email');
    return transitionView(
      await this.workflow.send(
        req,
        id,
        E.recipientAdded,
        { personId: body.personId, role: body.role, hasEmail },
        key,
      ),
    );
  }

  /** A new version of the decisions or the minutes: each new part's bytes checked by content and stored in the event's transaction. */
  async registerVersion(
    req: AuthenticatedRequest,
    id: string,
    round: Round,
    body: DocumentVersionDto | VersionUpload,
    key?: string,
  ) {
    const details = await this.workflow.recordFor(req, id);
    const context = contextOf(details);
    const earlier = context.documents
      .find((d) => d.documentId === DOCUMENT_IDS[round])
      ?.versions.at(-1)?.parts;
    const toStore: {
      id: string;
      content: Buffer;
      mediaType: (typeof DOCUMENT_MEDIA_TYPES)[keyof typeof DOCUMENT_MEDIA_TYPES];
    }[] = [];
    const parts: Record<string, unknown>[] = [];
    for (const [index, input] of body.parts.entries()) {
      const field = `parts.${index}`;
      if (input.partId !== undefined) {
        if (
          input.content !== undefined ||
          input.kind !== undefined ||
          input.sectionId ||
          input.addressOfPersonId
        )
          throw invalid(field, 'a carried part (partId) has no content, kind or facts of its own');
        const carried = earlier?.find((p) => p.partId === input.partId);
        if (!carried) throw invalid(`${field}.partId`, 'partId must be a part of the previous version');
        parts.push(partPayload(carried));
        continue;
      }
      // A multipart part arrives as its bytes (within the part limit already); a JSON part in base64.
      const content = Buffer.isBuffer(input.content) ? input.content : Buffer.from(input.content!, 'base64');
      const check = await checkUpload(content, this.config.distributionPartMaxBytes);
      if (!check.ok) throw invalid(`${field}.content`, check.detail);
      const partId = documentIdFor(id, key, `${round}:${index}`);
      toStore.push({ id: partId, content, mediaType: check.mediaType });
      parts.push({
        partId,
        kind: input.kind,
        sha256: sha256Of(content),
        ...(input.sectionId ? { sectionId: input.sectionId } : {}),
        ...(input.addressOfPersonId ? { addressOfPersonId: input.addressOfPersonId } : {}),
      });
    }
    return this.sendWithDocuments(req, details, round, { origin: 'uploaded', parts }, toStore, key);
  }

  /** A version drafted from the round's template with the conference's facts, stored as text. */
  async draft(req: AuthenticatedRequest, id: string, round: Round, key?: string) {
    const details = await this.workflow.recordFor(req, id);
    const context = contextOf(details);
    const content = Buffer.from(
      round === 'decisions' ? decisionsDraft(context) : minutesDraft(context),
      'utf8',
    );
    const partId = documentIdFor(id, key, `${round}:draft`);
    return this.sendWithDocuments(
      req,
      details,
      round,
      {
        origin: 'template',
        templateId: DOCUMENT_TEMPLATES[round],
        parts: [{ partId, kind: 'main', sha256: sha256Of(content) }],
      },
      [{ id: partId, content, mediaType: DOCUMENT_MEDIA_TYPES.text }],
      key,
    );
  }

  /** Every report the conference handed over with a document, not yet registered: its document enters the packs by its id. */
  async registerReports(req: AuthenticatedRequest, id: string, key?: string) {
    const details = await this.workflow.recordFor(req, id);
    const context = contextOf(details);
    const registered = new Set(context.documents.map((d) => d.documentId));
    let last: TransitionResult | undefined;
    for (const report of context.reports) {
      if (registered.has(`report:${report.reportId}`)) continue;
      const meta = await this.documents.meta(report.reportId);
      if (!meta)
        throw new DomainError(
          DomainErrorCode.Conflict,
          'A report the conference handed over is not in the document store',
        );
      last = await this.workflow.send(
        req,
        id,
        E.reportRegistered,
        {
          reportId: report.reportId,
          origin: 'uploaded',
          parts: [
            { partId: report.reportId, kind: 'report', reportId: report.reportId, sha256: meta.sha256 },
          ],
        },
        key ? `${key}:${report.reportId}` : undefined,
      );
    }
    if (!last)
      throw new DomainError(DomainErrorCode.Conflict, 'Every report with a document is registered already');
    return transitionView(last);
  }

  async approve(req: AuthenticatedRequest, id: string, round: Round, body: ApprovalDto, key?: string) {
    const details = await this.workflow.recordFor(req, id);
    const recipients = body.recipients ?? draftList(contextOf(details), round).recipients;
    const type = round === 'decisions' ? E.decisionsApproved : E.minutesApproved;
    return transitionView(
      await this.workflow.send(req, id, type, { recipients, addressNeeds: body.addressNeeds ?? [] }, key),
    );
  }

  /** A printed pack posted: the letter's sending. */
  async posted(req: AuthenticatedRequest, id: string, packId: string, key?: string) {
    const pack = this.packOf(contextOf(await this.workflow.recordFor(req, id)), packId);
    if (pack.channel !== 'letter') throw invalid('packId', 'only a printed pack is reported posted');
    return transitionView(
      await this.workflow.send(req, id, E.packSent, { packId, attempt: pack.attempt }, key),
    );
  }

  async resend(req: AuthenticatedRequest, id: string, packId: string, body: ResendDto, key?: string) {
    this.packOf(contextOf(await this.workflow.recordFor(req, id)), packId);
    return transitionView(
      await this.workflow.send(req, id, E.packResent, { packId, channel: body.channel }, key),
    );
  }

  /** Sent in error: the link stops at the event's commit (the page reads the pack's status) and an incident is recorded. */
  async revoke(req: AuthenticatedRequest, id: string, packId: string, body: RevocationDto, key?: string) {
    this.packOf(contextOf(await this.workflow.recordFor(req, id)), packId);
    return transitionView(
      await this.workflow.send(req, id, E.packRevoked, { packId, reason: body.reason }, key, {
        alsoInTransaction: (tx) => this.links.stop(id, packId, 'sent-in-error', this.clock.now(), tx),
      }),
    );
  }

  /** A correction asked for on a recipient's behalf: its text stored in the document store, the event naming it. */
  async requestCorrection(req: AuthenticatedRequest, id: string, body: CorrectionRequestDto, key?: string) {
    const details = await this.workflow.recordFor(req, id);
    this.packOf(contextOf(details), body.packId);
    const correctionId = documentIdFor(id, key, `correction:${body.packId}`);
    return transitionView(
      await this.workflow.send(req, id, E.correctionRequested, { packId: body.packId, correctionId }, key, {
        alsoInTransaction: (tx) =>
          this.storeCorrection(tx, details, correctionId, body.text, req.principal.sub),
      }),
    );
  }

  async storeCorrection(
    tx: EntityManager,
    details: WorkflowDetails,
    id: string,
    text: string,
    by: string,
  ): Promise<void> {
    await this.documents.insert(tx, {
      id,
      workflowId: details.id,
      area: details.area ?? '',
      kind: 'correction-request',
      mediaType: DOCUMENT_MEDIA_TYPES.text,
      content: Buffer.from(text, 'utf8'),
      uploadedBy: by,
    });
  }

  async answerCorrection(
    req: AuthenticatedRequest,
    id: string,
    correctionId: string,
    body: CorrectionAnswerDto,
    key?: string,
  ) {
    return transitionView(
      await this.workflow.send(req, id, E.correctionAnswered, { correctionId, accepted: body.accepted }, key),
    );
  }

  /** A printed pack's file, for the co-ordinator to print and post: assembled as the link would release it, and logged. */
  async print(req: AuthenticatedRequest, id: string, packId: string) {
    const details = await this.workflow.recordFor(req, id);
    const context = contextOf(details);
    const pack = this.packOf(context, packId);
    if (pack.channel !== 'letter' || !['queued', 'sent'].includes(pack.status))
      throw new DomainError(DomainErrorCode.Conflict, 'Only a printed pack that stands is printed');
    const assembled = await this.assembler.assemble(context, pack);
    await this.accessLog.record(accessEntry(req, 'read', DISTRIBUTION_WORKFLOW.recordType, id));
    return { filename: `${context.reference}-${pack.packId}.zip`, bytes: assembled.bytes };
  }

  async incidents(req: AuthenticatedRequest, id: string) {
    const details = await this.workflow.read(req, id);
    return { incidents: await this.links.incidents('all', details.id) };
  }

  /** Every incident in the caller's areas; each distribution they name is recorded as read (once, however many incidents it has). */
  async allIncidents(req: AuthenticatedRequest) {
    const incidents = await this.links.incidents(scopeAreas(req.principal));
    await this.accessLog.recordAll(
      [...new Set(incidents.map((i) => i.workflowId))].map((id) =>
        accessEntry(req, 'read', DISTRIBUTION_WORKFLOW.recordType, id),
      ),
    );
    return { incidents };
  }

  private async sendWithDocuments(
    req: AuthenticatedRequest,
    details: WorkflowDetails,
    round: Round,
    payload: Record<string, unknown>,
    toStore: {
      id: string;
      content: Buffer;
      mediaType: (typeof DOCUMENT_MEDIA_TYPES)[keyof typeof DOCUMENT_MEDIA_TYPES];
    }[],
    key?: string,
  ) {
    const type = round === 'decisions' ? E.decisionsRegistered : E.minutesRegistered;
    return transitionView(
      await this.workflow.send(req, details.id, type, payload, key, {
        alsoInTransaction: async (tx) => {
          for (const part of toStore)
            await this.documents.insert(tx, {
              id: part.id,
              workflowId: details.id,
              area: details.area ?? '',
              kind: `${round}-part`,
              mediaType: part.mediaType,
              content: part.content,
              uploadedBy: req.principal.sub,
            });
        },
      }),
    );
  }

  private packOf(context: DistributionContext, packId: string) {
    const pack = context.packs.find((p) => p.packId === packId);
    if (!pack) throw new DomainError(DomainErrorCode.NotFound, 'Pack not found');
    return pack;
  }
}

export const contextOf = (details: WorkflowDetails) => details.context as unknown as DistributionContext;

const partPayload = (part: Part) => ({
  partId: part.partId,
  kind: part.kind,
  sha256: part.sha256,
  ...(part.sectionId ? { sectionId: part.sectionId } : {}),
  ...(part.reportId ? { reportId: part.reportId } : {}),
  ...(part.addressOfPersonId ? { addressOfPersonId: part.addressOfPersonId } : {}),
});

/** A distribution as its people see it: ids, dates, statuses; the figures stay in the journal. */
export function distributionView(details: WorkflowDetails) {
  const { figures: _figures, ...distribution } = contextOf(details);
  return {
    id: details.id,
    reference: details.reference,
    area: details.area,
    state: details.state,
    workflowStatus: details.status,
    distribution,
    deadlines: details.deadlines,
    overdue: details.overdue,
    allowedEvents: details.allowedEvents,
    createdAt: details.createdAt,
    updatedAt: details.updatedAt,
  };
}
