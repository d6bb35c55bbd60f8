import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLES = [
  'coordinator',
  'chair',
  'lado',
  'social_worker',
  'manager',
  'duty_manager',
  'auditor',
  'partner_agency',
  'team_manager',
];
const list = (roles: string[]) => `(${roles.map((role) => `'${role}'`).join(', ')})`;

/**
 * The distribution of a conference's documents: each recipient's personal link (only the SHA-256
 * of its random token is stored, never the token), the one-time code a family member's pack asks
 * for (hashed, with its expiry and the attempts left), and the data-protection incidents of packs
 * sent in error. A recipient opening their pack acts in the access log as `recipient`.
 */
export class Distribution1764000045000 implements MigrationInterface {
  name = 'Distribution1764000045000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE access_log DROP CONSTRAINT access_log_role_check`);
    await q.query(
      `ALTER TABLE access_log ADD CONSTRAINT access_log_role_check CHECK (role IN ${list([...ROLES, 'recipient'])})`,
    );
    await q.query(`
      CREATE TABLE distribution_link (
        id uuid PRIMARY KEY,
        workflow_id uuid NOT NULL REFERENCES workflow_instance (id),
        pack_id text NOT NULL,
        attempt integer NOT NULL CHECK (attempt > 0),
        recipient_id text NOT NULL,
        family_side boolean NOT NULL,
        token_sha256 char(64) NOT NULL UNIQUE CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
        expires_on date NOT NULL,
        created_at timestamptz NOT NULL,
        stopped_at timestamptz,
        stopped_reason text CHECK (stopped_reason IN ('superseded', 'sent-in-error')),
        code_sha256 char(64),
        code_expires_at timestamptz,
        code_attempts_left integer NOT NULL DEFAULT 0,
        UNIQUE (workflow_id, pack_id, attempt)
      )
    `);
    await q.query(`CREATE INDEX distribution_link_pack ON distribution_link (workflow_id, pack_id)`);
    await q.query(`
      CREATE TABLE data_protection_incident (
        workflow_id uuid NOT NULL REFERENCES workflow_instance (id),
        incident_id text NOT NULL,
        area text NOT NULL,
        reference text NOT NULL,
        pack_id text NOT NULL,
        recipient_id text NOT NULL,
        exposed jsonb NOT NULL,
        status_at_revocation text NOT NULL,
        sent_at timestamptz,
        opened boolean NOT NULL,
        first_opened_at timestamptz,
        revoked_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (workflow_id, incident_id)
      )
    `);
    await q.query(
      `CREATE INDEX data_protection_incident_recorded ON data_protection_incident (recorded_at DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE data_protection_incident`);
    await q.query(`DROP TABLE distribution_link`);
    await q.query(`DELETE FROM access_log WHERE role = 'recipient'`).catch(() => undefined);
    await q.query(`ALTER TABLE access_log DROP CONSTRAINT access_log_role_check`);
    await q.query(
      `ALTER TABLE access_log ADD CONSTRAINT access_log_role_check CHECK (role IN ${list(ROLES)})`,
    );
  }
}
