import type { INestApplication } from '@nestjs/common';
import { generateKeyPairSync, KeyObject } from 'node:crypto';
import type { AppConfig } from '@app/persistence';
import type { Clock } from '@app/workflows';
import { loadOrCreateDevKeyPair, signToken } from '../../apps/api/src/auth/dev-tokens';
import { Role } from '../../apps/api/src/auth/role';

export interface TestTokenOptions {
  sub?: string;
  area?: string;
  coveringAreas?: string[];
  /** Issue time; the app's clock by default, so expiry follows the injected clock. */
  issuedAt?: Date;
  expiresInSeconds?: number;
  issuer?: string;
  audience?: string;
  /** Sign with another key than the development key the app trusts (a forged token). */
  signingKey?: KeyObject;
}

/**
 * A token as the identity provider issues them, signed with the development key the test app
 * trusts (the same code and key file as `npm run token`), unless told to be wrong in one way.
 */
export function tokenFor(
  t: { config: AppConfig; clock: Clock },
  roles: Role | Role[],
  options: TestTokenOptions = {},
): Promise<string> {
  const { config, clock } = t;
  return signToken(
    options.signingKey ?? loadOrCreateDevKeyPair(config.authDevKeyDir).privateKey,
    {
      sub: options.sub ?? `test-${Array.isArray(roles) ? roles.join('-') : roles}`,
      roles: Array.isArray(roles) ? roles : [roles],
      area: options.area,
      coveringAreas: options.coveringAreas,
    },
    {
      issuer: options.issuer ?? config.authIssuer,
      audience: options.audience ?? config.authAudience,
      claimNames: {
        roles: config.authRolesClaim,
        area: config.authAreaClaim,
        coveringAreas: config.authCoveringAreasClaim,
      },
      now: options.issuedAt ?? clock.now(),
      expiresInSeconds: options.expiresInSeconds ?? 3600,
    },
  );
}

/** `{ Authorization: 'Bearer …' }` for supertest's `.set(...)`. */
export async function authorization(
  t: { config: AppConfig; clock: Clock },
  roles: Role | Role[],
  options: TestTokenOptions = {},
): Promise<{ Authorization: string }> {
  return { Authorization: `Bearer ${await tokenFor(t, roles, options)}` };
}

/** A key pair the app does not trust, for forged tokens. */
export const foreignSigningKey = (): KeyObject =>
  generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;

export interface DiscoveredRoute {
  method: string;
  /** Express pattern: '/workflows/:id'. */
  path: string;
}

/**
 * Every route the running app answers, read from the HTTP server's own router: Nest controllers
 * and routes others mount directly (Swagger's /docs). Nest's catch-all middleware layers are left
 * out; static file middleware has no routes to list.
 */
export function discoverRoutes(app: INestApplication): DiscoveredRoute[] {
  const express = app.getHttpAdapter().getInstance() as {
    router: { stack: { route?: { path: unknown; methods: Record<string, boolean> } }[] };
  };
  const routes: DiscoveredRoute[] = [];
  for (const layer of express.router.stack) {
    if (!layer.route || typeof layer.route.path !== 'string') continue;
    const methods = Object.keys(layer.route.methods).filter((m) => layer.route!.methods[m]);
    if (methods.length > 5) continue; // Nest's middleware consumer: every method on {/*splat}
    for (const method of methods) routes.push({ method: method.toUpperCase(), path: layer.route.path });
  }
  return routes;
}

export const routeKey = (route: DiscoveredRoute) => `${route.method} ${route.path}`;

export { Role };
