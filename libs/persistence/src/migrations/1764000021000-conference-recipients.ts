import type { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE = `('coordinator', 'chair', 'lado', 'duty_manager', 'service_manager', 'front_door')`;
const AFTER = `('coordinator', 'chair', 'lado', 'duty_manager', 'service_manager', 'front_door', 'team_manager', 'manager')`;
const TABLES = ['notification_team', 'notification'];

/**
 * The conference tells the social worker's team manager (a late date to agree) and a manager (a
 * second inquorate conference): two more recipient kinds, each a team per area with its rota,
 * resolved like the others.
 */
export class ConferenceRecipients1764000021000 implements MigrationInterface {
  name = 'ConferenceRecipients1764000021000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await recipients(q, table, AFTER);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await recipients(q, table, BEFORE);
  }
}

async function recipients(q: QueryRunner, table: string, kinds: string): Promise<void> {
  await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_recipient_check`);
  await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_recipient_check CHECK (recipient IN ${kinds})`);
}
