import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { DomainError, DomainErrorCode } from '../errors';
import type { PayloadClass } from './workflow-definition';

export interface FieldError {
  field: string;
  messages: string[];
}

function flatten(errors: ValidationError[], parent: string): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Validates a payload against its class: unknown fields rejected. Only field paths and constraint
 * messages leave this function (never the ValidationError objects, which hold the values).
 */
export function payloadErrors(
  cls: PayloadClass | null,
  payload: Record<string, unknown>,
  prefix = '',
): FieldError[] {
  if (cls === null) {
    return Object.keys(payload).map((key) => ({
      field: prefix ? `${prefix}.${key}` : key,
      messages: [`property ${key} should not exist`],
    }));
  }
  const instance = plainToInstance(cls, payload);
  return flatten(
    validateSync(instance, {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
    }),
    prefix,
  );
}

export function throwIfInvalidPayload(
  cls: PayloadClass | null,
  payload: Record<string, unknown>,
  what: string,
): void {
  const errors = payloadErrors(cls, payload);
  if (errors.length > 0) {
    throw new DomainError(DomainErrorCode.InvalidInput, `${what} failed validation`, { errors });
  }
}
