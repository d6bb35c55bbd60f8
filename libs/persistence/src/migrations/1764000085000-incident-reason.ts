import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A data-protection incident says why the pack was revoked (wrong recipient, a withheld part
 * included, the wrong document, …: the revocation's reason) and who revoked it (their sign-in id),
 * for the data protection officer. Null for incidents recorded before.
 */
export class IncidentReason1764000085000 implements MigrationInterface {
  name = 'IncidentReason1764000085000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE data_protection_incident
        ADD COLUMN reason text,
        ADD COLUMN revoked_by text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE data_protection_incident
        DROP COLUMN revoked_by,
        DROP COLUMN reason`);
  }
}
