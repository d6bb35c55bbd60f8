import { Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import { AppConfig } from '@app/persistence';
import { DomainError, DomainErrorCode } from '@app/workflows';
import { principalFromClaims, type Principal } from '../../auth/principal';
import type { SignInState } from '../session/console-session.store';

export const CALLBACK_PATH = '/console/callback';

/** The provider could not be reached or is not configured: the console answers 503 and tries again next time. */
export class SignInUnavailableError extends Error {}

const isLoopbackHttp = (url: string) => /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/.test(url);

/**
 * Sign-in with the council's OpenID Connect provider: authorization code with PKCE (S256), state
 * and nonce, through openid-client. The principal is read from the ID token's claims with the same
 * function and claim names as bearer tokens (auth/principal.ts), so roles and areas scope the
 * console exactly as they scope the API.
 */
@Injectable()
export class OidcSignInService {
  private readonly logger = new Logger(OidcSignInService.name);
  private discovered?: Promise<oidc.Configuration>;

  constructor(private readonly config: AppConfig) {}

  get configured(): boolean {
    return this.config.oidcIssuerUrl !== '';
  }

  get redirectUri(): string {
    return `${this.config.publicBaseUrl.replace(/\/$/, '')}${CALLBACK_PATH}`;
  }

  /** The provider's metadata, fetched once; a failure is forgotten so the next sign-in tries again. */
  private provider(): Promise<oidc.Configuration> {
    if (!this.configured) throw new SignInUnavailableError('No identity provider is configured (OIDC_ISSUER_URL).');
    // Plain http only to a provider on this machine, outside production (the local development provider).
    const insecure = this.config.nodeEnv !== 'production' && isLoopbackHttp(this.config.oidcIssuerUrl);
    this.discovered ??= oidc
      .discovery(
        new URL(this.config.oidcIssuerUrl),
        this.config.oidcClientId,
        this.config.oidcClientSecret || undefined,
        undefined,
        insecure ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        this.discovered = undefined;
        this.logger.warn(`Identity provider discovery failed: ${error instanceof Error ? error.message : String(error)}`);
        throw new SignInUnavailableError('The identity provider cannot be reached.');
      });
    return this.discovered;
  }

  /** A new sign-in: what to remember, and where to send the browser. */
  async begin(returnTo: string): Promise<{ state: SignInState; url: string }> {
    const provider = await this.provider();
    const state: SignInState = {
      codeVerifier: oidc.randomPKCECodeVerifier(),
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      returnTo,
    };
    const url = oidc.buildAuthorizationUrl(provider, {
      redirect_uri: this.redirectUri,
      scope: this.config.oidcScopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(state.codeVerifier),
      code_challenge_method: 'S256',
      state: state.state,
      nonce: state.nonce,
    });
    return { state, url: url.href };
  }

  /**
   * The provider's answer at the callback: the code exchanged (with the verifier), the ID token
   * checked (signature, issuer, audience, expiry, nonce), the principal read from its claims.
   */
  async complete(callbackUrl: URL, signIn: SignInState): Promise<Principal> {
    const provider = await this.provider();
    let claims: oidc.IDToken | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(provider, callbackUrl, {
        pkceCodeVerifier: signIn.codeVerifier,
        expectedState: signIn.state,
        expectedNonce: signIn.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      this.logger.warn(`Sign-in refused: ${error instanceof Error ? error.name : 'error'}`);
      throw new DomainError(DomainErrorCode.Forbidden, 'The sign-in could not be completed. Please sign in again.');
    }
    const principal = claims
      ? principalFromClaims(claims, {
          roles: this.config.authRolesClaim,
          area: this.config.authAreaClaim,
          coveringAreas: this.config.authCoveringAreasClaim,
        })
      : null;
    if (!principal) throw new DomainError(DomainErrorCode.Forbidden, 'The identity provider did not say who you are.');
    return principal;
  }
}
