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
    this.env.addFilter('deadline', (iso: unknown) => formatDeadline(iso));
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

const instantOf = (iso: unknown): Date | null => {
  if (typeof iso !== 'string' && !(iso instanceof Date)) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
};

/** London's wall clock at an instant: its day ('25 November 2026') and its hour and minute. */
function londonParts(date: Date): { day: string; hour: number; minute: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: LONDON,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return { day: `${parts.day} ${parts.month} ${parts.year}`, hour: Number(parts.hour), minute: Number(parts.minute) };
}

/** A time of day as GOV.UK writes it: '9:30am', '5pm', 'midday', 'midnight'. */
function timeOfDay(hour: number, minute: number): string {
  if (minute === 0 && hour === 0) return 'midnight';
  if (minute === 0 && hour === 12) return 'midday';
  const h = hour % 12 === 0 ? 12 : hour % 12;
  return `${h}${minute === 0 ? '' : `:${String(minute).padStart(2, '0')}`}${hour < 12 ? 'am' : 'pm'}`;
}

/** An instant in London: '25 November 2026 at 9:30am'. */
export function formatDateTime(iso: unknown): string {
  const date = instantOf(iso);
  if (!date) return '';
  const { day, hour, minute } = londonParts(date);
  return `${day} at ${timeOfDay(hour, minute)}`;
}

/**
 * When a deadline falls due, as 'by …'. A deadline counted in days is due at the midnight that ends
 * its last day, which as a time reads as the next day ('6 August at midnight'); it is written as
 * that last day instead: 'by the end of 5 August 2026'. Any other time: 'by 25 November 2026 at 3:30pm'.
 */
export function formatDeadline(iso: unknown): string {
  const date = instantOf(iso);
  if (!date) return '';
  const { hour, minute } = londonParts(date);
  if (hour !== 0 || minute !== 0) return `by ${formatDateTime(date)}`;
  return `by the end of ${londonParts(new Date(date.getTime() - 60_000)).day}`;
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
