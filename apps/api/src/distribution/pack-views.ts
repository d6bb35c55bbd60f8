import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import nunjucks from 'nunjucks';
import { formatDate, GOVUK_FRONTEND_DIST } from '../console/http/views';

/** This folder's templates (read from the source tree, as the console's are), with the console's layout. */
const SOURCE = resolve(GOVUK_FRONTEND_DIST, '..', '..', '..', 'apps', 'api', 'src');
const DIRECTORIES = [
  join(SOURCE, 'distribution', 'views'),
  join(SOURCE, 'console', 'views'),
  GOVUK_FRONTEND_DIST,
];

/** The recipients' pages: GOV.UK Design System, autoescaped, under a strict Content-Security-Policy. */
@Injectable()
export class PackViews {
  private readonly env = new nunjucks.Environment(new nunjucks.FileSystemLoader(DIRECTORIES), {
    autoescape: true,
  });

  constructor() {
    this.env.addFilter('date', (iso: unknown) => formatDate(iso));
  }

  send(res: Response, view: string, context: Record<string, unknown>, status = 200): void {
    const nonce = randomBytes(16).toString('base64');
    res.setHeader(
      'Content-Security-Policy',
      `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self'; img-src 'self' data:; font-src 'self'; ` +
        `form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'`,
    );
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res
      .status(status)
      .type('html')
      .send(
        this.env.render(view, { ...context, cspNonce: nonce, assetPath: '/console/assets/govuk/assets' }),
      );
  }
}
