import { migrationDatabase } from '../support/migration-database';

/**
 * The assignee and the board's filter columns go down and up again on a migrated database: the
 * open deadlines' kinds are filled from the open deadlines, and a conference's chair is generated
 * from its snapshot (and follows it when the snapshot changes).
 */
describe('Migrations for the assignee and the board filter columns', () => {
  const db = migrationDatabase();

  const columns = async () =>
    (
      (await db.dataSource.query(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'workflow_instance'`,
      )) as {
        column_name: string;
      }[]
    ).map((c) => c.column_name);
  const applied = async () =>
    ((await db.dataSource.query(`SELECT name FROM schema_migrations`)) as { name: string }[]).map((m) => m.name);

  it('goes down and up again, filling the kinds and generating the chair', async () => {
    while ((await applied()).includes('WorkflowAssignee1764000050000')) {
      await db.dataSource.undoLastMigration({ transaction: 'each' });
    }
    expect(await columns()).not.toEqual(expect.arrayContaining(['assignee_sub']));
    expect(await columns()).not.toContain('open_deadline_kinds');
    expect(await columns()).not.toContain('chair_sub');

    const insert = (id: string, type: string, context: Record<string, unknown>) =>
      db.dataSource.query(
        `INSERT INTO workflow_instance (id, type, machine_version, state, status, snapshot, seq, created_at, updated_at, last_transition_at)
         VALUES ($1, $2, 1, 'open', 'active', $3, 1, now(), now(), now())`,
        [id, type, { status: 'active', value: 'open', context }],
      );
    const deadline = (workflowId: string, kind: string, key: string, status: 'open' | 'met') =>
      db.dataSource.query(
        `INSERT INTO workflow_deadline (id, workflow_id, kind, item_key, ladder, status, anchor_date, due_date, due_at, opened_at, opened_seq, closed_at)
         VALUES (gen_random_uuid(), $1, $2, $3, 'default', $4, '2026-11-02', '2026-11-03', '2026-11-04T00:00:00Z', now(), 1,
                 CASE WHEN $4 = 'open' THEN NULL ELSE now() END)`,
        [workflowId, kind, key, status],
      );
    const conference = '0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b';
    const other = '1c2d3e4f-5061-4728-9bac-1d2e3f4a5b6c';
    await insert(conference, 'conference', { chair: { sub: 'chair-north', selection: 'area-chair' } });
    await insert(other, 'asv-referral', { chair: { sub: 'not-a-conference' } });
    await deadline(conference, 'conference-reports', 'agency-1', 'open');
    await deadline(conference, 'conference-reports', 'agency-2', 'open');
    await deadline(conference, 'conference-due', '', 'open');
    await deadline(conference, 'conference-invitations', '', 'met');

    await db.dataSource.runMigrations({ transaction: 'each' });
    expect(await applied()).toEqual(
      expect.arrayContaining(['WorkflowAssignee1764000050000', 'BoardFilterColumns1764000051000']),
    );
    const rows = (await db.dataSource.query(
      `SELECT id, open_deadline_kinds, chair_sub, assignee_sub FROM workflow_instance ORDER BY id`,
    )) as {
      id: string;
      open_deadline_kinds: string[];
      chair_sub: string | null;
      assignee_sub: string | null;
    }[];
    expect(rows).toEqual([
      {
        id: conference,
        open_deadline_kinds: ['conference-due', 'conference-reports'],
        chair_sub: 'chair-north',
        assignee_sub: null,
      },
      { id: other, open_deadline_kinds: [], chair_sub: null, assignee_sub: null },
    ]);
    // The chair follows the snapshot: a new chair, or none.
    await db.dataSource.query(
      `UPDATE workflow_instance SET snapshot = jsonb_set(snapshot, '{context,chair}', 'null') WHERE id = $1`,
      [conference],
    );
    expect(
      await db.dataSource.query(`SELECT chair_sub FROM workflow_instance WHERE id = $1`, [conference]),
    ).toEqual([{ chair_sub: null }]);
    // An assignee comes with the time it was assigned, and has no whitespace.
    await expect(
      db.dataSource.query(`UPDATE workflow_instance SET assignee_sub = 'lado-2' WHERE id = $1`, [other]),
    ).rejects.toThrow(/workflow_instance_assignment_whole/);
    await expect(
      db.dataSource.query(
        `UPDATE workflow_instance SET assignee_sub = 'a name', assigned_at = now() WHERE id = $1`,
        [other],
      ),
    ).rejects.toThrow(/check constraint/);
  });
});
