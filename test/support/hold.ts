import { Client } from 'pg';
import { waitFor } from './timers';

/**
 * Stops a service process at one moment of its work, so a test can kill it there: a test trigger
 * makes one kind of row change wait for an advisory lock the test holds (`BEFORE <event> ON
 * <table> WHEN <condition>`). `waiting()` is the sessions held at it; `release()` ends them (as
 * PostgreSQL would once it noticed their client died, rolling back what they were writing),
 * removes the trigger and lets go of the lock; `letGo()` lets them go on instead.
 */
export class HeldChange {
  private constructor(
    private readonly client: Client,
    private readonly lock: number,
    private readonly name: string,
    private readonly table: string,
  ) {}

  static async at(
    databaseUrl: string,
    change: { lock: number; name: string; event: 'INSERT' | 'UPDATE'; table: string; when: string },
  ): Promise<HeldChange> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`SELECT pg_advisory_lock($1)`, [change.lock]);
    await client.query(`
      CREATE FUNCTION ${change.name}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_advisory_xact_lock_shared(${change.lock}); RETURN NEW; END $$`);
    await client.query(`
      CREATE TRIGGER ${change.name} BEFORE ${change.event} ON ${change.table} FOR EACH ROW
      WHEN (${change.when}) EXECUTE FUNCTION ${change.name}()`);
    return new HeldChange(client, change.lock, change.name, change.table);
  }

  async waiting(): Promise<number[]> {
    const { rows } = await this.client.query<{ pid: number }>(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [this.lock],
    );
    return rows.map((r) => r.pid);
  }

  /**
   * Lets the held sessions go on (their change commits as if never held), then removes the
   * trigger: for a test of what happens while a change is not yet committed.
   */
  async letGo(): Promise<void> {
    try {
      await this.client.query(`SELECT pg_advisory_unlock($1)`, [this.lock]);
      await waitFor('the held sessions to go on', async () => (await this.waiting()).length === 0);
      await this.client.query(`DROP TRIGGER ${this.name} ON ${this.table}`);
      await this.client.query(`DROP FUNCTION ${this.name}()`);
    } finally {
      await this.client.end();
    }
  }

  async release(): Promise<void> {
    try {
      for (const pid of await this.waiting()) await this.client.query(`SELECT pg_terminate_backend($1)`, [pid]);
      await waitFor('the held sessions to end', async () => (await this.waiting()).length === 0);
      await this.client.query(`DROP TRIGGER ${this.name} ON ${this.table}`);
      await this.client.query(`DROP FUNCTION ${this.name}()`);
      await this.client.query(`SELECT pg_advisory_unlock($1)`, [this.lock]);
    } finally {
      await this.client.end();
    }
  }
}
