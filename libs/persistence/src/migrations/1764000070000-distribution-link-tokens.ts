import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every email of a pack's sending holds a link that opens it. A sending is at least once: when a
 * worker dies (or its lease runs out) between the relay taking the email and `pack.sent`, the
 * sending runs again and a second email goes to the same recipient. The link row held one token,
 * which the retry replaced, so the first email's link (the one the recipient may well open first)
 * answered 404, "no pack has this link". Now a link (one sending: workflow, pack, attempt) has one
 * or more tokens, each the SHA-256 of what one email carried, and each opens the same pack until
 * the link stops, expires or a later attempt replaces it: stopping is on the link, so it stops
 * every token at once. Tokens already issued are moved over.
 */
export class DistributionLinkTokens1764000070000 implements MigrationInterface {
  name = 'DistributionLinkTokens1764000070000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE distribution_link_token (
        token_sha256 char(64) PRIMARY KEY CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
        link_id uuid NOT NULL REFERENCES distribution_link (id),
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX distribution_link_token_link ON distribution_link_token (link_id)`);
    await q.query(`
      INSERT INTO distribution_link_token (token_sha256, link_id, created_at)
      SELECT token_sha256, id, created_at FROM distribution_link`);
    await q.query(`ALTER TABLE distribution_link DROP COLUMN token_sha256`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Back to one token a link: the newest of each link's.
    await q.query(`ALTER TABLE distribution_link ADD COLUMN token_sha256 char(64)`);
    await q.query(`
      UPDATE distribution_link l SET token_sha256 = t.token_sha256
        FROM (SELECT DISTINCT ON (link_id) link_id, token_sha256 FROM distribution_link_token
               ORDER BY link_id, created_at DESC, token_sha256) t
       WHERE t.link_id = l.id`);
    await q.query(`ALTER TABLE distribution_link ALTER COLUMN token_sha256 SET NOT NULL`);
    await q.query(`ALTER TABLE distribution_link ADD CONSTRAINT distribution_link_token_sha256_key UNIQUE (token_sha256)`);
    await q.query(
      `ALTER TABLE distribution_link ADD CONSTRAINT distribution_link_token_sha256_check CHECK (token_sha256 ~ '^[0-9a-f]{64}$')`,
    );
    await q.query(`DROP TABLE distribution_link_token`);
  }
}
