import { Logger } from '@nestjs/common';
import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { base64url, exportJWK, SignJWT } from 'jose';
import { ManualClock } from '@app/workflows';
import { AppConfig, ConfigError, loadConfig } from '@app/persistence';
import { signToken, TokenClaims } from './dev-tokens';
import { Role } from './role';
import {
  TokenKeysUnavailableError,
  TokenRejectedError,
  TokenVerifier,
  verificationKeyFor,
} from './token-verifier';

const NOW = new Date('2026-01-05T09:00:00Z');
Logger.overrideLogger(false);
const pem = (key: KeyObject) => key.export({ type: 'spki', format: 'pem' }).toString();
const ecKeys = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });

describe('TokenVerifier', () => {
  const keys = ecKeys();
  const clock = new ManualClock(NOW);
  const config = loadConfig({ NODE_ENV: 'test', AUTH_PUBLIC_KEY: pem(keys.publicKey) });
  const verifier = new TokenVerifier(config, clock, verificationKeyFor(config));
  const claimNames = { roles: 'roles', area: 'area', coveringAreas: 'covering_areas' };
  const chair: TokenClaims = { sub: 'staff-1', roles: [Role.Chair], area: 'north', coveringAreas: ['west'] };

  const mint = (
    overrides: Partial<Parameters<typeof signToken>[2]> = {},
    claims = chair,
    key = keys.privateKey,
  ) =>
    signToken(key, claims, {
      issuer: config.authIssuer,
      audience: config.authAudience,
      claimNames,
      now: NOW,
      expiresInSeconds: 600,
      ...overrides,
    });

  const rejection = async (token: string) => {
    try {
      await verifier.verify(token);
    } catch (error) {
      return error;
    }
    throw new Error('the token was accepted');
  };

  afterEach(() => clock.set(NOW));

  it('accepts a good token and reads its principal', async () => {
    await expect(verifier.verify(await mint())).resolves.toEqual({
      sub: 'staff-1',
      roles: [Role.Chair],
      area: 'north',
      coveringAreas: ['west'],
    });
  });

  it('refuses an expired token as expired, on the injected clock, with the configured tolerance', async () => {
    const token = await mint();
    clock.set(new Date(NOW.getTime() + (600 + config.authClockToleranceSeconds - 1) * 1000));
    await expect(verifier.verify(token)).resolves.toBeDefined();
    clock.set(new Date(NOW.getTime() + (600 + config.authClockToleranceSeconds + 1) * 1000));
    expect(await rejection(token)).toEqual(new TokenRejectedError('expired'));
  });

  it('refuses a token not valid yet', async () => {
    expect(await rejection(await mint({ now: new Date(NOW.getTime() + 3600_000) }))).toEqual(
      new TokenRejectedError('invalid'),
    );
  });

  it.each([
    ['another audience', { audience: 'some-other-api' }],
    ['another issuer', { issuer: 'https://login.example/other' }],
  ])('refuses a token for %s', async (_, overrides) => {
    expect(await rejection(await mint(overrides))).toEqual(new TokenRejectedError('invalid'));
  });

  it('refuses a token signed by another key', async () => {
    expect(await rejection(await mint({}, chair, ecKeys().privateKey))).toEqual(
      new TokenRejectedError('invalid'),
    );
  });

  it('refuses a token whose payload was altered after signing', async () => {
    const [header, , signature] = (await mint()).split('.');
    const payload = base64url.encode(
      JSON.stringify({
        sub: 'staff-1',
        roles: ['manager'],
        iss: config.authIssuer,
        aud: config.authAudience,
        exp: 2e9,
      }),
    );
    expect(await rejection(`${header}.${payload}.${signature}`)).toEqual(new TokenRejectedError('invalid'));
  });

  it('refuses unsigned and shared-secret tokens', async () => {
    const claims = {
      sub: 'staff-1',
      roles: ['manager'],
      iss: config.authIssuer,
      aud: config.authAudience,
      exp: 2e9,
    };
    const unsigned = `${base64url.encode(JSON.stringify({ alg: 'none' }))}.${base64url.encode(JSON.stringify(claims))}.`;
    expect(await rejection(unsigned)).toEqual(new TokenRejectedError('invalid'));
    // The classic confusion attack: HMAC keyed with the public key's PEM text.
    const hmac = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(pem(keys.publicKey)));
    expect(await rejection(hmac)).toEqual(new TokenRejectedError('invalid'));
  });

  it('refuses a token without an expiry or a subject', async () => {
    const noExpiry = await new SignJWT({ roles: ['chair'] })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('staff-1')
      .setIssuer(config.authIssuer)
      .setAudience(config.authAudience)
      .sign(keys.privateKey);
    expect(await rejection(noExpiry)).toEqual(new TokenRejectedError('invalid'));
    expect(await rejection(await mint({}, { ...chair, sub: '' }))).toEqual(new TokenRejectedError('invalid'));
  });

  it('refuses garbage', async () => {
    for (const token of ['', 'abc', 'a.b.c', '....']) {
      expect(await rejection(token)).toEqual(new TokenRejectedError('invalid'));
    }
  });
});

