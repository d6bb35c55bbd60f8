import { type CallHandler, type ExecutionContext, Injectable, mixin, type NestInterceptor, type Type } from '@nestjs/common';
import { from, type Observable, switchMap } from 'rxjs';
import type { AuthenticatedRequest } from '../auth';
import { uuidPipe } from '../http/params';
import type { DomainWorkflowOptions } from './domain-workflow.options';
import { DomainWorkflows } from './domain-workflow.service';

/**
 * For an upload route: the record its `:id` names must be an id (400), there, of the process's
 * type and in the caller's areas (404, the answer for all three) before anything reads the body,
 * so nobody streams megabytes to be told no. Listed before the interceptor that reads the body
 * (`@UseInterceptors(FoundBeforeBody(X_WORKFLOW), FileInterceptor(…))`); the guards have run
 * already, so a role that may not upload never gets this far. Not logged: the write that follows
 * is, and a refused one logs nothing.
 */
export function FoundBeforeBody(options: DomainWorkflowOptions): Type<NestInterceptor> {
  @Injectable()
  class FoundBeforeBodyInterceptor implements NestInterceptor {
    constructor(private readonly domainWorkflows: DomainWorkflows) {}

    intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
      const req = context.switchToHttp().getRequest<AuthenticatedRequest & { params: Record<string, string> }>();
      return from(this.check(req)).pipe(switchMap(() => next.handle()));
    }

    private async check(req: AuthenticatedRequest & { params: Record<string, string> }): Promise<void> {
      const id = (await uuidPipe.transform(req.params.id, { type: 'param', data: 'id' })) as string;
      await this.domainWorkflows.for(options).recordFor(req, id);
    }
  }
  return mixin(FoundBeforeBodyInterceptor);
}
