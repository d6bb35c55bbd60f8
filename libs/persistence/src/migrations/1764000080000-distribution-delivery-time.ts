import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the relay says a sending was delivered or given up (the report's Last-Attempt-Date, else
 * its Date), kept apart from when the service read the report (`delivery_reported_at`): a poll
 * late by an outage would otherwise move the receipt, from which the minutes' correction window
 * counts. Null for reports read before, and for a report that gives no time.
 */
export class DistributionDeliveryTime1764000080000 implements MigrationInterface {
  name = 'DistributionDeliveryTime1764000080000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE distribution_link
        ADD COLUMN delivery_at timestamptz,
        ADD CONSTRAINT distribution_link_delivery_at CHECK (delivery_at IS NULL OR delivery IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE distribution_link
        DROP CONSTRAINT distribution_link_delivery_at,
        DROP COLUMN delivery_at`);
  }
}
