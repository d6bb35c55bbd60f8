import { ArgumentsHost, Catch, ExceptionFilter, UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ProblemDetailsFilter } from '../../http/problem-details.filter';
import { SignInRequired } from '../session/console-request';
import { ConsoleViews } from './views';

/** Only the console's own pages are returned to after sign-in (no open redirect). */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/console(\/|\?|$)/.test(value) && !value.includes('\\') ? value : '/console';
}

/**
 * The console answers people, not programs: a refusal or failure is a GOV.UK error page with the
 * status the API would answer (the same mapping, ProblemDetailsFilter.toProblem), and a missing
 * session sends the browser to sign in.
 */
@Catch()
export class ConsoleExceptionFilter implements ExceptionFilter {
  private readonly problems = new ProblemDetailsFilter();

  constructor(private readonly views: ConsoleViews) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    if (response.headersSent) return;
    // People get pages; a program (no text/html in Accept) gets the API's problem+json.
    if (!/text\/html/.test(request.headers.accept ?? '')) {
      const refusal = exception instanceof SignInRequired ? new UnauthorizedException(exception.message) : exception;
      this.problems.catch(refusal, host);
      return;
    }
    if (exception instanceof SignInRequired) {
      if (request.method === 'GET' || request.method === 'HEAD') {
        response.redirect(303, `/console/sign-in?returnTo=${encodeURIComponent(safeReturnTo(exception.returnTo))}`);
        return;
      }
      this.views.send(response, 'error.njk', { title: 'Your session has ended', status: 401, detail: 'Sign in again, then repeat what you were doing.' }, 401);
      return;
    }
    const problem = this.problems.toProblem(exception);
    const title =
      problem.status === 404 ? 'Page not found' : problem.status === 403 ? 'You cannot do this' : problem.status >= 500 ? 'Sorry, there is a problem with the service' : 'There is a problem';
    this.views.send(response, 'error.njk', { title, status: problem.status, detail: problem.detail, errorId: problem.errorId }, problem.status);
  }
}
