import { ExecutionContext, HttpException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, DomainErrorCode } from '@app/workflows';
import { AuthGuard, bearerToken } from './auth.guard';
import type { AuthenticatedRequest } from './current-principal.decorator';
import type { EffectiveAreas } from './effective-areas';
import type { Principal } from './principal';
import { POLICY } from './policy';
import { Role } from './role';
import { Public, Roles } from './roles.decorator';
import { TokenKeysUnavailableError, TokenRejectedError, TokenVerifier } from './token-verifier';

class Routes {
  @Public() health() {}
  @Roles(POLICY.readWorkflows) readWorkflow() {}
  @Roles(Role.Auditor) audit() {}
  forgotten() {}
}

@Roles(Role.Manager)
class ManagerRoutes {
  settings() {}
  @Roles(Role.Auditor) auditorOverride() {}
}

const TOKENS: Record<string, Principal | Error> = {
  chair: { sub: 's1', roles: [Role.Chair, Role.Auditor], area: 'north', coveringAreas: [] },
  manager: { sub: 's2', roles: [Role.Manager], coveringAreas: [] },
  expired: new TokenRejectedError('expired'),
  forged: new TokenRejectedError('invalid'),
  unreachable: new TokenKeysUnavailableError(),
};

const verifier = {
  verify: async (token: string) => {
    const outcome = TOKENS[token];
    if (outcome === undefined) throw new TokenRejectedError('invalid');
    if (outcome instanceof Error) throw outcome;
    return outcome;
  },
} as unknown as TokenVerifier;

/** No cover arrangements: the token's areas are the principal's (effective-areas.spec.ts tests the lookup). */
const tokenAreasOnly = { of: async (principal: Principal) => principal } as unknown as EffectiveAreas;

function call(controller: new () => object, handler: string, authorization?: string) {
  const request = { headers: authorization ? { authorization } : {} } as AuthenticatedRequest;
  const headers: Record<string, string> = {};
  const response = { setHeader: (name: string, value: string) => (headers[name] = value) };
  const context = {
    getType: () => 'http',
    getHandler: () => (controller.prototype as Record<string, unknown>)[handler],
    getClass: () => controller,
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
  } as unknown as ExecutionContext;
  const guard = new AuthGuard(new Reflector(), verifier, tokenAreasOnly);
  return { run: () => guard.canActivate(context), request, headers };
}

async function failure(promise: Promise<unknown>): Promise<HttpException | DomainError> {
  try {
    await promise;
  } catch (error) {
    return error as HttpException | DomainError;
  }
  throw new Error('the guard let the request through');
}

describe('AuthGuard', () => {
  it('lets a @Public route through without a token', async () => {
    await expect(call(Routes, 'health').run()).resolves.toBe(true);
  });

  it('answers a missing token with 401 and a Bearer challenge', async () => {
    const c = call(Routes, 'readWorkflow');
    const error = await failure(c.run());
    expect(error).toBeInstanceOf(UnauthorizedException);
    expect(c.headers['WWW-Authenticate']).toBe('Bearer realm="cp-workflows"');
  });

  it.each([
    ['Basic dXNlcjpwYXNz', 'invalid_token', false],
    ['Bearer forged', 'invalid_token', true],
    ['Bearer expired', 'The token has expired', true],
  ])('answers %s with 401 and says why in the challenge', async (authorization, said, presented) => {
    const c = call(Routes, 'readWorkflow', authorization);
    expect(await failure(c.run())).toBeInstanceOf(UnauthorizedException);
    if (presented) expect(c.headers['WWW-Authenticate']).toContain(said);
    else expect(c.headers['WWW-Authenticate']).toBe('Bearer realm="cp-workflows"');
  });

  it('answers 401 before 403: a bad token on a route nobody may use is still a 401', async () => {
    expect(await failure(call(Routes, 'forgotten', 'Bearer forged').run())).toBeInstanceOf(
      UnauthorizedException,
    );
  });

  it('answers 503 when the identity provider keys cannot be fetched', async () => {
    expect(
      (
        (await failure(call(Routes, 'readWorkflow', 'Bearer unreachable').run())) as HttpException
      ).getStatus(),
    ).toBe(503);
  });

  it('denies a route with neither @Public nor @Roles to everyone, managers included', async () => {
    const error = await failure(call(Routes, 'forgotten', 'Bearer manager').run());
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(DomainErrorCode.Forbidden);
  });

  it('denies a role the route does not admit with 403', async () => {
    const error = await failure(call(Routes, 'audit', 'Bearer manager').run());
    expect((error as DomainError).status).toBe(403);
  });

  it('attaches the principal with only the roles the route admits, and the acting role', async () => {
    const c = call(Routes, 'readWorkflow', 'Bearer chair');
    await expect(c.run()).resolves.toBe(true);
    expect(c.request.principal).toEqual({ sub: 's1', roles: [Role.Chair], area: 'north', coveringAreas: [] });
    expect(c.request.actingRole).toBe(Role.Chair);
  });

  it('reads @Roles from the class, and a method’s @Roles replaces the class’s', async () => {
    await expect(call(ManagerRoutes, 'settings', 'Bearer manager').run()).resolves.toBe(true);
    expect(
      ((await failure(call(ManagerRoutes, 'auditorOverride', 'Bearer manager').run())) as DomainError).status,
    ).toBe(403);
    await expect(call(ManagerRoutes, 'auditorOverride', 'Bearer chair').run()).resolves.toBe(true);
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc.def.ghi', 'abc.def.ghi'],
    ['Bearer  a-b_c.d+e/f=', 'a-b_c.d+e/f='],
    ['Bearer', undefined],
    ['Bearer abc def', undefined],
    ['Token abc', undefined],
    [undefined, undefined],
  ])('reads %p as %p', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});
