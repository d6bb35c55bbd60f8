import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from './redis-server';

/** How a service process ended: its exit code, or the signal that ended it. */
export interface ServiceExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * A service process started from test/support/child-app.ts; kill() is SIGKILL: no shutdown hooks run.
 * Everything it writes (pino's JSON lines on stdout, Node's own crash report on stderr) is kept, so
 * a test can look for an unhandled error, and an exit nobody asked for is recorded, so a crash is
 * seen as the process ending.
 */
export class ServiceProcess {
  private output = '';
  private ended?: ServiceExit;
  private readonly exitedPromise: Promise<ServiceExit>;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly port: number,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exitedPromise = new Promise((resolveExit) =>
      child.once('exit', (code, signal) => {
        this.ended = { code, signal };
        resolveExit(this.ended);
      }),
    );
  }

  /** Starts the service (on `port` when given: a restart keeps its address) and resolves once it listens. */
  static async start(env: Record<string, string>, port?: number): Promise<ServiceProcess> {
    const listenOn = port ?? (await freePort());
    const child = spawn(process.execPath, ['-r', '@swc-node/register', resolve(__dirname, 'child-app.ts')], {
      cwd: resolve(__dirname, '../..'),
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: String(listenOn), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const service = new ServiceProcess(child, `http://127.0.0.1:${listenOn}`, listenOn);
    await new Promise<void>((resolveReady, reject) => {
      const timer = setTimeout(() => reject(new Error(`service did not start: ${service.output}`)), 90000);
      const onData = () => {
        if (/^READY \d+$/m.test(service.output)) {
          clearTimeout(timer);
          child.stdout?.off('data', onData);
          resolveReady();
        }
      };
      child.stdout?.on('data', onData);
      void service.exitedPromise.then((exit) => {
        clearTimeout(timer);
        reject(new Error(`service exited with ${exit.code ?? exit.signal}: ${service.output}`));
      });
    });
    return service;
  }

  /**
   * The service in a process of its own beside a suite's in-process app: its database, its queue
   * prefix and its clock as it stands now (frozen there), the outbox quick to poll and retry, the
   * reconciler out of the way; `env` adds or overrides settings.
   */
  static beside(
    suite: { databaseUrl: string; config: { queuePrefix: string }; clock: { now(): Date } },
    role: 'api' | 'worker',
    env: Record<string, string> = {},
  ): Promise<ServiceProcess> {
    return ServiceProcess.start({
      DATABASE_URL: suite.databaseUrl,
      MIGRATE_ON_START: 'false',
      PROCESS_ROLE: role,
      QUEUE_PREFIX: suite.config.queuePrefix,
      TEST_CLOCK_AT: suite.clock.now().toISOString(),
      OUTBOX_POLL_MS: '100',
      OUTBOX_LEASE_MS: '1000',
      OUTBOX_BACKOFF_MS: '100',
      RECONCILE_PERIOD_SECONDS: '3600',
      ...env,
    });
  }

  /** Undefined while it runs; how it ended once it has. */
  get exit(): ServiceExit | undefined {
    return this.ended;
  }

  /** Resolves when the process ends, for whatever reason. */
  get exited(): Promise<ServiceExit> {
    return this.exitedPromise;
  }

  /** Everything the process has written so far, stdout and stderr interleaved as they came. */
  get log(): string {
    return this.output;
  }

  async kill(): Promise<void> {
    if (this.ended) return;
    this.child.kill('SIGKILL');
    await this.exitedPromise;
  }
}
