import type { IncomingMessage } from 'node:http';

/** A form posted to a console page: the only requests whose urlencoded bodies are read. */
export function isConsoleForm(req: IncomingMessage): boolean {
  return (
    (req.url ?? '').startsWith('/console/') &&
    /^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')
  );
}
