import { migrationDatabase } from '../support/migration-database';

/**
 * The personal links' tokens move to a table of their own (a link may have one per email of its
 * sending) and back: a link issued before the change still opens by its token after it, and
 * going down keeps each link's newest token.
 */
describe('Migrations of the distribution tables: a token per email, the relay’s delivery time, an incident’s reason', () => {
  const db = migrationDatabase();

  const applied = async () =>
    ((await db.dataSource.query(`SELECT name FROM schema_migrations`)) as { name: string }[]).map((m) => m.name);
  const linkColumns = async () =>
    (
      (await db.dataSource.query(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'distribution_link'`,
      )) as { column_name: string }[]
    ).map((c) => c.column_name);
  const workflowId = '2d3e4f50-6172-4839-8cad-2e3f4a5b6c7d';
  const linkId = '3e4f5061-7283-494a-9dbe-3f4a5b6c7d8e';
  const token = (c: string) => c.repeat(64);

  /** Undoes the migrations down to and including this one (later ones first). */
  const undoThrough = async (name: string) => {
    while ((await applied()).includes(name)) await db.dataSource.undoLastMigration({ transaction: 'each' });
  };

  it('moves each link’s token over, and back to the newest', async () => {
    await undoThrough('DistributionLinkTokens1764000070000');
    expect(await linkColumns()).toContain('token_sha256');
    await db.dataSource.query(
      `INSERT INTO workflow_instance (id, type, machine_version, state, status, snapshot, seq, created_at, updated_at, last_transition_at)
       VALUES ($1, 'distribution', 1, 'open', 'active', '{}', 1, now(), now(), now())`,
      [workflowId],
    );
    await db.dataSource.query(
      `INSERT INTO distribution_link (id, workflow_id, pack_id, attempt, recipient_id, family_side, token_sha256, expires_on, created_at)
       VALUES ($1, $2, 'decisions.1.p-1', 1, 'p-1', true, $3, '2027-03-01', '2027-02-01T10:00:00Z')`,
      [linkId, workflowId, token('a')],
    );

    await db.dataSource.runMigrations({ transaction: 'each' });
    expect(await linkColumns()).not.toContain('token_sha256');
    expect(
      await db.dataSource.query(`SELECT token_sha256, link_id FROM distribution_link_token ORDER BY token_sha256`),
    ).toEqual([{ token_sha256: token('a'), link_id: linkId }]);
    // A second email of the same sending: a second token of the same link; a token is one link's only.
    await db.dataSource.query(
      `INSERT INTO distribution_link_token (token_sha256, link_id, created_at) VALUES ($1, $2, '2027-02-01T10:05:00Z')`,
      [token('b'), linkId],
    );
    await expect(
      db.dataSource.query(`INSERT INTO distribution_link_token (token_sha256, link_id, created_at) VALUES ($1, $2, now())`, [
        token('b'),
        linkId,
      ]),
    ).rejects.toThrow(/duplicate key/);
    await expect(
      db.dataSource.query(`INSERT INTO distribution_link_token (token_sha256, link_id, created_at) VALUES ('not-a-hash', $1, now())`, [
        linkId,
      ]),
    ).rejects.toThrow(/check constraint/);

    await undoThrough('DistributionLinkTokens1764000070000');
    expect(await db.dataSource.query(`SELECT id, token_sha256 FROM distribution_link`)).toEqual([
      { id: linkId, token_sha256: token('b') },
    ]);
    await db.dataSource.runMigrations({ transaction: 'each' });
    expect(await db.dataSource.query(`SELECT token_sha256 FROM distribution_link_token`)).toEqual([
      { token_sha256: token('b') },
    ]);
  });

  it('adds the relay’s delivery time, only beside a delivery, and takes it away again', async () => {
    await undoThrough('DistributionDeliveryTime1764000080000');
    expect(await linkColumns()).not.toContain('delivery_at');
    await db.dataSource.runMigrations({ transaction: 'each' });
    expect(await linkColumns()).toContain('delivery_at');
    await expect(
      db.dataSource.query(`UPDATE distribution_link SET delivery_at = now() WHERE id = $1`, [linkId]),
    ).rejects.toThrow(/check constraint/);
    await db.dataSource.query(
      `UPDATE distribution_link SET delivery = 'delivered', delivery_reported_at = now(), delivery_at = now() WHERE id = $1`,
      [linkId],
    );
    await undoThrough('DistributionDeliveryTime1764000080000');
    expect(await linkColumns()).not.toContain('delivery_at');
    await db.dataSource.runMigrations({ transaction: 'each' });
  });

  it('adds an incident’s reason and who revoked it, null for those recorded before, and takes them away again', async () => {
    const incidentColumns = async () =>
      (
        (await db.dataSource.query(
          `SELECT column_name FROM information_schema.columns WHERE table_name = 'data_protection_incident'`,
        )) as { column_name: string }[]
      ).map((c) => c.column_name);
    await undoThrough('IncidentReason1764000085000');
    expect(await incidentColumns()).not.toContain('reason');
    await db.dataSource.query(
      `INSERT INTO data_protection_incident (workflow_id, incident_id, area, reference, pack_id, recipient_id, exposed,
         status_at_revocation, sent_at, opened, first_opened_at, revoked_at, recorded_at)
       VALUES ($1, 'incident.decisions.1.p-1', 'north', 'CPC-2027-000001', 'decisions.1.p-1', 'p-1', '{}', 'sent',
               now(), false, NULL, now(), now())`,
      [workflowId],
    );
    await db.dataSource.runMigrations({ transaction: 'each' });
    expect(await db.dataSource.query(`SELECT reason, revoked_by FROM data_protection_incident`)).toEqual([
      { reason: null, revoked_by: null },
    ]);
    await undoThrough('IncidentReason1764000085000');
    expect(await incidentColumns()).not.toContain('revoked_by');
    await db.dataSource.runMigrations({ transaction: 'each' });
  });
});
