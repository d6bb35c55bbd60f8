import { Controller, Get, HttpCode, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppConfig } from '@app/persistence';
import { DomainError, DomainErrorCode } from '@app/workflows';
import { Public } from '../auth/roles.decorator';
import { ConsoleExceptionFilter, safeReturnTo } from './http/console-exception.filter';
import { ConsoleViews } from './http/views';
import { OidcSignInService, SignInUnavailableError } from './oidc/oidc-sign-in.service';
import { sameToken } from './session/console-session.guard';
import { ConsoleSessionStore } from './session/console-session.store';
import { clearSessionCookie, sessionIdOf, setSessionCookie } from './session/session-cookie';

const SIGN_IN_COOKIE_MINUTES = 10;

/**
 * Signing in and out. Public to the bearer guard: these routes are how a browser gets a session.
 * Sign-out is a POST with the session's CSRF token, so no other site can sign a person out.
 */
@ApiExcludeController()
@Public()
@UseFilters(ConsoleExceptionFilter)
@Controller('console')
export class SignInController {
  constructor(
    private readonly oidc: OidcSignInService,
    private readonly sessions: ConsoleSessionStore,
    private readonly config: AppConfig,
    private readonly views: ConsoleViews,
  ) {}

  @Get('sign-in')
  async signIn(@Query('returnTo') returnTo: unknown, @Res() res: Response) {
    // Without a provider the console is switched off: nothing at this address.
    if (!this.oidc.configured) throw new DomainError(DomainErrorCode.NotFound, 'Sign-in is not configured (OIDC_ISSUER_URL).');
    try {
      const { state, url } = await this.oidc.begin(safeReturnTo(returnTo));
      setSessionCookie(res, this.config, await this.sessions.beginSignIn(state), SIGN_IN_COOKIE_MINUTES);
      res.redirect(303, url);
    } catch (error) {
      if (!(error instanceof SignInUnavailableError)) throw error;
      this.views.send(res, 'error.njk', { title: 'Sign-in is not available', status: 503, detail: error.message }, 503);
    }
  }

  @Get('callback')
  async callback(@Req() req: Request, @Res() res: Response) {
    const signingInId = sessionIdOf(req);
    const session = await this.sessions.find(signingInId);
    if (!session || session.kind !== 'signing-in') {
      throw new DomainError(DomainErrorCode.InvalidInput, 'This sign-in has expired or was started elsewhere. Please sign in again.');
    }
    const callbackUrl = new URL(req.originalUrl, this.oidc.redirectUri);
    const principal = await this.oidc.complete(callbackUrl, session.signIn);
    const id = await this.sessions.completeSignIn(signingInId!, principal);
    setSessionCookie(res, this.config, id, this.config.sessionTtlMinutes);
    res.redirect(303, session.signIn.returnTo);
  }

  @Post('sign-out')
  @HttpCode(303)
  async signOut(@Req() req: Request, @Res() res: Response) {
    const id = sessionIdOf(req);
    const session = await this.sessions.find(id);
    const token = (req.body as Record<string, unknown> | undefined)?._csrf;
    if (session && !sameToken(token, session.csrfToken)) {
      throw new DomainError(DomainErrorCode.Forbidden, 'This form has expired. Go back, reload the page and try again.');
    }
    await this.sessions.destroy(id);
    clearSessionCookie(res, this.config);
    res.redirect(303, '/console/signed-out');
  }

  @Get('signed-out')
  signedOut(@Res() res: Response) {
    this.views.send(res, 'signed-out.njk', {});
  }
}
