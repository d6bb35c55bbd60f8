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
 * its error. What is left names the code and the constraint, never a value. A DomainError passes.
 */
export function withoutPersonalData(error: unknown): Error {
  if (error instanceof DomainError) return error;
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

/** Runs `work`; whatever it throws leaves without personal data (see withoutPersonalData). */
export async function guardingPersonalData<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw withoutPersonalData(error);
  }
}
