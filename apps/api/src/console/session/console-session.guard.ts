import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { DomainError, DomainErrorCode } from '@app/workflows';
import type { Role } from '../../auth/role';
import { ALLOWED_ROLES } from '../../auth/roles.decorator';
import type { ConsoleRequest } from './console-request';
import { SignInRequired } from './console-request';
import { ConsoleSessionStore } from './console-session.store';
import { sessionIdOf } from './session-cookie';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** The form's CSRF token against the session's, in constant time. */
export function sameToken(a: unknown, b: string): boolean {
  if (typeof a !== 'string') return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The console's guard, in place of the bearer guard (its controllers are @Public to that one):
 * a signed-in session from the cookie, a role the route's @Roles admits (the same decorator and
 * POLICY as the API, deny by default), and on every form the session's CSRF token. The principal
 * is put on the request exactly as the bearer guard puts it, so services scope and log alike.
 */
@Injectable()
export class ConsoleSessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: ConsoleSessionStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const sessionId = sessionIdOf(request);
    const session = await this.sessions.find(sessionId);
    if (!session || session.kind !== 'signed-in') {
      throw new SignInRequired(SAFE_METHODS.has(request.method) ? request.originalUrl : '/console');
    }
    if (!SAFE_METHODS.has(request.method)) {
      const token = (request.body as Record<string, unknown> | undefined)?._csrf;
      if (!sameToken(token, session.csrfToken)) {
        throw new DomainError(DomainErrorCode.Forbidden, 'This form has expired. Go back, reload the page and try again.');
      }
    }
    const targets = [context.getHandler(), context.getClass()];
    const admitted = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets) ?? [];
    const acting = session.principal.roles.filter((role) => admitted.includes(role));
    if (acting.length === 0) throw new DomainError(DomainErrorCode.Forbidden, 'Your role does not permit this.');
    const consoleRequest = request as ConsoleRequest;
    consoleRequest.principal = { ...session.principal, roles: acting };
    consoleRequest.actingRole = acting[0];
    consoleRequest.console = { csrfToken: session.csrfToken, sessionId: sessionId!, allRoles: session.principal.roles };
    return true;
  }
}
