import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The access log: who read or wrote which record, in which role, when and from where. Append-only
 * in the database itself: a trigger refuses UPDATE, DELETE and TRUNCATE for every user the
 * triggers apply to, the service's own included. No column holds personal data about a child,
 * parent or subject; `subject` is the identity provider's pseudonymous id of the member of staff.
 */
export class AccessLog1764000002000 implements MigrationInterface {
  name = 'AccessLog1764000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE access_log (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at          timestamptz NOT NULL,
        subject     text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
        role        text NOT NULL CHECK (role IN ('coordinator', 'chair', 'lado', 'social_worker', 'manager',
                                                  'duty_manager', 'auditor', 'partner_agency')),
        action      text NOT NULL CHECK (action IN ('read', 'write')),
        record_type text NOT NULL CHECK (record_type ~ '^[a-z][a-z0-9-]{0,39}$'),
        record_id   text NOT NULL CHECK (length(record_id) BETWEEN 1 AND 200),
        route       text NOT NULL CHECK (length(route) BETWEEN 1 AND 300),
        ip          inet,
        request_id  text CHECK (request_id ~ '^[A-Za-z0-9-]{1,64}$')
      )`);
    await q.query(`CREATE INDEX access_log_subject ON access_log (subject, id DESC)`);
    await q.query(`CREATE INDEX access_log_record ON access_log (record_type, record_id, id DESC)`);
    await q.query(`CREATE INDEX access_log_at ON access_log (at)`);
    await q.query(`
      CREATE FUNCTION access_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'access_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
      FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change()`);
    await q.query(`
      CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
      FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change()`);
    await q.query(
      `COMMENT ON TABLE access_log IS 'Append-only: every read and write of a child''s, parent''s or subject''s record'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE access_log`);
    await q.query(`DROP FUNCTION access_log_refuse_change()`);
  }
}
