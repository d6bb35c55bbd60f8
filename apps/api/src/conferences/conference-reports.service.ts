import { Injectable, PayloadTooLargeException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  AccessLogService,
  AppConfig,
  checkUpload,
  type DocumentMeta,
  DocumentStore,
  sha256Of,
  type StoredDocument,
  documentIdFrom,
} from '@app/persistence';
import {
  CONFERENCE_EVENTS as E,
  type ConferenceContext,
  DomainError,
  DomainErrorCode,
  type ExpectedReport,
  SOCIAL_WORKER_REPORT,
} from '@app/workflows';
import type { AuthenticatedRequest } from '../auth';
import {
  accessEntry,
  type DomainWorkflow,
  DomainWorkflows,
  eventIdOf,
} from '../workflows/domain-workflow.service';
import { CONFERENCE_WORKFLOW } from './conference.workflow';
import { type ConferenceTransitionView, transitionView } from './conference.view';

/** The document store's kind for a conference report, and the access log's record type for a document. */
export const REPORT_DOCUMENT_KIND = 'report';
export const DOCUMENT_RECORD_TYPE = 'document';

/** What the conference view says of a report's uploaded document: sizes, hash, when and by whom, never its content. */
export interface ReportDocumentView {
  id: string;
  mediaType: string;
  byteSize: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: string;
}

export const reportDocumentView = (meta: DocumentMeta): ReportDocumentView => ({
  id: meta.id,
  mediaType: meta.mediaType,
  byteSize: meta.byteSize,
  sha256: meta.sha256,
  uploadedAt: meta.uploadedAt.toISOString(),
  uploadedBy: meta.uploadedBy,
});

/** A file as multer's memory storage hands it over: the bytes in memory, never a temporary file. */
export interface UploadedFile {
  buffer: Buffer;
  size: number;
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'text/plain': 'txt',
};

const invalidFile = (message: string) =>
  new DomainError(DomainErrorCode.InvalidInput, message, {
    errors: [{ field: 'file', messages: [message] }],
  });

/**
 * The id of an uploaded report's document: a UUID drawn from the conference, the event id (the
 * Idempotency-Key, or a fresh id) and the SHA-256 of the bytes. The event that names it is what the
 * engine's idempotency compares, so the same key with the same bytes names the same document (the
 * first answer is given and nothing is stored twice) and the same key with other bytes names
 * another, which the engine refuses as a reused key. The bytes themselves never reach the journal.
 */
export function reportDocumentId(workflowId: string, eventId: string, contentSha256: string): string {
  return documentIdFrom('report-document', workflowId, eventId, contentSha256);
}

/** The neutral file name a report is answered under: the case reference and the report's key, never a name. */
export function reportFileName(reference: string, key: string, mediaType: string): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return `${safe(reference)}-report-${safe(key)}.${EXTENSIONS[mediaType] ?? 'bin'}`;
}

/**
 * A conference's reports as uploaded documents: the upload (checked by its content, then the
 * document and the report's event in one transaction through the domain-workflow layer) and the
 * reading of one (area-scoped through the conference, access-logged as a `document`).
 */
@Injectable()
export class ConferenceReportsService {
  private readonly workflow: DomainWorkflow;

  constructor(
    domainWorkflows: DomainWorkflows,
    private readonly documents: DocumentStore,
    private readonly accessLog: AccessLogService,
    private readonly config: AppConfig,
  ) {
    this.workflow = domainWorkflows.for(CONFERENCE_WORKFLOW);
  }

  /**
   * A report received as an uploaded document. The bytes are judged by their content before
   * anything is written; then the document row and the `report.received` event naming it commit
   * together, or neither does (an event the machine refuses leaves no document).
   */
  async upload(
    req: AuthenticatedRequest,
    id: string,
    reportKey: string,
    file: UploadedFile | undefined,
    key: string | undefined,
  ): Promise<ConferenceTransitionView> {
    if (!file) throw invalidFile('file is required: one multipart/form-data file field named "file"');
    const checked = await checkUpload(file.buffer, this.config.reportUploadMaxBytes);
    if (!checked.ok) {
      // Multer stops a file over the limit as it arrives (413); this is the same rule, said once more.
      if (checked.reason === 'too-large') throw new PayloadTooLargeException(checked.detail);
      throw invalidFile(checked.detail);
    }
    const eventId = eventIdOf(key);
    const documentId = reportDocumentId(id, eventId, sha256Of(file.buffer));
    const payload =
      reportKey === SOCIAL_WORKER_REPORT
        ? { author: 'social-worker', documentId }
        : { author: 'agency', agencyId: reportKey, documentId };
    const result = await this.workflow.send(req, id, E.reportReceived, payload, eventId, {
      alsoInTransaction: async (tx, workflowId) => {
        await this.documents.insert(tx, {
          id: documentId,
          workflowId,
          area: await areaOf(tx, workflowId),
          kind: REPORT_DOCUMENT_KIND,
          mediaType: checked.mediaType,
          content: file.buffer,
          uploadedBy: req.principal.sub,
        });
      },
    });
    return transitionView(result);
  }

  /**
   * A received report's document, for a role that may read the conference: the conference found
   * in the caller's areas (404 otherwise, as for the conference itself), the report received as a
   * document (404 when it is not, or came as a case-management reference), the read logged as a
   * `document` before the bytes leave.
   */
  async read(
    req: AuthenticatedRequest,
    id: string,
    reportKey: string,
  ): Promise<{ document: StoredDocument; fileName: string }> {
    const details = await this.workflow.recordFor(req, id);
    const context = details.context as unknown as ConferenceContext;
    const report: ExpectedReport | undefined = context.reports.find((r) => r.key === reportKey);
    const documentId = report?.received?.documentId;
    const document = documentId ? await this.documents.read(documentId) : null;
    if (!document || document.meta.workflowId !== id) {
      throw new DomainError(DomainErrorCode.NotFound, 'No document for this report');
    }
    await this.accessLog.record(accessEntry(req, 'read', DOCUMENT_RECORD_TYPE, document.meta.id));
    return {
      document,
      fileName: reportFileName(context.reference, reportKey, document.meta.mediaType),
    };
  }

  /** The documents of a conference's reports, by report key, for the conference's view. */
  async documentsOf(
    context: ConferenceContext,
    workflowId: string,
  ): Promise<Map<string, ReportDocumentView>> {
    const byId = new Map((await this.documents.list(workflowId)).map((meta) => [meta.id, meta]));
    const out = new Map<string, ReportDocumentView>();
    for (const report of context.reports) {
      const meta = report.received?.documentId ? byId.get(report.received.documentId) : undefined;
      if (meta) out.set(report.key, reportDocumentView(meta));
    }
    return out;
  }
}

/** The conference's area, read in the event's own transaction (the row is locked by the engine). */
async function areaOf(tx: EntityManager, workflowId: string): Promise<string> {
  const rows = (await tx.query(`SELECT area FROM workflow_instance WHERE id = $1`, [workflowId])) as {
    area: string | null;
  }[];
  const area = rows[0]?.area;
  if (!area) throw new Error(`Conference ${workflowId} has no area`);
  return area;
}
