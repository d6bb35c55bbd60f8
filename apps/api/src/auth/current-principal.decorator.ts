import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from './principal';
import type { Role } from './role';

/** What the auth guard adds to a request it lets through. */
export interface AuthenticatedRequest extends Request {
  principal: Principal;
  /** The role by which this route admitted the request: the one the access log records. */
  actingRole: Role;
}

export function principalOf(request: Request): Principal {
  const principal = (request as Partial<AuthenticatedRequest>).principal;
  // Only a @Public route has none, and a public route has no business asking.
  if (!principal) throw new Error('No principal on this request: is the route @Public?');
  return principal;
}

/** The caller, as the auth guard verified it: `handler(@CurrentPrincipal() principal: Principal)`. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal =>
  principalOf(context.switchToHttp().getRequest<Request>()),
);
