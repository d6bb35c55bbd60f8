import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A workflow started by another records its parent and the parent's journal entry that asked for
 * it, so a conference's plans, or a plan's review conference, can be found from either end. The
 * index is partial: the many workflows nobody started hold no entry in it, and a transition of
 * one of them has one index less to write.
 */
export class WorkflowLinks1764000011000 implements MigrationInterface {
  name = 'WorkflowLinks1764000011000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE workflow_instance
        ADD COLUMN parent_id uuid REFERENCES workflow_instance (id),
        ADD COLUMN parent_seq integer CHECK (parent_seq > 0),
        ADD CONSTRAINT workflow_instance_parent_whole CHECK ((parent_id IS NULL) = (parent_seq IS NULL)),
        ADD CONSTRAINT workflow_instance_not_own_parent CHECK (parent_id <> id)`);
    await q.query(
      `CREATE INDEX workflow_instance_parent ON workflow_instance (parent_id) WHERE parent_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX workflow_instance_parent`);
    await q.query(`
      ALTER TABLE workflow_instance
        DROP CONSTRAINT workflow_instance_not_own_parent,
        DROP CONSTRAINT workflow_instance_parent_whole,
        DROP COLUMN parent_seq,
        DROP COLUMN parent_id`);
  }
}
