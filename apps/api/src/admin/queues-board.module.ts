import { Module, OnModuleInit, UnauthorizedException, ServiceUnavailableException } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DeadlineQueue, DeadlineTimersModule, QueueBackend } from '@app/timers';
import { DomainError, DomainErrorCode } from '@app/workflows';
import { AuthModule } from '../auth/auth.module';
import { bearerToken } from '../auth/auth.guard';
import { POLICY } from '../auth/policy';
import type { Role } from '../auth/role';
import { TokenKeysUnavailableError, TokenRejectedError, TokenVerifier } from '../auth/token-verifier';
import { ConsoleModule } from '../console/console.module';
import { ConsoleSessionStore } from '../console/session/console-session.store';
import { sessionIdOf } from '../console/session/session-cookie';
import { PROBLEM_JSON, ProblemDetailsFilter } from '../http/problem-details.filter';

/** Where Bull Board is served. */
export const QUEUES_BOARD_PATH = '/admin/queues';

const CHALLENGE = {
  missing: 'Bearer realm="cp-workflows"',
  invalid: 'Bearer realm="cp-workflows", error="invalid_token", error_description="The token is not valid"',
  expired: 'Bearer realm="cp-workflows", error="invalid_token", error_description="The token has expired"',
} as const;

/**
 * Bull Board is an Express router, not a Nest controller, so the global AuthGuard never sees it:
 * this middleware does the same checks in front of it. A valid bearer token whose roles include
 * one of POLICY.inspectWorkflows (managers), else 401 with the Bearer challenge or 403, as
 * problem+json like every other refusal.
 */
export function managersOnly(verifier: TokenVerifier, sessions?: ConsoleSessionStore): RequestHandler {
  const problems = new ProblemDetailsFilter();
  const refuse = (req: Request, res: Response, error: unknown, challenge?: string) => {
    const problem = problems.toProblem(error);
    problem.instance = req.originalUrl.split('?')[0];
    if (challenge) res.setHeader('WWW-Authenticate', challenge);
    res.status(problem.status).type(PROBLEM_JSON).send(JSON.stringify(problem));
  };
  const admitted: readonly Role[] = POLICY.inspectWorkflows;
  return (req: Request, res: Response, next: NextFunction) => {
    const token = bearerToken(req.headers.authorization);
    // Without a bearer token, a signed-in console session (its cookie) will do, checked the same way.
    const sessionId = token ? undefined : sessionIdOf(req);
    if (!token && !(sessions && sessionId))
      return refuse(req, res, new UnauthorizedException('A bearer token is required.'), CHALLENGE.missing);
    const principal = token
      ? verifier.verify(token)
      : sessions!.find(sessionId).then((session) => {
          if (session?.kind !== 'signed-in') throw new TokenRejectedError('invalid');
          return session.principal;
        });
    principal.then(
      (principal) => {
        if (!principal.roles.some((role) => admitted.includes(role))) {
          return refuse(
            req,
            res,
            new DomainError(DomainErrorCode.Forbidden, 'Your role does not permit this request.'),
          );
        }
        next();
      },
      (error: unknown) => {
        if (error instanceof TokenRejectedError) {
          const detail =
            error.reason === 'expired' ? 'The bearer token has expired.' : 'The bearer token is not valid.';
          return refuse(req, res, new UnauthorizedException(detail), CHALLENGE[error.reason]);
        }
        if (error instanceof TokenKeysUnavailableError)
          return refuse(req, res, new ServiceUnavailableException(error.message));
        next(error);
      },
    );
  };
}

/**
 * Bull Board at /admin/queues, for managers: the deadline-steps queue, read-only, on whichever
 * queue backend the service runs (Redis or PostgreSQL). Read-only because the queue heals itself
 * (the reconciler re-adds, promotes and retries what PostgreSQL says is due) and a change made
 * through the board would not be attributable to anyone in the journal. Served by 'api' and 'all' processes. Browsers do not send bearer tokens by themselves:
 * open it through the council's authenticating proxy, which adds the Authorization header.
 */
@Module({ imports: [DeadlineTimersModule, AuthModule, ConsoleModule] })
export class QueuesBoardModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly queue: DeadlineQueue,
    private readonly backend: QueueBackend,
    private readonly verifier: TokenVerifier,
    private readonly sessions: ConsoleSessionStore,
  ) {}

  onModuleInit(): void {
    const board = new ExpressAdapter();
    board.setBasePath(QUEUES_BOARD_PATH);
    createBullBoard({
      queues: [new BullMQAdapter(this.queue.queue, { readOnlyMode: true, allowRetries: false })],
      // @bull-board/express pins its own copy of @bull-board/api: the same interface, another declaration.
      serverAdapter: board as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
      // The queue as the configured backend made it (Redis or PostgreSQL): the board reads either.
      options: { uiConfig: { boardTitle: `Statutory clocks (${this.backend.kind})` } },
    });
    // Mounted on Express directly, during init: after Nest's routes, before its not-found handler.
    // One handler (the check, then the board), so the route table shows one 'USE /admin/queues'.
    const guard = managersOnly(this.verifier, this.sessions);
    const router = board.getRouter() as RequestHandler;
    const express = this.adapterHost.httpAdapter.getInstance() as {
      use: (path: string, handler: RequestHandler) => void;
    };
    express.use(QUEUES_BOARD_PATH, (req, res, next) =>
      guard(req, res, (error?: unknown) => (error ? next(error) : router(req, res, next))),
    );
  }
}
