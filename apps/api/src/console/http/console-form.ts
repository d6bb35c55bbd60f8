import type { IncomingMessage } from 'node:http';

/** A form posted to a console page or an invitee's page: the only requests whose urlencoded bodies are read. */
export function isConsoleForm(req: IncomingMessage): boolean {
  const url = req.url ?? '';
  return (
    (url.startsWith('/console/') || url.startsWith('/invitations/')) &&
    /^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')
  );
}
