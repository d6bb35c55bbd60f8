import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { CalendarRangeError, DomainError, InvalidDateError } from '@app/workflows';
import { isTransientFailure } from './transient-failure';

export const PROBLEM_JSON = 'application/problem+json';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { field: string; messages: string[] }[];
  errorId?: string;
  [extension: string]: unknown;
}

const TYPE_BASE = 'https://cp-workflows.local/problems/';
const SERVICE_UNAVAILABLE = TYPE_BASE + 'service-unavailable';
/** What a client waits before retrying a request caught by a transient failure (Retry-After). */
export const RETRY_AFTER_SECONDS = 2;

/** Thrown by the validation pipe: field names and rule messages, never submitted values. */
export class RequestValidationException extends HttpException {
  constructor(readonly fieldErrors: { field: string; messages: string[] }[]) {
    super('Request validation failed', HttpStatus.BAD_REQUEST);
  }
}

/**
 * The one exception filter: every error leaves as RFC 9457 problem+json. A database or queue
 * failing for a moment (isTransientFailure) is a 503 with Retry-After: the same request, with the
 * same Idempotency-Key, is expected to succeed (and is answered once if it was recorded after all). Unknown errors become a
 * 500. Both carry an error id that is logged with the error, so support can find it without the
 * response carrying internals.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const response = ctx.getResponse<Response>();
    const request = ctx.getRequest<Request>();
    const problem = this.toProblem(exception);
    problem.instance = request.originalUrl?.split('?')[0];
    if (response.headersSent) return;
    if (problem.type === SERVICE_UNAVAILABLE) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    response.status(problem.status).type(PROBLEM_JSON).send(JSON.stringify(problem));
  }

  toProblem(exception: unknown): ProblemDetails {
    // Nest wraps body-parser's JSON errors and bad %-encodings in a BadRequestException whose message
    // quotes the input (a name, say): answer from the original error, without echoing it.
    if (
      exception instanceof HttpException &&
      (exception.cause instanceof SyntaxError || exception.cause instanceof URIError)
    ) {
      return this.toProblem(exception.cause);
    }
    if (exception instanceof DomainError) {
      return {
        type: TYPE_BASE + exception.code.replace(/_/g, '-'),
        title: exception.title,
        status: exception.status,
        detail: exception.detail,
        ...exception.extensions,
      };
    }
    if (exception instanceof InvalidDateError) {
      return {
        type: TYPE_BASE + 'invalid-request',
        title: 'The request is not valid',
        status: 400,
        detail: exception.message,
        errors: [{ field: exception.field, messages: [exception.message] }],
      };
    }
    if (exception instanceof CalendarRangeError) {
      return {
        type: TYPE_BASE + 'outside-calendar',
        title: 'Date outside the working-day calendar',
        status: 422,
        detail: exception.message,
      };
    }
    if (exception instanceof RequestValidationException) {
      return {
        type: TYPE_BASE + 'invalid-request',
        title: 'The request is not valid',
        status: 400,
        detail: 'One or more fields failed validation.',
        errors: exception.fieldErrors,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail =
        typeof body === 'string'
          ? body
          : typeof (body as { message?: unknown }).message === 'string'
            ? (body as { message: string }).message
            : exception.message;
      const problem: ProblemDetails = {
        type: status === 404 ? TYPE_BASE + 'not-found' : TYPE_BASE + `http-${status}`,
        title: HttpStatus[status]?.toString().replace(/_/g, ' ').toLowerCase() ?? 'Error',
        status,
        detail: this.safeDetail(status, detail),
      };
      // A failed health check keeps its per-dependency report, so operators see which one is down.
      if (typeof body === 'object' && body !== null && (body as { status?: unknown }).status === 'error') {
        const report = body as { info?: unknown; error?: unknown; details?: unknown };
        Object.assign(problem, { info: report.info, error: report.error, details: report.details });
        problem.detail = 'One or more dependencies are unavailable.';
      }
      return problem;
    }
    // Body-parser errors (malformed JSON, too large) carry a status and type but are not HttpExceptions.
    const parserError = exception as { status?: number; type?: string; expose?: boolean };
    if (typeof parserError?.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
      const detail =
        parserError.type === 'entity.parse.failed'
          ? 'The request body is not valid JSON.'
          : parserError.type === 'entity.too.large'
            ? 'The request body is too large.'
            : 'The request could not be read.';
      return {
        type: TYPE_BASE + 'unreadable-request',
        title: 'The request could not be read',
        status: parserError.status,
        detail,
      };
    }
    if (isTransientFailure(exception)) {
      const errorId = randomUUID();
      this.logger.warn({ errorId, err: loggable(exception) }, 'Transient failure of a dependency');
      return {
        type: SERVICE_UNAVAILABLE,
        title: 'Service temporarily unavailable',
        status: 503,
        detail: `A database or queue connection failed. Retry in ${RETRY_AFTER_SECONDS} seconds with the same Idempotency-Key: a request that was recorded is answered from the record, never done twice.`,
        errorId,
      };
    }
    const errorId = randomUUID();
    this.logger.error({ errorId, err: loggable(exception) }, 'Unhandled error');
    return {
      type: TYPE_BASE + 'internal-error',
      title: 'Internal error',
      status: 500,
      detail: 'An unexpected error occurred. Quote the error id to support.',
      errorId,
    };
  }

  private safeDetail(status: number, detail: string): string {
    if (status === 404) return 'No resource at this address.';
    return detail;
  }
}

/**
 * An error as it is logged: class, code, message and stack, and those of what it wraps, but not
 * the SQL parameters a TypeORM QueryFailedError carries (a snapshot, a free-text field). The class
 * is logged as `class`: the redaction list censors every `name` key.
 */
function loggable(error: unknown, depth = 3): unknown {
  if (typeof error !== 'object' || error === null || depth < 0) return error;
  const { name, code, message, stack, cause, driverError } = error as Record<string, unknown>;
  return {
    class: name,
    code,
    message,
    stack,
    cause: cause === undefined ? undefined : loggable(cause, depth - 1),
    driverError: driverError === undefined ? undefined : loggable(driverError, depth - 1),
  };
}
