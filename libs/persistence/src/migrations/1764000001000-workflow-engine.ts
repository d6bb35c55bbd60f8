import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transition store: instances (snapshot plus indexed columns), the append-only journal,
 * deadlines, the outbox of effects and incidents. Invariants the database can hold are CHECKs,
 * UNIQUEs and triggers, so a bug in the application cannot break them.
 */
export class WorkflowEngine1764000001000 implements MigrationInterface {
  name = 'WorkflowEngine1764000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE workflow_instance (
        id                 uuid PRIMARY KEY,
        type               text NOT NULL CHECK (type ~ '^[a-z][a-z0-9-]{0,62}$'),
        machine_version    integer NOT NULL CHECK (machine_version > 0),
        state              text NOT NULL,
        status             text NOT NULL CHECK (status IN ('active', 'done')),
        snapshot           jsonb NOT NULL,
        area               text,
        reference          text,
        seq                integer NOT NULL CHECK (seq > 0),
        start_key          text,
        created_at         timestamptz NOT NULL,
        updated_at         timestamptz NOT NULL,
        last_transition_at timestamptz NOT NULL,
        stuck_after        timestamptz,
        next_due_at        timestamptz,
        warned             boolean NOT NULL DEFAULT false,
        open_incidents     integer NOT NULL DEFAULT 0 CHECK (open_incidents >= 0),
        CONSTRAINT workflow_instance_start_key UNIQUE (type, start_key)
      )`);
    await q.query(`CREATE INDEX workflow_instance_type_state ON workflow_instance (type, state)`);
    await q.query(`CREATE INDEX workflow_instance_status_updated ON workflow_instance (status, updated_at DESC, id DESC)`);
    await q.query(`CREATE INDEX workflow_instance_updated ON workflow_instance (updated_at DESC, id DESC)`);
    await q.query(`CREATE INDEX workflow_instance_next_due ON workflow_instance (next_due_at) WHERE status = 'active'`);
    await q.query(`CREATE INDEX workflow_instance_stuck ON workflow_instance (stuck_after) WHERE status = 'active'`);
    await q.query(`CREATE INDEX workflow_instance_incidents ON workflow_instance (id) WHERE open_incidents > 0`);
    await q.query(`CREATE INDEX workflow_instance_reference ON workflow_instance (reference)`);
    await q.query(`CREATE INDEX workflow_instance_area ON workflow_instance (area)`);

    await q.query(`
      CREATE TABLE workflow_journal (
        workflow_id     uuid NOT NULL REFERENCES workflow_instance (id),
        seq             integer NOT NULL CHECK (seq > 0),
        event_id        text NOT NULL CHECK (length(event_id) BETWEEN 1 AND 200),
        event_type      text NOT NULL,
        payload         jsonb NOT NULL,
        actor_sub       text NOT NULL,
        actor_role      text NOT NULL,
        from_state      text,
        to_state        text NOT NULL,
        machine_version integer NOT NULL,
        occurred_at     timestamptz NOT NULL,
        request_hash    text NOT NULL,
        result          jsonb NOT NULL,
        PRIMARY KEY (workflow_id, seq),
        CONSTRAINT workflow_journal_event_once UNIQUE (workflow_id, event_id)
      )`);
    await q.query(`CREATE INDEX workflow_journal_occurred ON workflow_journal (occurred_at)`);
    await q.query(`
      CREATE FUNCTION reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER workflow_journal_append_only BEFORE UPDATE OR DELETE ON workflow_journal
      FOR EACH ROW EXECUTE FUNCTION reject_change()`);
    await q.query(`
      CREATE TRIGGER workflow_journal_no_truncate BEFORE TRUNCATE ON workflow_journal
      FOR EACH STATEMENT EXECUTE FUNCTION reject_change()`);

    await q.query(`
      CREATE TABLE workflow_deadline (
        id             uuid PRIMARY KEY,
        workflow_id    uuid NOT NULL REFERENCES workflow_instance (id),
        kind           text NOT NULL,
        ladder         text NOT NULL,
        status         text NOT NULL CHECK (status IN ('open', 'met', 'cancelled')),
        anchor_date    date NOT NULL,
        due_date       date NOT NULL,
        due_at         timestamptz NOT NULL,
        opened_at      timestamptz NOT NULL,
        opened_seq     integer NOT NULL,
        closed_at      timestamptz,
        closed_seq     integer,
        closed_by      text,
        last_step      text,
        last_step_at   timestamptz,
        warned_at      timestamptz,
        overdue_at     timestamptz,
        revision       integer NOT NULL DEFAULT 1,
        CHECK ((status = 'open') = (closed_at IS NULL)),
        CHECK (due_date >= anchor_date)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX workflow_deadline_one_open_per_kind ON workflow_deadline (workflow_id, kind) WHERE status = 'open'`,
    );
    await q.query(`CREATE INDEX workflow_deadline_open_due ON workflow_deadline (due_at) WHERE status = 'open'`);
    await q.query(`CREATE INDEX workflow_deadline_workflow ON workflow_deadline (workflow_id)`);

    await q.query(`
      CREATE TABLE outbox (
        id            bigserial PRIMARY KEY,
        workflow_id   uuid REFERENCES workflow_instance (id),
        journal_seq   integer,
        effect_type   text NOT NULL,
        payload       jsonb NOT NULL,
        status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
        attempts      integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        available_at  timestamptz NOT NULL,
        created_at    timestamptz NOT NULL,
        done_at       timestamptz,
        last_error    text,
        CHECK ((status = 'pending') = (done_at IS NULL))
      )`);
    await q.query(`CREATE INDEX outbox_pending ON outbox (available_at, id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX outbox_workflow ON outbox (workflow_id)`);

    await q.query(`
      CREATE TABLE workflow_incident (
        id           uuid PRIMARY KEY,
        workflow_id  uuid NOT NULL REFERENCES workflow_instance (id),
        kind         text NOT NULL,
        detail       text NOT NULL,
        outbox_id    bigint REFERENCES outbox (id),
        created_at   timestamptz NOT NULL,
        resolved_at  timestamptz,
        resolved_by  text,
        resolution   text
      )`);
    await q.query(`CREATE INDEX workflow_incident_workflow ON workflow_incident (workflow_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE workflow_incident`);
    await q.query(`DROP TABLE outbox`);
    await q.query(`DROP TABLE workflow_deadline`);
    await q.query(`DROP TRIGGER workflow_journal_no_truncate ON workflow_journal`);
    await q.query(`DROP TRIGGER workflow_journal_append_only ON workflow_journal`);
    await q.query(`DROP TABLE workflow_journal`);
    await q.query(`DROP FUNCTION reject_change()`);
    await q.query(`DROP TABLE workflow_instance`);
  }
}
