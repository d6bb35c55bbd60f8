import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who a workflow is assigned to: the identity provider's subject id of the member of staff who
 * answers for it, and since when. The engine writes both in the statement of the journaled
 * `engine.reassigned` action (never elsewhere), so the journal says who gave it to whom and why.
 * The board finds a person's workflows soonest deadline first from the partial index.
 */
export class WorkflowAssignee1764000050000 implements MigrationInterface {
  name = 'WorkflowAssignee1764000050000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE workflow_instance
        ADD COLUMN assignee_sub text CHECK (length(assignee_sub) BETWEEN 1 AND 255 AND assignee_sub !~ '\\s'),
        ADD COLUMN assigned_at timestamptz,
        ADD CONSTRAINT workflow_instance_assignment_whole CHECK ((assignee_sub IS NULL) = (assigned_at IS NULL))`);
    await q.query(
      `CREATE INDEX console_instance_assignee_due ON workflow_instance
         (assignee_sub, (COALESCE(next_due_at, 'infinity'::timestamptz)), id)
       WHERE status = 'active' AND assignee_sub IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX console_instance_assignee_due`);
    await q.query(`
      ALTER TABLE workflow_instance
        DROP CONSTRAINT workflow_instance_assignment_whole,
        DROP COLUMN assigned_at,
        DROP COLUMN assignee_sub`);
  }
}
