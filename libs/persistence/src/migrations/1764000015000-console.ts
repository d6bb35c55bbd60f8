import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The managers' console: its sessions, and the indexes its board pages by.
 *
 * A session row holds an HMAC of the cookie's opaque id (never the id itself, so a copy of the table
 * signs no one in), the principal read from the ID token (pseudonymous subject, roles, areas: no
 * name or email), the CSRF token of its forms, and while a sign-in is under way the PKCE verifier,
 * state and nonce. The board lists active workflows by how soon their next deadline falls, keyset
 * paged on (due, id); a workflow without a deadline sorts last ('infinity').
 */
export class Console1764000015000 implements MigrationInterface {
  name = 'Console1764000015000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE console_session (
        id_hash     text PRIMARY KEY CHECK (id_hash ~ '^[0-9a-f]{64}$'),
        kind        text NOT NULL CHECK (kind IN ('signing-in', 'signed-in')),
        principal   jsonb,
        sign_in     jsonb,
        csrf_token  text NOT NULL CHECK (length(csrf_token) >= 32),
        created_at  timestamptz NOT NULL,
        expires_at  timestamptz NOT NULL,
        CHECK (expires_at > created_at),
        CHECK ((kind = 'signed-in') = (principal IS NOT NULL)),
        CHECK ((kind = 'signing-in') = (sign_in IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX console_session_expires ON console_session (expires_at)`);
    await q.query(
      `CREATE INDEX console_instance_active_due ON workflow_instance ((COALESCE(next_due_at, 'infinity'::timestamptz)), id)
        WHERE status = 'active'`,
    );
    await q.query(
      `CREATE INDEX console_instance_warned_due ON workflow_instance ((COALESCE(next_due_at, 'infinity'::timestamptz)), id)
        WHERE status = 'active' AND warned`,
    );
    await q.query(`CREATE INDEX console_deadline_open_kind ON workflow_deadline (kind, workflow_id) WHERE status = 'open'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX console_deadline_open_kind`);
    await q.query(`DROP INDEX console_instance_warned_due`);
    await q.query(`DROP INDEX console_instance_active_due`);
    await q.query(`DROP TABLE console_session`);
  }
}
