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
];
const list = (roles: string[]) => `(${roles.map((role) => `'${role}'`).join(', ')})`;
/** Tables whose rows name the role a person acted in. */
const ROLE_TABLES = ['access_log', 'person_correction', 'person_erasure'];

/**
 * Conferences: the team manager's role among those a person can act in (the access log and the
 * people's correction log check the role), the sequence their CPC-YYYY-NNNNNN references are numbered from, and the
 * uniqueness of those references (a retry of a request finds the reference its first attempt drew).
 */
export class Conferences1764000020000 implements MigrationInterface {
  name = 'Conferences1764000020000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ROLE_TABLES) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_role_check`);
      await q.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_role_check CHECK (role IN ${list([...ROLES, 'team_manager'])})`,
      );
    }
    // As the ASV references: nextval() never hands out a number twice; a refused request leaves a gap.
    await q.query(`CREATE SEQUENCE conference_reference_seq AS integer MINVALUE 1 MAXVALUE 999999 NO CYCLE`);
    await q.query(
      `CREATE UNIQUE INDEX workflow_instance_conference_reference ON workflow_instance (reference) WHERE type = 'conference'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX workflow_instance_conference_reference`);
    await q.query(`DROP SEQUENCE conference_reference_seq`);
    // A row written by a team manager cannot stay once the role is gone: the down is refused then.
    for (const table of ROLE_TABLES) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_role_check`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_role_check CHECK (role IN ${list(ROLES)})`);
    }
  }
}
