import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deadline timers' reconciler walks every open deadline in id order, in batches, every
 * minute; this partial index keeps that walk proportional to the open deadlines, not to every
 * deadline ever met.
 */
export class DeadlineTimers1764000003000 implements MigrationInterface {
  name = 'DeadlineTimers1764000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX workflow_deadline_open_by_id ON workflow_deadline (id) WHERE status = 'open'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX workflow_deadline_open_by_id`);
  }
}
