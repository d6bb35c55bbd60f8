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
