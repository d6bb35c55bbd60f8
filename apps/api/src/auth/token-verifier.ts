import { Inject, Injectable, Logger } from '@nestjs/common';
import { createPublicKey, KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors, JWTVerifyGetKey, jwtVerify } from 'jose';
import { CLOCK, Clock } from '@app/workflows';
import { AppConfig, ConfigError, throwIfProductionTrustsDevelopmentTokens } from '@app/persistence';
import { loadOrCreateDevKeyPair } from './dev-tokens';
import { Principal, principalFromClaims } from './principal';

/** Asymmetric algorithms only: a shared-secret (HS*) or unsigned (none) token never verifies. */
export const ACCEPTED_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
];

export const TOKEN_VERIFICATION_KEY = Symbol('TOKEN_VERIFICATION_KEY');
export type VerificationKey = KeyObject | JWTVerifyGetKey;

/** Why a token was refused; the reason goes to the client in WWW-Authenticate, never the token's contents. */
export class TokenRejectedError extends Error {
  constructor(readonly reason: 'invalid' | 'expired') {
    super(`token ${reason}`);
    this.name = 'TokenRejectedError';
  }
}

/** The identity provider's keys could not be fetched: not the caller's fault, so not a 401. */
export class TokenKeysUnavailableError extends Error {
  constructor() {
    super('The identity provider keys are unavailable');
    this.name = 'TokenKeysUnavailableError';
  }
}

/**
 * The key tokens are verified with: the identity provider's JWKS, or a PEM public key, or (in
 * development and test only) the development key, created on first use.
 */
export function verificationKeyFor(config: AppConfig): VerificationKey {
  if (config.authJwksUrl !== '' && config.authPublicKey !== '') {
    throw new ConfigError(['authJwksUrl', 'authPublicKey'], 'set one of them, not both');
  }
  if (config.authJwksUrl !== '') {
    return createRemoteJWKSet(new URL(config.authJwksUrl), {
      timeoutDuration: 5000,
      cooldownDuration: 30_000,
    });
  }
  if (config.authPublicKey !== '') {
    try {
      const text = config.authPublicKey.replace(/\\n/g, '\n');
      // Node would derive a public key from a private one: refuse it, a private key has no place here.
      if (!/-----BEGIN (RSA )?PUBLIC KEY-----/.test(text)) throw new Error('not a public key');
      return createPublicKey(text);
    } catch {
      throw new ConfigError(['authPublicKey'], 'not a PEM public key');
    }
  }
  throwIfProductionTrustsDevelopmentTokens(config);
  new Logger('Auth').warn(
    `Trusting the development token key in ${config.authDevKeyDir}: set AUTH_JWKS_URL or AUTH_PUBLIC_KEY to use an identity provider`,
  );
  return loadOrCreateDevKeyPair(config.authDevKeyDir).publicKey;
}

/** Verifies a bearer token's signature, issuer, audience and times (on the injected clock) and reads its principal. */
@Injectable()
export class TokenVerifier {
  constructor(
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(TOKEN_VERIFICATION_KEY) private readonly key: VerificationKey,
  ) {}

  async verify(token: string): Promise<Principal> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        issuer: this.config.authIssuer,
        audience: this.config.authAudience,
        algorithms: ACCEPTED_ALGORITHMS,
        clockTolerance: this.config.authClockToleranceSeconds,
        currentDate: this.clock.now(),
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new TokenRejectedError('expired');
      // A JWKS fetch that failed (network, timeout, bad answer) is ours to report, not the token's.
      const keysUnavailable =
        typeof this.key === 'function' &&
        (error instanceof errors.JWKSTimeout ||
          error instanceof errors.JWKSInvalid ||
          !(error instanceof errors.JOSEError));
      if (keysUnavailable) throw new TokenKeysUnavailableError();
      throw new TokenRejectedError('invalid');
    }
    const principal = principalFromClaims(payload, {
      roles: this.config.authRolesClaim,
      area: this.config.authAreaClaim,
      coveringAreas: this.config.authCoveringAreasClaim,
    });
    if (!principal) throw new TokenRejectedError('invalid');
    return principal;
  }
}
