/**
 * Every error the process can raise on purpose, by code. The HTTP layer maps each code to a
 * status once (ProblemDetailsFilter); messages never carry personal data.
 */
export enum DomainErrorCode {
  NotFound = 'not_found',
  EventNotAccepted = 'event_not_accepted',
  GuardRejected = 'guard_rejected',
  Conflict = 'conflict',
  InvalidInput = 'invalid_input',
  UnknownWorkflowType = 'unknown_workflow_type',
  IdempotencyKeyReused = 'idempotency_key_reused',
  Forbidden = 'forbidden',
}

export const DOMAIN_ERROR_STATUS: Readonly<Record<DomainErrorCode, number>> = {
  [DomainErrorCode.NotFound]: 404,
  [DomainErrorCode.EventNotAccepted]: 409,
  [DomainErrorCode.Conflict]: 409,
  [DomainErrorCode.IdempotencyKeyReused]: 409,
  [DomainErrorCode.GuardRejected]: 422,
  [DomainErrorCode.InvalidInput]: 400,
  [DomainErrorCode.UnknownWorkflowType]: 400,
  [DomainErrorCode.Forbidden]: 403,
};

export const DOMAIN_ERROR_TITLE: Readonly<Record<DomainErrorCode, string>> = {
  [DomainErrorCode.NotFound]: 'Not found',
  [DomainErrorCode.EventNotAccepted]: 'The workflow does not accept this event in its current state',
  [DomainErrorCode.Conflict]: 'Conflict',
  [DomainErrorCode.IdempotencyKeyReused]: 'Idempotency key already used for a different request',
  [DomainErrorCode.GuardRejected]: 'A rule of the process rejected the event',
  [DomainErrorCode.InvalidInput]: 'Invalid input',
  [DomainErrorCode.UnknownWorkflowType]: 'Unknown workflow type',
  [DomainErrorCode.Forbidden]: 'Forbidden',
};

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'DomainError';
  }

  get status(): number {
    return DOMAIN_ERROR_STATUS[this.code];
  }

  get title(): string {
    return DOMAIN_ERROR_TITLE[this.code];
  }
}

export const throwIfMissing = <T>(value: T | null | undefined, what: string): T => {
  if (value === null || value === undefined) throw new DomainError(DomainErrorCode.NotFound, `${what} not found`);
  return value;
};
