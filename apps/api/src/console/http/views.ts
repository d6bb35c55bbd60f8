import type { Response } from 'express';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import nunjucks from 'nunjucks';

/** govuk-frontend's dist folder: its Nunjucks macros and its CSS, JavaScript, fonts and images. */
export const GOVUK_FRONTEND_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');

/**
 * The console's templates and its own few static files, read from the source tree (swc compiles
 * the TypeScript into dist and copies nothing else), so `npm start` needs no extra build step. The
 * project root is found from govuk-frontend's place in its node_modules.
 */
const CONSOLE_SOURCE = resolve(GOVUK_FRONTEND_DIST, '..', '..', '..', 'apps', 'api', 'src', 'console');
const VIEWS_DIRECTORY = join(CONSOLE_SOURCE, 'views');
export const CONSOLE_ASSETS_DIRECTORY = join(CONSOLE_SOURCE, 'assets');

export type ViewContext = Record<string, unknown>;

/** One Nunjucks environment, autoescaping everything (a reference or a reason is never markup). */
export class ConsoleViews {
  private readonly env: nunjucks.Environment;

  /** `directories`: other pages' templates, found before the console's (the invitees' pages). */
  constructor(directories: string[] = []) {
    this.env = new nunjucks.Environment(new nunjucks.FileSystemLoader([...directories, VIEWS_DIRECTORY, GOVUK_FRONTEND_DIST]), {
      autoescape: true,
      throwOnUndefined: false,
    });
    this.env.addFilter('dateTime', (iso: unknown) => formatDateTime(iso));
    this.env.addFilter('date', (iso: unknown) => formatDate(iso));
    this.env.addFilter('month', (yearMonth: unknown) => formatMonth(yearMonth));
    this.env.addFilter('words', (value: unknown) => (typeof value === 'string' ? words(value) : ''));
  }

  render(view: string, context: ViewContext, nonce = ''): string {
    return this.env.render(view, { ...context, cspNonce: nonce, assetPath: '/console/assets/govuk/assets' });
  }

  /**
   * Sends a page under its own Content-Security-Policy: scripts from this origin and the one
   * inline line govuk-frontend's template needs (by nonce), nothing from elsewhere.
   */
  send(res: Response, view: string, context: ViewContext, status = 200): void {
    const nonce = randomBytes(16).toString('base64');
    res.setHeader(
      'Content-Security-Policy',
      `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self'; img-src 'self' data:; font-src 'self'; ` +
        `form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'`,
    );
    res.setHeader('Cache-Control', 'no-store');
    res.status(status).type('html').send(this.render(view, context, nonce));
  }
}

/**
 * govuk-frontend's stylesheet with its asset paths under /console/assets, and without the GDS
 * Transport typeface, which is for GOV.UK's own services only: a council's pages use Arial.
 */
export function councilStylesheet(): string {
  return readFileSync(join(GOVUK_FRONTEND_DIST, 'govuk', 'govuk-frontend.min.css'), 'utf8')
    .replaceAll('url(/assets/', 'url(/console/assets/govuk/assets/')
    .replace(/"?GDS Transport"?,/g, '');
}

const LONDON = 'Europe/London';

export function formatDateTime(iso: unknown): string {
  if (typeof iso !== 'string' && !(iso instanceof Date)) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: LONDON,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    hour12: true,
  }).format(date);
}

export function formatDate(iso: unknown): string {
  if (typeof iso !== 'string' && !(iso instanceof Date)) return '';
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(String(iso)) ? `${String(iso)}T12:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

/** '2026-11' → 'November 2026'. */
export function formatMonth(yearMonth: unknown): string {
  if (typeof yearMonth !== 'string' || !/^\d{4}-\d{2}$/.test(yearMonth)) return '';
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(new Date(`${yearMonth}-15T12:00:00Z`));
}

/** 'asv-screening' or 'screening.decided' → 'asv screening', 'screening decided'. */
export function words(identifier: string): string {
  return identifier.replace(/[._-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().trim();
}
