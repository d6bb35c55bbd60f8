import type { MigrationInterface, QueryRunner } from 'typeorm';

const AREA = (column: string) => `(${column} ~ '^[A-Za-z0-9][A-Za-z0-9 _.-]{0,39}$')`;
const SUBJECT = (column: string) => `(length(${column}) BETWEEN 1 AND 255 AND ${column} !~ '\\s')`;
const LANGUAGE = (column: string) => `(${column} IS NULL OR ${column} ~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$')`;
const NAME = (column: string) => `(${column} IS NULL OR (length(${column}) BETWEEN 1 AND 100 AND ${column} ~ '\\S'))`;
const REASON = (column: string) => `(length(${column}) BETWEEN 1 AND 500 AND ${column} ~ '\\S')`;
const ROLE = `('coordinator', 'chair', 'lado', 'social_worker', 'manager', 'duty_manager', 'auditor', 'partner_agency')`;

/**
 * People kept apart from workflows: children, unborn children and adults with their names, dates,
 * language and access needs, postal address and contact points, and the external ids they are
 * known by (case management, NHS number). Workflows, journals, jobs and logs hold `person.id` only,
 * so a correction is one row and an erasure removes every identifier at once.
 *
 * Erasure is refused while a record that must be retained refers to the person. Who refers is a
 * registry (`person_referrer`), read by `person_retained_references(id)`: each row names a table
 * and column, matched by id (an indexed equality) or by mention (an id anywhere in a JSON
 * document: the workflow journal, whose payloads are every workflow's input and events). A table
 * added later registers itself with one INSERT; a registered table that does not exist yet is
 * skipped, so `workflow_subject` is registered here ahead of its own migration.
 */
export class People1764000007300 implements MigrationInterface {
  name = 'People1764000007300';

