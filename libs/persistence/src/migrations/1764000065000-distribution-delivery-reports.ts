import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery reports from the mail relay (apps/api/src/distribution/delivery-reports): each sending
 * of a pack by email (one `distribution_link` row per pack and attempt) gets an opaque envelope id,
 * asked of the relay as the DSN's ENVID, so a report maps back to the workflow, the pack and the
 * attempt without naming anyone; and the report read for it: what the relay said (`delivered` or
 * `failed`, with the RFC 3463 status code) and when the service recorded it. Rows from before have
 * no envelope id: no report can name them.
 */
export class DistributionDeliveryReports1764000065000 implements MigrationInterface {
  name = 'DistributionDeliveryReports1764000065000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE distribution_link
        ADD COLUMN envelope_id text UNIQUE CHECK (envelope_id ~ '^[0-9a-f]{32}$'),
        ADD COLUMN delivery text CHECK (delivery IN ('delivered', 'failed')),
        ADD COLUMN delivery_status text CHECK (delivery_status ~ '^[245]\\.[0-9]{1,3}\\.[0-9]{1,3}$'),
        ADD COLUMN delivery_reported_at timestamptz,
        ADD CONSTRAINT distribution_link_delivery_reported CHECK ((delivery IS NULL) = (delivery_reported_at IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE distribution_link
        DROP CONSTRAINT distribution_link_delivery_reported,
        DROP COLUMN delivery_reported_at,
        DROP COLUMN delivery_status,
        DROP COLUMN delivery,
        DROP COLUMN envelope_id`);
  }
}
