import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { Role } from './role';

export const IS_PUBLIC = 'cpw:auth:public';
export const ALLOWED_ROLES = 'cpw:auth:roles';

/** Open to anyone, without a token (/health only). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * The roles a route admits: `@Roles(POLICY.readWorkflows)` or `@Roles(Role.Auditor)`. On a method
 * it replaces the class's. Every route needs this or @Public: without either, it answers 403.
 */
export const Roles = (...roles: (Role | readonly Role[])[]) =>
  applyDecorators(SetMetadata(ALLOWED_ROLES, [...new Set(roles.flat())]), ApiBearerAuth());
