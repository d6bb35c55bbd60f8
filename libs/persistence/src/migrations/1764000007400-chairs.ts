import type { MigrationInterface, QueryRunner } from 'typeorm';

const AREA = (column: string) => `(${column} ~ '^[A-Za-z0-9][A-Za-z0-9 _.-]{0,39}$')`;
const SUBJECT = (column: string) => `(length(${column}) BETWEEN 1 AND 255 AND ${column} !~ '\\s')`;
const EMAIL = (column: string) => `(${column} ~ '^[^@\\s]{1,64}@[^@\\s]{1,189}$')`;
// A booking is a half-open range [start, end) with both ends given, of at most a working day.
const BOOKED_RANGE = (column: string) =>
  `(NOT isempty(${column}) AND NOT lower_inf(${column}) AND NOT upper_inf(${column})
    AND lower_inc(${column}) AND NOT upper_inc(${column})
    AND upper(${column}) - lower(${column}) <= interval '12 hours')`;

/**
 * Chairs (independent CP co-ordinators) and their diaries: each chair keyed by the identity
 * provider's subject id with a display name and work address; the areas they chair (one chair per
 * area); cover arrangements (a chair covers an area from one date to another); absences; and the
 * bookings of chairs and minute takers. The database refuses what must never happen: two covers
 * of one area on one date, overlapping absences of one chair, and a chair or minute taker booked
 * twice at once (exclusion constraints over date and time ranges, with btree_gist for the
 * equality part). Staff data only: a booking names its conference by workflow id.
 */
export class Chairs1764000007400 implements MigrationInterface {
  name = 'Chairs1764000007400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await q.query(`
      CREATE TABLE chair (
        sub           text PRIMARY KEY CHECK ${SUBJECT('sub')},
        display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100 AND display_name ~ '\\S'),
        email         text NOT NULL CHECK ${EMAIL('email')},
        created_at    timestamptz NOT NULL,
        updated_at    timestamptz NOT NULL
      )`);

    // The area's chair: one per area, so "the area's chair" always means one person.
    await q.query(`
      CREATE TABLE chair_home_area (
        area       text PRIMARY KEY CHECK ${AREA('area')},
        chair_sub  text NOT NULL REFERENCES chair (sub) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX chair_home_area_chair ON chair_home_area (chair_sub)`);

    await q.query(`
      CREATE TABLE chair_cover (
        id          uuid PRIMARY KEY,
        chair_sub   text NOT NULL REFERENCES chair (sub),
        area        text NOT NULL CHECK ${AREA('area')},
        from_date   date NOT NULL,
        to_date     date NOT NULL,
        created_at  timestamptz NOT NULL,
        created_by  text NOT NULL CHECK ${SUBJECT('created_by')},
        CONSTRAINT chair_cover_dates CHECK (to_date >= from_date),
        CONSTRAINT chair_cover_one_per_area_and_day
          EXCLUDE USING gist (area WITH =, daterange(from_date, to_date, '[]') WITH &&)
      )`);
    // The guard's lookup on every chair's request: the areas this chair covers today.
    await q.query(`CREATE INDEX chair_cover_chair ON chair_cover (chair_sub, to_date)`);

    await q.query(`
      CREATE TABLE chair_absence (
        id          uuid PRIMARY KEY,
        chair_sub   text NOT NULL REFERENCES chair (sub),
        from_date   date NOT NULL,
        to_date     date NOT NULL,
        created_at  timestamptz NOT NULL,
        created_by  text NOT NULL CHECK ${SUBJECT('created_by')},
        CONSTRAINT chair_absence_dates CHECK (to_date >= from_date),
        CONSTRAINT chair_absence_no_overlap
          EXCLUDE USING gist (chair_sub WITH =, daterange(from_date, to_date, '[]') WITH &&)
      )`);

    await q.query(`
      CREATE TABLE chair_booking (
        id            uuid PRIMARY KEY,
        chair_sub     text NOT NULL REFERENCES chair (sub),
        workflow_id   uuid REFERENCES workflow_instance (id),
        during        tstzrange NOT NULL CHECK ${BOOKED_RANGE('during')},
        created_at    timestamptz NOT NULL,
        created_by    text NOT NULL CHECK ${SUBJECT('created_by')},
        cancelled_at  timestamptz,
        cancelled_by  text CHECK (cancelled_by IS NULL OR ${SUBJECT('cancelled_by')}),
        CONSTRAINT chair_booking_cancelled CHECK ((cancelled_at IS NULL) = (cancelled_by IS NULL)),
        CONSTRAINT chair_booking_no_overlap
          EXCLUDE USING gist (chair_sub WITH =, during WITH &&) WHERE (cancelled_at IS NULL)
      )`);
    await q.query(`CREATE INDEX chair_booking_workflow ON chair_booking (workflow_id) WHERE workflow_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE minute_taker_booking (
        id                uuid PRIMARY KEY,
        minute_taker_sub  text NOT NULL CHECK ${SUBJECT('minute_taker_sub')},
        workflow_id       uuid REFERENCES workflow_instance (id),
        during            tstzrange NOT NULL CHECK ${BOOKED_RANGE('during')},
        created_at        timestamptz NOT NULL,
        created_by        text NOT NULL CHECK ${SUBJECT('created_by')},
        cancelled_at      timestamptz,
        cancelled_by      text CHECK (cancelled_by IS NULL OR ${SUBJECT('cancelled_by')}),
        CONSTRAINT minute_taker_booking_cancelled CHECK ((cancelled_at IS NULL) = (cancelled_by IS NULL)),
        CONSTRAINT minute_taker_booking_no_overlap
          EXCLUDE USING gist (minute_taker_sub WITH =, during WITH &&) WHERE (cancelled_at IS NULL)
      )`);
    await q.query(
      `CREATE INDEX minute_taker_booking_workflow ON minute_taker_booking (workflow_id) WHERE workflow_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE minute_taker_booking`);
    await q.query(`DROP TABLE chair_booking`);
    await q.query(`DROP TABLE chair_absence`);
    await q.query(`DROP TABLE chair_cover`);
    await q.query(`DROP TABLE chair_home_area`);
    await q.query(`DROP TABLE chair`);
    // btree_gist stays: another table may use it, and dropping an extension is an administrator's call.
  }
}
