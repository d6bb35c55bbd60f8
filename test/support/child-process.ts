import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from './redis-server';

/** A service process started from test/support/child-app.ts; kill() is SIGKILL: no shutdown hooks run. */
export class ServiceProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly captured: { text: string },
  ) {}

  /** Everything the service has written to stdout and stderr so far (its logs). */
  output(): string {
    return this.captured.text;
  }

  static async start(env: Record<string, string>): Promise<ServiceProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', '@swc-node/register', resolve(__dirname, 'child-app.ts')], {
      cwd: resolve(__dirname, '../..'),
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const captured = { text: '' };
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      captured.text += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => (captured.text += chunk.toString()));
    await new Promise<void>((resolveReady, reject) => {
      const timer = setTimeout(() => reject(new Error(`service did not start: ${stderr}`)), 60000);
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('READY')) {
          clearTimeout(timer);
          resolveReady();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`service exited with ${code}: ${stderr}`));
      });
    });
    child.removeAllListeners('exit');
    return new ServiceProcess(child, `http://127.0.0.1:${port}`, captured);
  }

  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await new Promise<void>((resolveExit) => {
      this.child.once('exit', () => resolveExit());
      this.child.kill('SIGKILL');
    });
  }
}
