import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ProblemDetailsFilter } from '../http/problem-details.filter';
import { InvitationViews } from './invitation-views';

/**
 * A browser (text/html in Accept) gets a page with the status the API would answer; a program
 * gets the API's problem+json (ProblemDetailsFilter). A refused answer re-shows the form.
 */
@Catch()
export class InvitationPageFilter implements ExceptionFilter {
  private readonly problems = new ProblemDetailsFilter();

  constructor(private readonly views: InvitationViews) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    if (response.headersSent) return;
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('X-Robots-Tag', 'noindex, nofollow');
    if (!/text\/html/.test(request.headers.accept ?? '')) {
      this.problems.catch(exception, host);
      return;
    }
    const problem = this.problems.toProblem(exception);
    const title =
      problem.status === 404
        ? 'This link does not open an invitation'
        : problem.status === 410
          ? 'This link no longer opens your invitation'
          : problem.status >= 500
            ? 'Sorry, there is a problem with the service'
            : 'There is a problem';
    this.views.send(response, 'invitation-error.njk', { title, detail: problem.detail }, problem.status);
  }
}
