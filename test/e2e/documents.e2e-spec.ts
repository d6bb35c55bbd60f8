import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  checkUpload,
  dataSourceOptions,
  DOCUMENT_MEDIA_TYPES,
  DocumentStore,
  documentIdFrom,
  sha256Of,
} from '@app/persistence';
import { createTestDatabase } from '../support/database';
import { docxBytes, odtBytes, pdfBytes, pngBytes, scriptBytes, zipOf } from '../support/documents';

/**
 * The document store against the real PostgreSQL: bytes kept with their SHA-256, written in the
 * caller's transaction, never changed; and uploads judged by their content, not their name.
 */
describe('Documents', () => {
  describe('an upload is judged by its content', () => {
    const limit = 1_000_000;

    it.each([
      ['a PDF', pdfBytes('Agency report'), DOCUMENT_MEDIA_TYPES.pdf],
      ['a DOCX', docxBytes('Agency report'), DOCUMENT_MEDIA_TYPES.docx],
      ['an ODT', odtBytes('Agency report'), DOCUMENT_MEDIA_TYPES.odt],
    ])('accepts %s', async (_what, bytes, mediaType) => {
      await expect(checkUpload(bytes, limit)).resolves.toMatchObject({ ok: true, mediaType });
    });

    it.each([
      ['a shell script', scriptBytes(), 'unrecognised'],
      ['a PNG', pngBytes(), 'not-allowed'],
      ['a ZIP that is not a document', zipOf([{ name: 'notes.txt', content: 'hello' }]), 'not-allowed'],
      ['nothing', Buffer.alloc(0), 'empty'],
    ])('refuses %s', async (_what, bytes, reason) => {
      const answer = await checkUpload(bytes, limit);
      expect(answer).toMatchObject({ ok: false, reason });
    });

    it('refuses a document over the limit, by one byte, and takes one at it', async () => {
      const bytes = pdfBytes('x'.repeat(200));
      await expect(checkUpload(bytes, bytes.length)).resolves.toMatchObject({ ok: true });
      await expect(checkUpload(bytes, bytes.length - 1)).resolves.toMatchObject({ ok: false, reason: 'too-large' });
    });

    it("never repeats the document's content in its answer", async () => {
      const answer = await checkUpload(Buffer.from('Secret words about a child', 'utf8'), limit);
      expect(JSON.stringify(answer)).not.toContain('Secret');
    });
  });

  it('draws a document id from what names it: the same names the same id, any other name another', () => {
    const id = documentIdFrom('report-document', 'wf-1', 'key-1', 'abc');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(documentIdFrom('report-document', 'wf-1', 'key-1', 'abc')).toBe(id);
    expect(documentIdFrom('report-document', 'wf-1', 'key-1', 'abd')).not.toBe(id);
    // The names are kept apart, so moving a character between them names another document.
    expect(documentIdFrom('a', 'bc')).not.toBe(documentIdFrom('ab', 'c'));
  });

  describe('the store', () => {
    let database: Awaited<ReturnType<typeof createTestDatabase>>;
    let dataSource: DataSource;
    let store: DocumentStore;
    let workflowId: string;
    const now = new Date('2026-12-02T10:00:00Z');

    beforeAll(async () => {
      database = await createTestDatabase();
      dataSource = new DataSource(dataSourceOptions(database.url, { poolSize: 2 }));
      await dataSource.initialize();
      store = new DocumentStore(dataSource, { now: () => now });
      workflowId = randomUUID();
      await dataSource.query(
        `INSERT INTO workflow_instance (id, type, machine_version, state, status, snapshot, area, seq, created_at, updated_at, last_transition_at)
         VALUES ($1, 'conference', 1, 'requested', 'active', '{}', 'north', 1, now(), now(), now())`,
        [workflowId],
      );
    });
    afterAll(async () => {
      await dataSource?.destroy();
      await database?.drop();
    });

    it('keeps the bytes with their SHA-256 and answers them again', async () => {
      const bytes = pdfBytes('Police report');
      const meta = await dataSource.transaction((tx) =>
        store.insert(tx, {
          workflowId,
          area: 'north',
          kind: 'report',
          mediaType: DOCUMENT_MEDIA_TYPES.pdf,
          content: bytes,
          uploadedBy: 'coordinator-1',
        }),
      );
      expect(meta).toMatchObject({ byteSize: bytes.length, sha256: sha256Of(bytes), uploadedAt: now });
      const read = await store.read(meta.id);
      expect(read?.content.equals(bytes)).toBe(true);
      expect(read?.meta).toEqual(meta);
      expect(await store.list(workflowId)).toEqual([meta]);
    });

    it('writes nothing when the transaction it was written in rolls back', async () => {
      const id = randomUUID();
      await expect(
        dataSource.transaction(async (tx) => {
          await store.insert(tx, {
            id,
            workflowId,
            area: 'north',
            kind: 'report',
            mediaType: DOCUMENT_MEDIA_TYPES.pdf,
            content: pdfBytes('GP report'),
            uploadedBy: 'coordinator-1',
          });
          throw new Error('the event was refused');
        }),
      ).rejects.toThrow('the event was refused');
      expect(await store.meta(id)).toBeNull();
    });

    it('never changes stored bytes', async () => {
      const meta = await dataSource.transaction((tx) =>
        store.insert(tx, {
          workflowId,
          area: 'north',
          kind: 'report',
          mediaType: DOCUMENT_MEDIA_TYPES.pdf,
          content: pdfBytes('School report'),
          uploadedBy: 'coordinator-1',
        }),
      );
      await expect(
        dataSource.query(`UPDATE document SET content = $2, byte_size = 3 WHERE id = $1`, [meta.id, Buffer.from('abc')]),
      ).rejects.toThrow('a stored document is never changed');
      expect((await store.read(meta.id))?.meta.sha256).toBe(meta.sha256);
    });

    it('refuses a document for a workflow that does not exist', async () => {
      await expect(
        dataSource.transaction((tx) =>
          store.insert(tx, {
            workflowId: randomUUID(),
            area: 'north',
            kind: 'report',
            mediaType: DOCUMENT_MEDIA_TYPES.pdf,
            content: pdfBytes('Orphan'),
            uploadedBy: 'coordinator-1',
          }),
        ),
      ).rejects.toThrow(/foreign key/);
    });
  });
});
