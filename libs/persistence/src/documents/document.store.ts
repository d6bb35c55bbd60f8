import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '@app/workflows';
import type { DocumentMediaType } from './document-content';

/** What is stored about a document besides its bytes: ids, sizes and hashes, never its content. */
export interface DocumentMeta {
  id: string;
  workflowId: string;
  area: string;
  /** What it is, kebab-case: `report`, `decisions`, `minutes`, `minutes-part`, … */
  kind: string;
  mediaType: DocumentMediaType;
  byteSize: number;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  /** The token subject of whoever stored it (or the service's own name for a drafted one). */
  uploadedBy: string;
  uploadedAt: Date;
}

export interface StoredDocument {
  meta: DocumentMeta;
  content: Buffer;
}

export interface NewDocument {
  /** A caller may choose the id (to name it in the event of the same transaction). */
  id?: string;
  workflowId: string;
  area: string;
  kind: string;
  mediaType: DocumentMediaType;
  content: Uint8Array;
  uploadedBy: string;
}

interface DocumentRow {
  id: string;
  workflow_id: string;
  area: string;
  kind: string;
  media_type: DocumentMediaType;
  byte_size: number;
  sha256: string;
  uploaded_by: string;
  uploaded_at: Date;
}

const META_COLUMNS = 'id, workflow_id, area, kind, media_type, byte_size, sha256, uploaded_by, uploaded_at';

const metaOf = (row: DocumentRow): DocumentMeta => ({
  id: row.id,
  workflowId: row.workflow_id,
  area: row.area,
  kind: row.kind,
  mediaType: row.media_type,
  byteSize: row.byte_size,
  sha256: row.sha256.trim(),
  uploadedBy: row.uploaded_by,
  uploadedAt: row.uploaded_at,
});

export const sha256Of = (content: Uint8Array): string => createHash('sha256').update(content).digest('hex');

/**
 * A document id drawn from what names it (the workflow, the request's Idempotency-Key, what the
 * document is, its bytes' hash), so that a retry names the same document in the same event and the
 * engine's idempotency answers it; shaped as a version 4 UUID, as every id the API hands out.
 */
export function documentIdFrom(...names: string[]): string {
  const hex = createHash('sha256').update(names.join('\u0000')).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The document store: bytes in PostgreSQL with their SHA-256, written in the caller's transaction
 * (so a document exists exactly when the event naming it committed), never changed afterwards (a
 * trigger refuses an update). Reading is the caller's to access-log and scope: the store answers
 * the document's workflow and area for that.
 */
@Injectable()
export class DocumentStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async insert(tx: EntityManager, document: NewDocument): Promise<DocumentMeta> {
    const content = Buffer.from(document.content);
    const rows = (await tx.query(
      `INSERT INTO document (id, workflow_id, area, kind, media_type, byte_size, sha256, content, uploaded_by, uploaded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       RETURNING ${META_COLUMNS}`,
      [
        document.id ?? randomUUID(),
        document.workflowId,
        document.area,
        document.kind,
        document.mediaType,
        content.byteLength,
        sha256Of(content),
        content,
        document.uploadedBy,
        this.clock.now(),
      ],
    )) as DocumentRow[];
    return metaOf(rows[0]);
  }

  async meta(id: string, tx: EntityManager = this.dataSource.manager): Promise<DocumentMeta | null> {
    const rows = (await tx.query(`SELECT ${META_COLUMNS} FROM document WHERE id = $1`, [
      id,
    ])) as DocumentRow[];
    return rows[0] ? metaOf(rows[0]) : null;
  }

  /** Every document of a workflow, oldest first, without their bytes. */
  async list(workflowId: string, tx: EntityManager = this.dataSource.manager): Promise<DocumentMeta[]> {
    const rows = (await tx.query(
      `SELECT ${META_COLUMNS} FROM document WHERE workflow_id = $1 ORDER BY uploaded_at, id`,
      [workflowId],
    )) as DocumentRow[];
    return rows.map(metaOf);
  }

  async read(id: string, tx: EntityManager = this.dataSource.manager): Promise<StoredDocument | null> {
    const rows = (await tx.query(`SELECT ${META_COLUMNS}, content FROM document WHERE id = $1`, [
      id,
    ])) as (DocumentRow & {
      content: Buffer;
    })[];
    const row = rows[0];
    return row ? { meta: metaOf(row), content: row.content } : null;
  }
}