describe('TokenVerifier with a JWKS URL', () => {
  const keys = ecKeys();
  let server: Server;
  let jwksUrl: string;
  let available = true;

  beforeAll(async () => {
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'idp-key-1', alg: 'ES256', use: 'sig' };
    server = createServer((_, res) => {
      if (!available) return res.destroy();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/keys`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const verifierFor = () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      AUTH_JWKS_URL: jwksUrl,
      AUTH_ISSUER: 'https://idp.example/tenant/v2.0',
    });
    return { config, verifier: new TokenVerifier(config, new ManualClock(NOW), verificationKeyFor(config)) };
  };
  const mint = (config: AppConfig) =>
    signToken(
      keys.privateKey,
      { sub: 'staff-2', roles: [Role.Manager] },
      {
        issuer: config.authIssuer,
        audience: config.authAudience,
        claimNames: { roles: 'roles', area: 'area', coveringAreas: 'covering_areas' },
        now: NOW,
        expiresInSeconds: 600,
        keyId: 'idp-key-1',
      },
    );

  it('verifies against the keys the identity provider publishes', async () => {
    const { config, verifier } = verifierFor();
    await expect(verifier.verify(await mint(config))).resolves.toMatchObject({
      sub: 'staff-2',
      roles: [Role.Manager],
    });
  });

  it('reports unreachable keys as unavailable, not as a bad token', async () => {
    const { config, verifier } = verifierFor();
    available = false;
    try {
      await expect(verifier.verify(await mint(config))).rejects.toBeInstanceOf(TokenKeysUnavailableError);
    } finally {
      available = true;
    }
  });
});

describe('verificationKeyFor', () => {
  it('refuses both a JWKS URL and a public key', () => {
    const config = loadConfig({
      AUTH_JWKS_URL: 'https://idp.example/keys',
      AUTH_PUBLIC_KEY: pem(ecKeys().publicKey),
    });
    expect(() => verificationKeyFor(config)).toThrow(ConfigError);
  });

  it('refuses a public key that is not PEM, or is a private key, without echoing it', () => {
    const privatePem = ecKeys().privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    for (const value of ['not a key', privatePem]) {
      let error: unknown;
      try {
        verificationKeyFor(loadConfig({ AUTH_PUBLIC_KEY: value }));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).not.toContain(value.slice(0, 20));
    }
  });

  it('accepts a PEM written on one line with \\n escapes', () => {
    const oneLine = pem(ecKeys().publicKey).replace(/\n/g, '\\n');
    expect(() => verificationKeyFor(loadConfig({ AUTH_PUBLIC_KEY: oneLine }))).not.toThrow();
  });

  it('trusts the development key outside production, creating it on first use', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cpw-dev-keys-'));
    try {
      const key = verificationKeyFor(
        loadConfig({ NODE_ENV: 'development', AUTH_DEV_KEY_DIR: join(dir, 'keys') }),
      );
      expect((key as KeyObject).type).toBe('public');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start in production with nothing but the development key to trust', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_ISSUER: 'https://idp.example' })).toThrow(
      /AUTH_JWKS_URL or AUTH_PUBLIC_KEY/,
    );
    // Defence in depth: a config built without loadConfig is refused too.
    const config = Object.assign(new AppConfig(), {
      nodeEnv: 'production',
      authIssuer: 'https://idp.example',
    });
    expect(() => verificationKeyFor(config)).toThrow(ConfigError);
  });

  it('refuses production with the development issuer', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp.example/keys' })).toThrow(
      /AUTH_ISSUER/,
    );
    expect(
      loadConfig({
        NODE_ENV: 'production',
        AUTH_JWKS_URL: 'https://idp.example/keys',
        AUTH_ISSUER: 'https://idp.example',
        DATABASE_URL: 'postgres://cpw@db.example/cp_workflows',
      }).nodeEnv,
    ).toBe('production');
  });
});
