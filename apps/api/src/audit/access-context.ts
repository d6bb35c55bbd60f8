import type { Request } from 'express';
import type { AccessLogEntry } from '@app/persistence';
import type { AuthenticatedRequest } from '../auth/current-principal.decorator';

/** Who is looking and from where: the part of an access-log entry that comes from the request. */
export type AccessContext = Pick<AccessLogEntry, 'subject' | 'role' | 'route' | 'ip' | 'requestId'>;

/**
 * The request's half of an access-log entry, for a service to complete and record:
 * `accessLog.record({ ...accessContextOf(req), action: 'read', recordType: 'workflow', recordId }, tx?)`.
 * Record a read after the record was found and scoped (a refused request logs nothing), and a write
 * in the write's own transaction.
 */
export function accessContextOf(request: Request): AccessContext {
  const { principal, actingRole } = request as Partial<AuthenticatedRequest>;
  if (!principal || !actingRole) throw new Error('No principal on this request: is the route @Public?');
  const routePath = (request.route as { path?: unknown } | undefined)?.path;
  return {
    subject: principal.sub,
    role: actingRole,
    // The route's pattern, never the URL: a query string may carry personal data.
    route: `${request.method} ${typeof routePath === 'string' ? routePath : '(unknown route)'}`,
    ip: request.ip ?? null,
    requestId: typeof request.id === 'string' ? request.id : null,
  };
}
