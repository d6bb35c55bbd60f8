import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A deadline's identity within its workflow becomes (kind, item key): a state may keep several
 * clocks of one kind open, one per item (an expected report, an invitation). A clock that is one
 * of its kind has the empty key, so every deadline written before this migration keeps its
 * identity and the uniqueness of open deadlines still holds for it.
 */
export class DeadlineItemKey1764000010000 implements MigrationInterface {
  name = 'DeadlineItemKey1764000010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE workflow_deadline ADD COLUMN item_key text NOT NULL DEFAULT '' CHECK (length(item_key) <= 200)`,
    );
    await q.query(`DROP INDEX workflow_deadline_one_open_per_kind`);
    await q.query(
      `CREATE UNIQUE INDEX workflow_deadline_one_open_per_item ON workflow_deadline (workflow_id, kind, item_key)
        WHERE status = 'open'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // Fails, and changes nothing, while a workflow has two open deadlines of one kind.
    await q.query(`DROP INDEX workflow_deadline_one_open_per_item`);
    await q.query(
      `CREATE UNIQUE INDEX workflow_deadline_one_open_per_kind ON workflow_deadline (workflow_id, kind) WHERE status = 'open'`,
    );
    await q.query(`ALTER TABLE workflow_deadline DROP COLUMN item_key`);
  }
}
