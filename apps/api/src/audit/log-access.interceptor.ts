import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
  applyDecorators,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { from, mergeMap, Observable } from 'rxjs';
import { AccessAction, AccessLogService } from '@app/persistence';
import { accessContextOf } from './access-context';

const LOG_ACCESS = 'cpw:audit:log-access';

interface LogAccessOptions {
  /** The kind of record the route shows or changes: 'workflow', 'child', 'asv-referral'. */
  recordType: string;
  /** The route parameter holding the record's id. */
  idParam?: string;
  action?: AccessAction;
}

/**
 * Writes one access-log row when the handler succeeds, before the answer leaves: if the row cannot
 * be written the request fails, so no record is shown unlogged. A refused or failed request logs
 * nothing. For a write inside a transaction, record through AccessLogService with the manager instead.
 */
@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly accessLog: AccessLogService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.get<LogAccessOptions | undefined>(LOG_ACCESS, context.getHandler());
    if (!options) return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    return next.handle().pipe(
      mergeMap((body) =>
        from(
          this.accessLog
            .record({
              ...accessContextOf(request),
              action: options.action ?? 'read',
              recordType: options.recordType,
              recordId: String(request.params[options.idParam ?? 'id']),
            })
            .then(() => body),
        ),
      ),
    );
  }
}

/** `@LogAccess({ recordType: 'workflow' })` on a route that shows one record, its id in `:id`. */
export const LogAccess = (options: LogAccessOptions) =>
  applyDecorators(SetMetadata(LOG_ACCESS, options), UseInterceptors(AccessLogInterceptor));
