import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The people and groups each workflow is about, by opaque id (a child, an unborn child, a
 * household, the subject of an allegation), kept by the engine in the transaction of every start
 * and transition, so "every workflow about child X" is one indexed lookup, never a scan of
 * snapshots. Ids only: the CHECK keeps free text (a name) out.
 */
export class WorkflowSubjects1764000012000 implements MigrationInterface {
  name = 'WorkflowSubjects1764000012000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE workflow_subject (
        workflow_id uuid NOT NULL REFERENCES workflow_instance (id),
        subject_id  text NOT NULL CHECK (subject_id ~ '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$'),
        kind        text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9-]{0,39}$'),
        PRIMARY KEY (workflow_id, subject_id, kind)
      )`);
    await q.query(`CREATE INDEX workflow_subject_subject ON workflow_subject (subject_id)`);
    // ASV referrals started before this migration: the children named at the contact and the
    // subject of the allegation, read from their context as the engine does from now on.
    await q.query(`
      INSERT INTO workflow_subject (workflow_id, subject_id, kind)
      SELECT i.id, child.id, 'child'
        FROM workflow_instance i
       CROSS JOIN LATERAL jsonb_array_elements_text(coalesce(i.snapshot #> '{context,childIds}', '[]'::jsonb)) AS child (id)
       WHERE i.type = 'asv-referral'
      UNION
      SELECT i.id, i.snapshot #>> '{context,subjectPersonId}', 'allegation-subject'
        FROM workflow_instance i
       WHERE i.type = 'asv-referral' AND i.snapshot #>> '{context,subjectPersonId}' IS NOT NULL
      ON CONFLICT DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE workflow_subject`);
  }
}
