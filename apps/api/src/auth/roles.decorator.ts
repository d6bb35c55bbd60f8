import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { ApiProblems } from '../http/openapi';
import { Role } from './role';

export const IS_PUBLIC = 'cpw:auth:public';
export const ALLOWED_ROLES = 'cpw:auth:roles';
/** The OpenAPI extension that lists the roles an operation admits, for clients and their generators. */
export const ROLES_EXTENSION = 'x-roles';

/** Open to anyone, without a token (/health only). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * The roles a route admits: `@Roles(POLICY.readWorkflows)` or `@Roles(Role.Auditor)`. On a method
 * it replaces the class's. Every route needs this or @Public: without either, it answers 403.
 * The OpenAPI description gets the same list (`x-roles`, and a line in the description written
 * by configureApp) with the answers the guard gives: 401 without a valid token, 403 for a role
 * not listed, 503 when the identity provider's keys cannot be fetched.
 */
export const Roles = (...roles: (Role | readonly Role[])[]) => {
  const admitted = [...new Set(roles.flat())];
  return applyDecorators(
    SetMetadata(ALLOWED_ROLES, admitted),
    ApiBearerAuth(),
    ApiExtension(ROLES_EXTENSION, admitted),
    ApiProblems(401, 403, 503),
  );
};
