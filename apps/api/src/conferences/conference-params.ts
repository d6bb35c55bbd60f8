import { type PipeTransform } from '@nestjs/common';
import { AGENCY_KEY_PATTERN, CONFERENCE_FIELD_PATTERNS, DomainError, DomainErrorCode } from '@app/workflows';

const refuse = (field: string, message: string) =>
  new DomainError(DomainErrorCode.InvalidInput, message, { errors: [{ field, messages: [message] }] });

/** A person id in a path, as the machine's payloads take it: anything else is 400 before a query runs. */
export class ParseOpaqueIdPipe implements PipeTransform<unknown, string> {
  constructor(private readonly field: string) {}
  transform(value: unknown): string {
    if (typeof value === 'string' && CONFERENCE_FIELD_PATTERNS.opaqueId.test(value)) return value;
    throw refuse(this.field, `${this.field} must be an id`);
  }
}

/** A report's key in a path: an agency's key. */
export class ParseAgencyKeyPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value === 'string' && value.length <= 80 && AGENCY_KEY_PATTERN.test(value)) return value;
    throw refuse('key', "key must be an agency's key, e.g. police:met");
  }
}
