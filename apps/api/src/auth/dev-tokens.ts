import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SignJWT } from 'jose';
import type { ClaimNames } from './principal';
import type { Role } from './role';

/**
 * The development token key: an ES256 key pair made on first use and kept in one PEM file (the
 * public half is derived from it), so `npm run token`, the e2e suites and a development server
 * agree without any setup. Never trusted in production (see throwIfProductionTrustsDevelopmentTokens).
 */
export const DEV_TOKEN_ALGORITHM = 'ES256';
export const DEV_KEY_FILE = 'dev-token-signing-key.pem';
export const DEV_KEY_ID = 'cpw-dev';

export interface DevKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

function readIfPresent(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Loads the key pair from `dir`, creating it if absent; safe when several processes start at once. */
export function loadOrCreateDevKeyPair(dir: string): DevKeyPair {
  const file = join(resolve(dir), DEV_KEY_FILE);
  let pem = readIfPresent(file);
  if (pem === undefined) {
    mkdirSync(resolve(dir), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
    writeFileSync(temporary, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    try {
      // A hard link fails if the file exists: the first process to get here wins, the others read its key.
      linkSync(temporary, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(temporary);
    }
    pem = readFileSync(file, 'utf8');
  }
  const privateKey = createPrivateKey(pem);
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

export interface TokenClaims {
  sub: string;
  roles: Role[];
  area?: string;
  coveringAreas?: string[];
}

export interface SignTokenOptions {
  issuer: string;
  audience: string;
  claimNames: ClaimNames;
  /** The issue time: tests pass their clock's now, so expiry follows the injected clock. */
  now: Date;
  expiresInSeconds: number;
  algorithm?: string;
  keyId?: string;
}

/** Signs a token shaped as the identity provider's are, with the claim names the service reads. */
export function signToken(
  privateKey: KeyObject,
  claims: TokenClaims,
  options: SignTokenOptions,
): Promise<string> {
  const issuedAt = Math.floor(options.now.getTime() / 1000);
  const payload: Record<string, unknown> = { [options.claimNames.roles]: claims.roles };
  if (claims.area !== undefined) payload[options.claimNames.area] = claims.area;
  if (claims.coveringAreas !== undefined) payload[options.claimNames.coveringAreas] = claims.coveringAreas;
  return new SignJWT(payload)
    .setProtectedHeader({
      alg: options.algorithm ?? DEV_TOKEN_ALGORITHM,
      kid: options.keyId ?? DEV_KEY_ID,
      typ: 'JWT',
    })
    .setSubject(claims.sub)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(issuedAt + options.expiresInSeconds)
    .sign(privateKey);
}

/** The settings a development token is signed with and shaped by (AppConfig's). */
export interface DevTokenSettings {
  authDevKeyDir: string;
  authIssuer: string;
  authAudience: string;
  authRolesClaim: string;
  authAreaClaim: string;
  authCoveringAreasClaim: string;
}

/** signToken's options from the service's settings: its issuer, audience and claim names. */
export function tokenOptionsOf(
  config: DevTokenSettings,
  timing: { now: Date; expiresInSeconds: number },
): SignTokenOptions {
  return {
    issuer: config.authIssuer,
    audience: config.authAudience,
    claimNames: {
      roles: config.authRolesClaim,
      area: config.authAreaClaim,
      coveringAreas: config.authCoveringAreasClaim,
    },
    ...timing,
  };
}

/** A token signed with the development key, shaped as the service's settings say its provider's are. */
export function signDevToken(
  config: DevTokenSettings,
  claims: TokenClaims,
  timing: { now: Date; expiresInSeconds: number },
): Promise<string> {
  return signToken(loadOrCreateDevKeyPair(config.authDevKeyDir).privateKey, claims, tokenOptionsOf(config, timing));
}
