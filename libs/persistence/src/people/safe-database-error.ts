import { DomainError, DomainErrorCode } from '@app/workflows';

/** PostgreSQL's codes for the refusals a store turns into answers. */
export const PG = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
  notNullViolation: '23502',
  exclusionViolation: '23P01',
} as const;

interface PgError {
  code?: string;
  constraint?: string;
}

export const pgCode = (error: unknown): string | undefined => (error as PgError | null)?.code;
export const pgConstraint = (error: unknown): string | undefined => (error as PgError | null)?.constraint;

/**
 * An error from a query over personal data, stripped of what the driver attaches: TypeORM's
 * QueryFailedError carries the query's parameters (names, dates of birth, NHS numbers) and
 * PostgreSQL's detail quotes the failing row or key, and the one exception filter logs a 500 with
 * its error. What is left names the code and the constraint, never a value. Any other error (a
 * DomainError, a bug's TypeError) passes as it is: its message is the code's, not the data's.
 */
export function withoutPersonalData(error: unknown): unknown {
  if (error instanceof DomainError || !fromTheDatabase(error)) return error;
  const code = pgCode(error);
  const constraint = pgConstraint(error);
  if (code === PG.checkViolation || code === PG.notNullViolation) {
    return new DomainError(DomainErrorCode.InvalidInput, `The record breaks the rule ${constraint ?? code}.`, {
      errors: [{ field: constraint ?? 'body', messages: [`breaks the rule ${constraint ?? code}`] }],
    });
  }
  const safe = new Error(`Database error ${code ?? 'unknown'}${constraint ? ` (${constraint})` : ''}`);
  safe.name = 'DatabaseError';
  Object.assign(safe, { code, constraint });
  return safe;
}

/** A driver's error: PostgreSQL's (a code, a detail) or TypeORM's (the query and its parameters). */
function fromTheDatabase(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  return ['code', 'detail', 'query', 'parameters', 'driverError'].some((key) => key in error);
}

/** Runs `work`; whatever it throws leaves without personal data (see withoutPersonalData). */
export async function guardingPersonalData<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw withoutPersonalData(error);
  }
}
