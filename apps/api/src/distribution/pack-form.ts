import type { IncomingMessage } from 'node:http';

/** A form posted from a recipient's personal-link page. */
export function isPackForm(req: IncomingMessage): boolean {
  return (
    (req.url ?? '').startsWith('/packs/') &&
    /^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')
  );
}
