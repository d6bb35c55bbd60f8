import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Conference invitations outside the workflow: the invitees' personal response links (only the
 * SHA-256 of each token is kept) and the printed-letter tasks for invitees without email. Both
 * hold ids, a sequence and the booked slot, never a name, an address or an email; the person
 * store has those.
 */
export class Invitations1764000030000 implements MigrationInterface {
  name = 'Invitations1764000030000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invitation_link (
        id           uuid PRIMARY KEY,
        token_hash   bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
        workflow_id  uuid NOT NULL REFERENCES workflow_instance (id),
        person_id    uuid NOT NULL,
        sequence     integer NOT NULL CHECK (sequence >= 0),
        outbox_id    bigint NOT NULL REFERENCES outbox (id),
        expires_at   timestamptz NOT NULL,
        created_at   timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX invitation_link_invitee ON invitation_link (workflow_id, person_id)`);
    await q.query(`
      CREATE TABLE invitation_letter_task (
        id                uuid PRIMARY KEY,
        outbox_id         bigint NOT NULL UNIQUE REFERENCES outbox (id),
        workflow_id       uuid NOT NULL REFERENCES workflow_instance (id),
        reference         text NOT NULL,
        person_id         uuid NOT NULL,
        sequence          integer NOT NULL CHECK (sequence >= 0),
        method            text NOT NULL CHECK (method IN ('REQUEST', 'CANCEL')),
        slot_date         date NOT NULL,
        start_time        text NOT NULL CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        duration_minutes  integer NOT NULL CHECK (duration_minutes > 0),
        venue_id          text,
        online_link       text,
        created_at        timestamptz NOT NULL,
        superseded_at     timestamptz,
        posted_on         date,
        posted_at         timestamptz,
        posted_by         text,
        CHECK ((posted_on IS NULL) = (posted_at IS NULL) AND (posted_on IS NULL) = (posted_by IS NULL)),
        CHECK (posted_on IS NULL OR superseded_at IS NULL)
      )`);
    await q.query(`CREATE INDEX invitation_letter_task_workflow ON invitation_letter_task (workflow_id, created_at)`);
    await q.query(
      `CREATE INDEX invitation_letter_task_open ON invitation_letter_task (created_at) WHERE posted_on IS NULL AND superseded_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE invitation_letter_task`);
    await q.query(`DROP TABLE invitation_link`);
  }
}
