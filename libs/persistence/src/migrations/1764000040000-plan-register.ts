import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read models of the child protection register and the census, written by the engine in
 * each transition's statement (a definition's `readModel`): one row per plan (`plan_register`)
 * and one per conference (`conference_record`). Existing conferences get their row from their
 * snapshot's next transition; the backfill below gives every one a row at once.
 */
export class PlanRegister1764000040000 implements MigrationInterface {
  name = 'PlanRegister1764000040000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plan_register (
        workflow_id uuid PRIMARY KEY REFERENCES workflow_instance (id) ON DELETE CASCADE,
        area text NOT NULL,
        reference text NOT NULL,
        household_id text NOT NULL,
        child_person_id text NOT NULL,
        unborn boolean NOT NULL,
        conference_reference text NOT NULL,
        conference_kind text NOT NULL,
        start_date date NOT NULL,
        end_date date,
        end_reason text,
        initial_category text NOT NULL CHECK (initial_category IN ('NEG', 'PHY', 'SAB', 'EMO', 'MUL')),
        latest_category text NOT NULL CHECK (latest_category IN ('NEG', 'PHY', 'SAB', 'EMO', 'MUL')),
        previous_plans int NOT NULL,
        lead_social_worker_person_id text NOT NULL,
        lead_team_id text NOT NULL,
        core_group_due date,
        core_group_met_on date,
        review_due date,
        reviews_held int NOT NULL,
        transferring_authority_id text,
        on_plan boolean NOT NULL
      )`);
    await q.query(`CREATE INDEX plan_register_on_plan ON plan_register (area, review_due) WHERE on_plan`);
    await q.query(`CREATE INDEX plan_register_started ON plan_register (start_date, area)`);
    await q.query(
      `CREATE INDEX plan_register_ended ON plan_register (end_date, area) WHERE end_date IS NOT NULL`,
    );
    await q.query(`CREATE INDEX plan_register_child ON plan_register (child_person_id)`);
    await q.query(`
      CREATE TABLE conference_record (
        workflow_id uuid PRIMARY KEY REFERENCES workflow_instance (id) ON DELETE CASCADE,
        area text NOT NULL,
        reference text NOT NULL,
        household_id text NOT NULL,
        kind text NOT NULL,
        requested_kind text NOT NULL,
        review_cycle int NOT NULL,
        statutory_due date NOT NULL,
        due_date date NOT NULL,
        held_on date,
        decided boolean NOT NULL,
        quorate boolean,
        exceptional_quorum boolean NOT NULL,
        adjournments int NOT NULL,
        children int NOT NULL,
        children_with_plans int NOT NULL
      )`);
    await q.query(`CREATE INDEX conference_record_held ON conference_record (held_on, area) WHERE decided`);
    // Conferences already running: their row from the snapshot (a transition rewrites it whole).
    await q.query(`
      INSERT INTO conference_record (workflow_id, area, reference, household_id, kind, requested_kind, review_cycle,
                                     statutory_due, due_date, held_on, decided, quorate, exceptional_quorum,
                                     adjournments, children, children_with_plans)
      SELECT id, c ->> 'area', c ->> 'reference', c ->> 'householdId', c ->> 'kind',
             coalesce(c ->> 'requestedKind', c ->> 'kind'), coalesce((c #>> '{outcome,reviewCycle}')::int, 0),
             (c #>> '{clocks,dueDate}')::date, (c #>> '{clocks,dueDate}')::date, NULL, false, NULL, false,
             coalesce(jsonb_array_length(c #> '{outcome,adjournedSittings}'), 0), jsonb_array_length(c -> 'children'), 0
        FROM (SELECT id, snapshot -> 'context' AS c FROM workflow_instance WHERE type = 'conference') AS conferences
      ON CONFLICT (workflow_id) DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE conference_record`);
    await q.query(`DROP TABLE plan_register`);
  }
}
