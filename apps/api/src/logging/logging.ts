import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type Logger as Pino } from 'pino';
import type { Options as HttpLoggerOptions } from 'pino-http';

/**
 * Keys that may hold personal data about children, parents or subjects of allegations. pino
 * censors them wherever they appear up to three levels deep; the request serializer below logs
 * no bodies and no query strings in the first place.
 */
export const PERSONAL_DATA_KEYS = [
  'name',
  'firstName',
  'lastName',
  'fullName',
  'givenName',
  'familyName',
  'dateOfBirth',
  'dob',
  'expectedDateOfBirth',
  'address',
  'postcode',
  'nhsNumber',
  'email',
  'phone',
  'telephone',
];

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...PERSONAL_DATA_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]),
];

/** The service's one pino logger: JSON lines on stdout, personal-data keys censored. */
export function createRootLogger(level: string): Pino {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } });
}

/** A path without the credentials some carry: an invitee's personal link is its own token. */
export function withoutCredentials(path: string | undefined): string | undefined {
  // A personal link's token (an invitee's answer, a recipient's pack) is a credential, never logged.
  return path?.replace(/^\/invitations\/[^/]+/, '/invitations/[token]').replace(/^\/packs\/[^/]+/, '/packs/[token]');
}

/** One line per request: id, method, path (never the query string), status; /health is not logged. */
export function httpLoggerOptions(logger: Pino): HttpLoggerOptions {
  return {
    logger,
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(given) ? given : randomUUID();
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: withoutCredentials(req.url?.split('?')[0]),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
  };
}
