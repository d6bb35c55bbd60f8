import {
  CanActivate,
  ExecutionContext,
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { DomainError, DomainErrorCode } from '@app/workflows';
import type { AuthenticatedRequest } from './current-principal.decorator';
import { EffectiveAreas } from './effective-areas';
import { Role } from './role';
import { ALLOWED_ROLES, IS_PUBLIC } from './roles.decorator';
import { TokenKeysUnavailableError, TokenRejectedError, TokenVerifier } from './token-verifier';

const REALM = 'cp-workflows';
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

const UNAUTHORIZED = {
  missing: { challenge: `Bearer realm="${REALM}"`, detail: 'A bearer token is required.' },
  invalid: {
    challenge: `Bearer realm="${REALM}", error="invalid_token", error_description="The token is not valid"`,
    detail: 'The bearer token is not valid.',
  },
  expired: {
    challenge: `Bearer realm="${REALM}", error="invalid_token", error_description="The token has expired"`,
    detail: 'The bearer token has expired.',
  },
} as const;

export function bearerToken(authorization: string | undefined): string | undefined {
  return authorization ? BEARER.exec(authorization)?.[1] : undefined;
}

/**
 * The global guard: every route needs a valid bearer token unless @Public, and a role its @Roles
 * admits. A route that declares neither answers 403 to everyone, so a forgotten decorator fails
 * closed. Authentication comes first: without a valid token the answer is 401 wherever it is.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly effectiveAreas: EffectiveAreas,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (context.getType() !== 'http') throw new DomainError(DomainErrorCode.Forbidden, 'Not available.');

    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const token = bearerToken(request.headers.authorization);
    if (!token) this.refuse(response, 'missing');

    let principal;
    try {
      principal = await this.verifier.verify(token!);
    } catch (error) {
      if (error instanceof TokenRejectedError) this.refuse(response, error.reason);
      if (error instanceof TokenKeysUnavailableError) throw new ServiceUnavailableException(error.message);
      throw error;
    }

    const admitted = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets) ?? [];
    const acting = principal.roles.filter((role) => admitted.includes(role));
    if (acting.length === 0)
      throw new DomainError(DomainErrorCode.Forbidden, 'Your role does not permit this request.');

    const authenticated = request as AuthenticatedRequest;
    // The roles first, then the areas they give: a chair's cover arrangements only on a chair's route.
    authenticated.principal = await this.effectiveAreas.of({ ...principal, roles: acting });
    authenticated.actingRole = acting[0];
    return true;
  }

  private refuse(response: Response, reason: keyof typeof UNAUTHORIZED): never {
    response.setHeader('WWW-Authenticate', UNAUTHORIZED[reason].challenge);
    throw new UnauthorizedException(UNAUTHORIZED[reason].detail);
  }
}
