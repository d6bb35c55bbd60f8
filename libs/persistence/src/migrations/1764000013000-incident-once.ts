import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An incident may name what it is about (a failed effect, a timer job, a refused signal) so that
 * the same failure seen twice (a redelivery, two workers racing) is one open incident. The
 * database holds it: one unresolved incident per workflow and key.
 */
export class IncidentOnce1764000013000 implements MigrationInterface {
  name = 'IncidentOnce1764000013000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE workflow_incident ADD COLUMN once_key text CHECK (length(once_key) BETWEEN 1 AND 300)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX workflow_incident_open_once ON workflow_incident (workflow_id, once_key)
        WHERE resolved_at IS NULL AND once_key IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX workflow_incident_open_once`);
    await q.query(`ALTER TABLE workflow_incident DROP COLUMN once_key`);
  }
}
