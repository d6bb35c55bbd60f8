import type { Request, Response } from 'express';
import type { AppConfig } from '@app/persistence';

export const SESSION_COOKIE = 'cpw_console';
const LOOPBACK = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/;

/**
 * Secure always, except a development or test service on plain-http loopback (where a browser
 * would never send a Secure cookie back). Production is https behind its proxy.
 */
export function secureCookies(config: Pick<AppConfig, 'nodeEnv' | 'publicBaseUrl'>): boolean {
  return !(config.nodeEnv !== 'production' && LOOPBACK.test(config.publicBaseUrl));
}

/** The session cookie's value, from the Cookie header (no parser middleware for one cookie). */
export function sessionIdOf(request: Request): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function setSessionCookie(response: Response, config: AppConfig, id: string, maxAgeMinutes: number): void {
  response.cookie(SESSION_COOKIE, id, {
    httpOnly: true,
    secure: secureCookies(config),
    sameSite: 'lax',
    path: '/',
    maxAge: maxAgeMinutes * 60_000,
  });
}

export function clearSessionCookie(response: Response, config: AppConfig): void {
  response.clearCookie(SESSION_COOKIE, { httpOnly: true, secure: secureCookies(config), sameSite: 'lax', path: '/' });
}
