import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '@app/persistence';

/** The development provider's client secret (scripts/local-idp): known to everyone, so never for production. */
export const LOCAL_IDP_CLIENT_SECRET = 'local-provider-secret-for-development-only';

export interface LocalIdp {
  issuer: string;
  clientSecret: string;
  /** Stops the provider if this process started it. */
  stop: () => void;
}

type Settings = Pick<AppConfig, 'nodeEnv' | 'localIdp' | 'localIdpPort' | 'oidcIssuerUrl' | 'processRole'>;

/**
 * Whether `npm start` should sign the console in through the local development provider: never in
 * production, never when a real issuer is configured or LOCAL_IDP=false, and only where the
 * console is served (not a worker-only process).
 */
export function wantsLocalIdp(config: Settings): boolean {
  return (
    config.nodeEnv !== 'production' &&
    config.localIdp &&
    config.oidcIssuerUrl === '' &&
    config.processRole !== 'worker'
  );
}

/** The provider's script, from the sources or the build (dist/apps/api/src/startup sits one folder deeper). */
function providerScript(): string | undefined {
  return [
    join(__dirname, '../../../../scripts/local-idp/local-provider.mjs'),
    join(__dirname, '../../../../../scripts/local-idp/local-provider.mjs'),
  ].find((path) => existsSync(path));
}

async function answers(issuer: string): Promise<boolean> {
  try {
    const res = await fetch(`${issuer}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(1000),
    });
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * Starts the local OpenID Connect provider (scripts/local-idp, the `oidc-provider` package, a user
 * per role) in a child process on loopback, or finds one already answering on its port (another
 * `npm start` left it, or `npm run console:idp` runs it). Answers undefined, with the reason, when
 * it is not wanted or cannot start (the service then runs with console sign-in off).
 */
export async function startLocalIdp(
  config: AppConfig & Settings,
  log: (line: string) => void,
): Promise<LocalIdp | undefined> {
  if (!wantsLocalIdp(config)) return undefined;
  const issuer = `http://127.0.0.1:${config.localIdpPort}`;
  const found = { issuer, clientSecret: LOCAL_IDP_CLIENT_SECRET, stop: () => undefined };
  if (await answers(issuer)) return found;
  const script = providerScript();
  if (!script) {
    log(
      'console sign-in is off: the local development provider (scripts/local-idp) is not here; set OIDC_ISSUER_URL',
    );
    return undefined;
  }
  const redirectUri = `${config.publicBaseUrl.replace(/\/$/, '')}/console/callback`;
  const child: ChildProcess = spawn(process.execPath, [script, String(config.localIdpPort), redirectUri], {
    // Only what the provider reads: none of the service's own settings (database URL, keys) go to it.
    // LOCAL_IDP_EXIT_WITH_PARENT: the provider exits when its stdin closes, however this process ends.
    env: {
      OIDC_CLIENT_ID: config.oidcClientId,
      OIDC_CLIENT_SECRET: LOCAL_IDP_CLIENT_SECRET,
      LOCAL_IDP_EXIT_WITH_PARENT: 'true',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 15_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (/READY /.test(chunk.toString())) {
        clearTimeout(timer);
        resolve(true);
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
  if (!ready) {
    child.kill('SIGTERM');
    log(
      `console sign-in is off: the local development provider did not start (${stderr.split('\n')[0]?.slice(0, 200) ?? ''})`,
    );
    return undefined;
  }
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  return { issuer, clientSecret: LOCAL_IDP_CLIENT_SECRET, stop };
}
