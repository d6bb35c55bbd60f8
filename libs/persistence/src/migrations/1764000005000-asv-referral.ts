import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ASV referrals: the sequence their references are numbered from, the uniqueness of those
 * references, and the indexes behind the ASV list's filters on the date of receipt and the
 * outcome (both in the snapshot's context: indexed as expressions, never scanned).
 */
export class AsvReferral1764000005000 implements MigrationInterface {
  name = 'AsvReferral1764000005000';

  async up(q: QueryRunner): Promise<void> {
    // nextval() is atomic and never rolled back, so two requests can never draw the same number
    // (a refused request may leave a gap, which is harmless). One run across the years: the
    // number does not restart in January, so ASV-YYYY-NNNNNN is unique even without its year.
    await q.query(`CREATE SEQUENCE asv_reference_seq AS integer MINVALUE 1 MAXVALUE 999999 NO CYCLE`);
    await q.query(
      `CREATE UNIQUE INDEX workflow_instance_asv_reference ON workflow_instance (reference) WHERE type = 'asv-referral'`,
    );
    // IMMUTABLE is true here although a text-to-timestamptz cast is not in general: the machine
    // only accepts receivedAt with its UTC offset, so the result never depends on the TimeZone.
    await q.query(`
      CREATE FUNCTION asv_received_at(snapshot jsonb) RETURNS timestamptz
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      AS $$ SELECT (snapshot #>> '{context,receivedAt}')::timestamptz $$`);
    await q.query(
      `CREATE INDEX workflow_instance_asv_received ON workflow_instance (asv_received_at(snapshot)) WHERE type = 'asv-referral'`,
    );
    await q.query(
      `CREATE INDEX workflow_instance_asv_outcome ON workflow_instance ((snapshot #>> '{context,outcome,outcome}'))
        WHERE type = 'asv-referral'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX workflow_instance_asv_outcome`);
    await q.query(`DROP INDEX workflow_instance_asv_received`);
    await q.query(`DROP FUNCTION asv_received_at(jsonb)`);
    await q.query(`DROP INDEX workflow_instance_asv_reference`);
    await q.query(`DROP SEQUENCE asv_reference_seq`);
  }
}
