import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every transition updates the instance row and so every index on it. (status, updated_at, id)
 * served nothing that (updated_at, id) does not: the list filters on status while walking the
 * updated_at order. One index less per transition.
 */
export class DropRedundantInstanceIndex1764000006000 implements MigrationInterface {
  name = 'DropRedundantInstanceIndex1764000006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX workflow_instance_status_updated`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX workflow_instance_status_updated ON workflow_instance (status, updated_at DESC, id DESC)`);
  }
}
