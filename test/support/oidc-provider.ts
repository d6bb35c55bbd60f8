import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from './redis-server';

export const LOCAL_CLIENT_SECRET = 'local-provider-secret-for-development-only';

/**
 * The local OpenID Connect provider (scripts/local-idp/local-provider.mjs, the `oidc-provider`
 * package) in a process of its own on loopback: the console's tests sign in through it as people
 * sign in through Entra ID.
 */
export class LocalOidcProvider {
  private constructor(
    private readonly child: ChildProcess,
    readonly issuer: string,
  ) {}

  static async start(redirectUri: string): Promise<LocalOidcProvider> {
    const port = await freePort();
    const child = spawn(process.execPath, [resolve(__dirname, '../../scripts/local-idp/local-provider.mjs'), String(port), redirectUri], {
      env: { ...process.env, OIDC_CLIENT_SECRET: LOCAL_CLIENT_SECRET },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const issuer = await new Promise<string>((resolveReady, reject) => {
      const timer = setTimeout(() => reject(new Error(`OIDC provider did not start: ${stderr}`)), 30000);
      child.stdout?.on('data', (chunk: Buffer) => {
        const match = /READY (\S+)/.exec(chunk.toString());
        if (match) {
          clearTimeout(timer);
          resolveReady(match[1]);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`OIDC provider exited with ${code}: ${stderr}`));
      });
    });
    child.removeAllListeners('exit');
    return new LocalOidcProvider(child, issuer);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await new Promise<void>((done) => {
      this.child.once('exit', () => done());
      this.child.kill('SIGTERM');
    });
  }
}
