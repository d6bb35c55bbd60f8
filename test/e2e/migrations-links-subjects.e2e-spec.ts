import { migrationDatabase } from '../support/migration-database';

/**
 * The migrations of deadline keys, workflow links, subjects and incident once-keys go down and
 * up again on a migrated database, and the ASV backfill reads the subjects from the snapshots.
 */
describe('Migrations for keyed deadlines, links, subjects and incident keys', () => {
  const db = migrationDatabase();

  const columns = async (table: string) =>
    ((await db.dataSource.query(`SELECT column_name FROM information_schema.columns WHERE table_name = $1`, [table])) as {
      column_name: string;
    }[]).map((c) => c.column_name);
  const tableExists = async (table: string) =>
    ((await db.dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [table])) as { present: boolean }[])[0]!.present;

  const applied = async () =>
    ((await db.dataSource.query(`SELECT name FROM schema_migrations`)) as { name: string }[]).map((m) => m.name);

  it('goes down and up again', async () => {
    // Down to before the first of them (and so any later migration too).
    while ((await applied()).includes('DeadlineItemKey1764000010000')) {
      await db.dataSource.undoLastMigration({ transaction: 'each' });
    }
    expect(await columns('workflow_deadline')).not.toContain('item_key');
    expect(await columns('workflow_instance')).not.toContain('parent_id');
    expect(await columns('workflow_incident')).not.toContain('once_key');
    expect(await tableExists('workflow_subject')).toBe(false);

    // An ASV referral written before the subjects were kept.
    await db.dataSource.query(
      `INSERT INTO workflow_instance (id, type, machine_version, state, status, snapshot, seq, created_at, updated_at, last_transition_at)
       VALUES ('7a0b3d4e-5f60-4718-8a9b-0c1d2e3f4a5b', 'asv-referral', 1, 'screening', 'active',
               '{"status":"active","value":"screening","context":{"childIds":["child-1","child-2"],"subjectPersonId":"person-9"}}',
               1, now(), now(), now())`,
    );
    const ran = await db.dataSource.runMigrations({ transaction: 'each' });
    expect(ran.map((m) => m.name)).toEqual(
      expect.arrayContaining([
        'DeadlineItemKey1764000010000',
        'WorkflowLinks1764000011000',
        'WorkflowSubjects1764000012000',
        'IncidentOnce1764000013000',
      ]),
    );
    expect(await columns('workflow_deadline')).toContain('item_key');
    expect(await db.dataSource.query(`SELECT subject_id, kind FROM workflow_subject ORDER BY kind, subject_id`)).toEqual([
      { subject_id: 'person-9', kind: 'allegation-subject' },
      { subject_id: 'child-1', kind: 'child' },
      { subject_id: 'child-2', kind: 'child' },
    ]);
  });
});
