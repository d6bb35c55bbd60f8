import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request } from 'express';
import { DomainError, DomainErrorCode } from '@app/workflows';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

/**
 * A client's Idempotency-Key as the engine's event id, in a namespace of its own ('client.<key>')
 * so that no client key can take the event id of a timer's step job or of an engine event on the
 * same workflow. Absent: undefined (the write gets a fresh id). Malformed: 400.
 */
export function clientIdempotencyKey(header: unknown): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !IDEMPOTENCY_KEY.test(header)) {
    throw new DomainError(DomainErrorCode.InvalidInput, 'Idempotency-Key must be 1-200 letters, digits or . _ : -', {
      errors: [{ field: IDEMPOTENCY_HEADER, messages: ['invalid Idempotency-Key header'] }],
    });
  }
  return `client.${header}`;
}

const readKey = createParamDecorator((_: unknown, ctx: ExecutionContext) =>
  clientIdempotencyKey(ctx.switchToHttp().getRequest<Request>().headers['idempotency-key']),
);

/**
 * The write's Idempotency-Key (`client.<key>`, or undefined), and its one OpenAPI header. A
 * parameter decorator rather than `@Headers('idempotency-key')`, which Swagger would list as a
 * second, required header beside this one.
 */
export function IdempotencyKey(): ParameterDecorator {
  return (target, method, index) => {
    readKey()(target, method, index);
    if (method === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, method)!;
    ApiHeader({
      name: IDEMPOTENCY_HEADER,
      required: false,
      description:
        'Repeat it to retry safely: the first answer is returned and nothing is written again. 1-200 letters, digits or . _ : - ; the same key with a different request answers 409.',
      schema: { type: 'string', pattern: IDEMPOTENCY_KEY.source },
    })(target, method, descriptor);
  };
}
