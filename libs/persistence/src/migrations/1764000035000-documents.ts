import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored documents: the bytes of an uploaded report, and later of each part of a conference's
 * decisions and minutes. Kept in PostgreSQL (never in the journal, which names a document by its
 * id), with the SHA-256 of the bytes, their checked media type and size, and the workflow and area
 * they belong to (which scope who may read them). A row is never changed: a new version is a new
 * row.
 */
export class Documents1764000035000 implements MigrationInterface {
  name = 'Documents1764000035000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE document (
        id uuid PRIMARY KEY,
        workflow_id uuid NOT NULL REFERENCES workflow_instance (id),
        area text NOT NULL,
        kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9-]{0,63}$'),
        media_type text NOT NULL CHECK (media_type IN (
          'application/pdf',
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          'application/vnd.oasis.opendocument.text',
          'text/plain'
        )),
        byte_size integer NOT NULL CHECK (byte_size > 0),
        sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL CHECK (octet_length(content) = byte_size),
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL
      )
    `);
    await q.query(`CREATE INDEX document_workflow ON document (workflow_id, uploaded_at)`);
    // Bytes once stored stay as they were: what was sent can always be shown to have been sent.
    await q.query(`
      CREATE FUNCTION document_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a stored document is never changed' USING ERRCODE = 'integrity_constraint_violation';
      END $$
    `);
    await q.query(`
      CREATE TRIGGER document_unchanged BEFORE UPDATE ON document
      FOR EACH ROW EXECUTE FUNCTION document_unchanged()
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE document`);
    await q.query(`DROP FUNCTION document_unchanged()`);
  }
}
