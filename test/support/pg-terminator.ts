import { Client } from 'pg';
import { databaseUrl } from './database';

export interface TerminationReport {
  /** Times every backend of the database was terminated. */
  rounds: number;
  /** Backends terminated, over all rounds. */
  terminated: number;
}

/**
 * Terminates every backend connected to one database, round after round, as a failover or an
 * administrator does (pg_terminate_backend: SQLSTATE 57P01 on the victims). Its own connection is
 * to the server's maintenance database, so it never terminates itself, and it names its database
 * explicitly, so no other suite's database is touched.
 */
export class BackendTerminator {
  private stopping = false;
  private readonly report: TerminationReport = { rounds: 0, terminated: 0 };
  private loop?: Promise<void>;

  private constructor(
    private readonly client: Client,
    private readonly database: string,
  ) {}

  /** Starts terminating at once, pausing `pauseMs` between rounds, until stop(). */
  static async start(database: string, pauseMs: number): Promise<BackendTerminator> {
    const client = new Client({ connectionString: databaseUrl('postgres') });
    client.on('error', () => undefined); // reported by the query that fails
    await client.connect();
    const terminator = new BackendTerminator(client, database);
    terminator.loop = terminator.run(pauseMs);
    return terminator;
  }

  /** One round, now: how many backends it terminated. */
  static async terminateOnce(database: string): Promise<number> {
    const client = new Client({ connectionString: databaseUrl('postgres') });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await terminateAll(client, database);
    } finally {
      await client.end();
    }
  }

  get progress(): TerminationReport {
    return { ...this.report };
  }

  async stop(): Promise<TerminationReport> {
    this.stopping = true;
    await this.loop;
    await this.client.end();
    return this.progress;
  }

  private async run(pauseMs: number): Promise<void> {
    while (!this.stopping) {
      this.report.terminated += await terminateAll(this.client, this.database);
      this.report.rounds += 1;
      await new Promise((resolve) => setTimeout(resolve, pauseMs)); // the pace of the fault, not a wait for a result
    }
  }
}

async function terminateAll(client: Client, database: string): Promise<number> {
  const result = await client.query<{ n: number }>(
    `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n
       FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [database],
  );
  return result.rows[0]!.n;
}
