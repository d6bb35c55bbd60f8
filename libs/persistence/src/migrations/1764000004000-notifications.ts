import type { MigrationInterface, QueryRunner } from 'typeorm';

const RECIPIENTS = `('coordinator', 'chair', 'lado', 'duty_manager', 'service_manager', 'front_door')`;
// An area as workflows carry it, or '*' for a team that serves the whole authority (the LADO).
const AREA = `(area = '*' OR area ~ '^[A-Za-z0-9][A-Za-z0-9 _.-]{0,39}$')`;
// A work address: one @, no spaces, at most 254 characters (RFC 5321). Nothing stricter: the SMTP
// server is the judge of an address, and a bounce is recorded on the delivery.
const EMAIL = (column: string) => `(length(${column}) <= 254 AND ${column} ~ '^[^@\\s]+@[^@\\s]+$')`;
const SUBJECT = (column: string) => `(length(${column}) BETWEEN 1 AND 255 AND ${column} !~ '\\s')`;

/**
 * Who gets told and how: teams per area and recipient kind with a fallback address, the duty rota
 * (who is on duty on which date), notifications (one per outbox effect and recipient kind) and
 * their deliveries (one per channel and target), with every delivery attempt and its outcome.
 *
 * Only staff contact details live here (the identity provider's subject id and a work address),
 * never case data: a notification carries the workflow id, its case reference and deadline dates.
 */
export class Notifications1764000004000 implements MigrationInterface {
  name = 'Notifications1764000004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_team (
        id               uuid PRIMARY KEY,
        area             text NOT NULL CHECK ${AREA},
        recipient        text NOT NULL CHECK (recipient IN ${RECIPIENTS}),
        name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        fallback_email   text NOT NULL CHECK ${EMAIL('fallback_email')},
        fallback_subject text CHECK (fallback_subject IS NULL OR ${SUBJECT('fallback_subject')}),
        created_at       timestamptz NOT NULL,
        updated_at       timestamptz NOT NULL,
        CONSTRAINT notification_team_one_per_area_and_recipient UNIQUE (area, recipient)
      )`);

    await q.query(`
      CREATE TABLE duty_rota_entry (
        id          uuid PRIMARY KEY,
        team_id     uuid NOT NULL REFERENCES notification_team (id) ON DELETE CASCADE,
        on_date     date NOT NULL,
        subject     text NOT NULL CHECK ${SUBJECT('subject')},
        email       text NOT NULL CHECK ${EMAIL('email')},
        created_at  timestamptz NOT NULL,
        CONSTRAINT duty_rota_entry_once_per_day UNIQUE (team_id, on_date, subject)
      )`);

    await q.query(`
      CREATE TABLE notification (
        id               uuid PRIMARY KEY,
        source_outbox_id bigint NOT NULL REFERENCES outbox (id),
        workflow_id      uuid NOT NULL REFERENCES workflow_instance (id),
        recipient        text NOT NULL CHECK (recipient IN ${RECIPIENTS}),
        template         text NOT NULL CHECK (template ~ '^[a-z][a-z0-9.-]{0,79}$'),
        reference        text CHECK (reference IS NULL OR length(reference) BETWEEN 1 AND 100),
        resolved_via     text NOT NULL CHECK (resolved_via IN ('rota', 'team', 'none')),
        team_id          uuid REFERENCES notification_team (id),
        on_duty_date     date NOT NULL,
        deadline_id      uuid,
        deadline_kind    text CHECK (deadline_kind IS NULL OR deadline_kind ~ '^[a-z][a-z0-9-]{0,62}$'),
        step             text CHECK (step IS NULL OR step IN ('warning', 'due', 'repeat')),
        occurrence       integer CHECK (occurrence IS NULL OR occurrence >= 0),
        due_date         date,
        due_at           timestamptz,
        created_at       timestamptz NOT NULL,
        CONSTRAINT notification_once_per_effect_and_recipient UNIQUE (source_outbox_id, recipient),
        CHECK ((resolved_via = 'none') = (team_id IS NULL)),
        CHECK ((deadline_id IS NULL) = (step IS NULL) AND (step IS NULL) = (due_date IS NULL))
      )`);
    await q.query(`CREATE INDEX notification_workflow ON notification (workflow_id, created_at)`);

    await q.query(`
      CREATE TABLE notification_delivery (
        id               uuid PRIMARY KEY,
        notification_id  uuid NOT NULL REFERENCES notification (id),
        workflow_id      uuid NOT NULL REFERENCES workflow_instance (id),
        channel          text NOT NULL CHECK (channel IN ('inbox', 'email', 'webhook')),
        target           text NOT NULL CHECK (length(target) BETWEEN 1 AND 255),
        status           text NOT NULL CHECK (status IN ('pending', 'retrying', 'delivered', 'failed')),
        attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error       text CHECK (last_error IS NULL OR length(last_error) <= 500),
        outbox_id        bigint REFERENCES outbox (id),
        created_at       timestamptz NOT NULL,
        last_attempt_at  timestamptz,
        delivered_at     timestamptz,
        acknowledged_at  timestamptz,
        CONSTRAINT notification_delivery_once UNIQUE (notification_id, channel, target),
        CHECK ((status = 'delivered') = (delivered_at IS NOT NULL)),
        CHECK (acknowledged_at IS NULL OR (channel = 'inbox' AND acknowledged_at >= created_at)),
        CHECK ((channel = 'inbox') = (outbox_id IS NULL)),
        CHECK (status IN ('pending') OR attempts > 0)
      )`);
    // The inbox: one person's items, newest first, with the unacknowledged ones found fast.
    await q.query(
      `CREATE INDEX notification_delivery_inbox ON notification_delivery (target, created_at DESC, id DESC)
        WHERE channel = 'inbox'`,
    );
    await q.query(
      `CREATE INDEX notification_delivery_notification ON notification_delivery (notification_id)`,
    );
    await q.query(`CREATE INDEX notification_delivery_workflow ON notification_delivery (workflow_id)`);

    await q.query(`
      CREATE TABLE notification_delivery_attempt (
        delivery_id  uuid NOT NULL REFERENCES notification_delivery (id),
        attempt      integer NOT NULL CHECK (attempt > 0),
        started_at   timestamptz NOT NULL,
        finished_at  timestamptz NOT NULL,
        outcome      text NOT NULL CHECK (outcome IN ('delivered', 'failed')),
        error        text CHECK (error IS NULL OR length(error) <= 500),
        PRIMARY KEY (delivery_id, attempt),
        CHECK (finished_at >= started_at),
        CHECK ((outcome = 'failed') = (error IS NOT NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_delivery_attempt`);
    await q.query(`DROP TABLE notification_delivery`);
    await q.query(`DROP TABLE notification`);
    await q.query(`DROP TABLE duty_rota_entry`);
    await q.query(`DROP TABLE notification_team`);
  }
}