  async up(q: QueryRunner): Promise<void> {
    // Modulus 11 (NHS Data Dictionary): weights 10..2 over the first nine digits; 11 is written 0
    // and 10 is never issued. CASE keeps the digit casts away from anything but ten digits.
    await q.query(`
      CREATE FUNCTION nhs_number_is_valid(value text) RETURNS boolean
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT CASE WHEN value !~ '^[0-9]{10}$' THEN false ELSE (
          SELECT CASE 11 - total % 11 WHEN 11 THEN 0 WHEN 10 THEN -1 ELSE 11 - total % 11 END
                 = substr(value, 10, 1)::int
            FROM (SELECT sum(substr(value, i, 1)::int * (11 - i)) AS total FROM generate_series(1, 9) AS i) AS digits
        ) END
      $$`);
    await q.query(`
      CREATE FUNCTION address_lines_are_valid(lines text[]) RETURNS boolean
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT cardinality(lines) BETWEEN 1 AND 6
           AND NOT EXISTS (SELECT 1 FROM unnest(lines) AS line WHERE line IS NULL OR length(line) NOT BETWEEN 1 AND 100)
      $$`);

    await q.query(`
      CREATE TABLE person (
        id                     uuid PRIMARY KEY,
        kind                   text NOT NULL CHECK (kind IN ('child', 'unborn-child', 'adult')),
        given_name             text CHECK ${NAME('given_name')},
        family_name            text CHECK ${NAME('family_name')},
        date_of_birth          date,
        expected_delivery_date date,
        gender                 text CHECK (gender IS NULL OR gender IN ('female', 'male', 'not-known', 'not-specified')),
        language               text CHECK ${LANGUAGE('language')},
        interpreter_language   text CHECK ${LANGUAGE('interpreter_language')},
        access_needs           text CHECK (access_needs IS NULL OR length(access_needs) BETWEEN 1 AND 1000),
        confidential_address   boolean NOT NULL DEFAULT false,
        address_lines          text[] CHECK (address_lines IS NULL OR address_lines_are_valid(address_lines)),
        postcode               text CHECK (postcode IS NULL OR postcode ~ '^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$'),
        area                   text NOT NULL CHECK ${AREA('area')},
        version                integer NOT NULL DEFAULT 1 CHECK (version > 0),
        created_at             timestamptz NOT NULL,
        updated_at             timestamptz NOT NULL,
        CONSTRAINT person_unborn_has_edd CHECK ((kind = 'unborn-child') = (expected_delivery_date IS NOT NULL)),
        CONSTRAINT person_unborn_has_no_dob CHECK (kind <> 'unborn-child' OR date_of_birth IS NULL),
        CONSTRAINT person_born_has_a_name CHECK (kind = 'unborn-child' OR given_name IS NOT NULL OR family_name IS NOT NULL),
        CONSTRAINT person_postcode_with_address CHECK (postcode IS NULL OR address_lines IS NOT NULL)
      )`);
    await q.query(`COMMENT ON TABLE person IS 'Personal data: referenced from workflows by id only, never copied into journals, jobs or logs'`);

    await q.query(`
      CREATE TABLE person_external_id (
        person_id   uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        system      text NOT NULL CHECK (system ~ '^[a-z][a-z0-9-]{1,39}$'),
        value       text NOT NULL CHECK (value ~ '^[!-~]{1,100}$'),
        created_at  timestamptz NOT NULL,
        PRIMARY KEY (person_id, system),
        CONSTRAINT person_external_id_once UNIQUE (system, value),
        CONSTRAINT person_external_id_nhs_number CHECK (system <> 'nhs-number' OR nhs_number_is_valid(value))
      )`);

    await q.query(`
      CREATE TABLE person_contact_point (
        person_id   uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        position    smallint NOT NULL CHECK (position BETWEEN 1 AND 10),
        system      text NOT NULL CHECK (system IN ('email', 'phone')),
        value       text NOT NULL,
        use         text CHECK (use IS NULL OR use IN ('home', 'work', 'mobile')),
        PRIMARY KEY (person_id, position),
        CONSTRAINT person_contact_point_once UNIQUE (person_id, system, value),
        CONSTRAINT person_contact_point_email CHECK (system <> 'email' OR value ~ '^[^@\\s]{1,64}@[^@\\s]{1,189}$'),
        CONSTRAINT person_contact_point_phone CHECK (system <> 'phone' OR value ~ '^\\+?[0-9]{6,15}$')
      )`);

    // A record outside the database's sight (a workflow, by its id) that names the person and must
    // be kept: no cascade, so the database itself refuses to erase a referenced person, and the
    // row lock a new reference takes makes it wait for, or fail after, an erasure in progress.
    await q.query(`
      CREATE TABLE person_reference (
        person_id     uuid NOT NULL REFERENCES person (id),
        referrer_type text NOT NULL CHECK (referrer_type ~ '^[a-z][a-z0-9-]{0,39}$'),
        referrer_id   text NOT NULL CHECK (length(referrer_id) BETWEEN 1 AND 200),
        area          text CHECK (area IS NULL OR ${AREA('area')}),
        created_at    timestamptz NOT NULL,
        PRIMARY KEY (person_id, referrer_type, referrer_id)
      )`);
    await q.query(`CREATE INDEX person_reference_referrer ON person_reference (referrer_type, referrer_id)`);

    // Which fields were corrected, why and by whom: the old values are not kept (that is what a
    // correction is for). Gone with the person on erasure.
    await q.query(`
      CREATE TABLE person_correction (
        id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        person_id  uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        at         timestamptz NOT NULL,
        subject    text NOT NULL CHECK ${SUBJECT('subject')},
        role       text NOT NULL CHECK (role IN ${ROLE}),
        reason     text NOT NULL CHECK ${REASON('reason')},
        fields     text[] NOT NULL CHECK (cardinality(fields) BETWEEN 1 AND 30)
      )`);
    await q.query(`CREATE INDEX person_correction_person ON person_correction (person_id, id)`);

    // That a person was erased, when, by whom and why: the id only. Append-only.
    await q.query(`
      CREATE TABLE person_erasure (
        person_id  uuid PRIMARY KEY,
        at         timestamptz NOT NULL,
        subject    text NOT NULL CHECK ${SUBJECT('subject')},
        role       text NOT NULL CHECK (role IN ${ROLE}),
        reason     text NOT NULL CHECK ${REASON('reason')}
      )`);
    await q.query(`
      CREATE TRIGGER person_erasure_append_only BEFORE UPDATE OR DELETE ON person_erasure
      FOR EACH ROW EXECUTE FUNCTION reject_change()`);
    await q.query(`
      CREATE TRIGGER person_erasure_no_truncate BEFORE TRUNCATE ON person_erasure
      FOR EACH STATEMENT EXECUTE FUNCTION reject_change()`);

    // POST /people answered once per caller and Idempotency-Key: a retry gets the same ids.
    await q.query(`
      CREATE TABLE person_request (
        subject          text NOT NULL CHECK ${SUBJECT('subject')},
        idempotency_key  text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 220),
        request_hash     text NOT NULL CHECK (request_hash ~ '^[0-9a-f]{64}$'),
        person_ids       uuid[] NOT NULL,
        result           jsonb NOT NULL,
        created_at       timestamptz NOT NULL,
        PRIMARY KEY (subject, idempotency_key)
      )`);
    await q.query(`CREATE INDEX person_request_people ON person_request USING gin (person_ids)`);

    await q.query(`
      CREATE TABLE person_referrer (
        name         text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9-]{0,39}$'),
        table_name   text NOT NULL CHECK (table_name ~ '^[a-z][a-z0-9_]{0,62}$'),
        column_name  text NOT NULL CHECK (column_name ~ '^[a-z][a-z0-9_]{0,62}$'),
        match        text NOT NULL CHECK (match IN ('id', 'mention')),
        description  text NOT NULL CHECK (length(description) BETWEEN 1 AND 300),
        CONSTRAINT person_referrer_once UNIQUE (table_name, column_name)
      )`);
    await q.query(`
      INSERT INTO person_referrer (name, table_name, column_name, match, description) VALUES
        ('person-reference', 'person_reference', 'person_id', 'id',
         'A record outside the database''s sight (a workflow, by its id) that names the person'),
        ('workflow-subject', 'workflow_subject', 'subject_id', 'id',
         'The subject index of workflows'),
        ('workflow-journal', 'workflow_journal', 'payload', 'mention',
         'Every workflow''s input and events, kept for ever: the id anywhere in a payload')`);

    // The referrers that name a person, by registry name. A registered table that does not exist
    // yet is skipped; a registered column that does not exist is an error, so a mistake in the
    // registry refuses every erasure rather than allowing one it should not.
    await q.query(`
      CREATE FUNCTION person_retained_references(person uuid) RETURNS SETOF text
      LANGUAGE plpgsql STABLE AS $$
      DECLARE
        referrer person_referrer;
        column_type regtype;
        found boolean;
      BEGIN
        FOR referrer IN SELECT * FROM person_referrer ORDER BY name LOOP
          CONTINUE WHEN to_regclass(quote_ident(referrer.table_name)) IS NULL;
          SELECT a.atttypid::regtype INTO column_type
            FROM pg_attribute a
           WHERE a.attrelid = to_regclass(quote_ident(referrer.table_name))
             AND a.attname = referrer.column_name AND NOT a.attisdropped;
          IF column_type IS NULL THEN
            RAISE EXCEPTION 'person_referrer %: no column %.%', referrer.name, referrer.table_name, referrer.column_name;
          END IF;
          IF referrer.match = 'id' THEN
            EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE %I = $1::text::%s)',
                           referrer.table_name, referrer.column_name, column_type)
              INTO found USING person;
          ELSE
            -- The id as this service writes it (lower case) or as some systems echo one (upper case),
            -- anywhere in the document; lower() over every document would cost twice as much.
            EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE (SELECT strpos(doc, $1) > 0 OR strpos(doc, upper($1)) > 0
                                                               FROM (SELECT %I::text AS doc) AS document))',
                           referrer.table_name, referrer.column_name)
              INTO found USING person::text;
          END IF;
          IF found THEN RETURN NEXT referrer.name; END IF;
        END LOOP;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION person_retained_references(uuid)`);
    await q.query(`DROP TABLE person_referrer`);
    await q.query(`DROP TABLE person_request`);
    await q.query(`DROP TABLE person_erasure`);
    await q.query(`DROP TABLE person_correction`);
    await q.query(`DROP TABLE person_reference`);
    await q.query(`DROP TABLE person_contact_point`);
    await q.query(`DROP TABLE person_external_id`);
    await q.query(`DROP TABLE person`);
    await q.query(`DROP FUNCTION address_lines_are_valid(text[])`);
    await q.query(`DROP FUNCTION nhs_number_is_valid(text)`);
  }
}
