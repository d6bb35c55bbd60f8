import { QueryFailedError } from 'typeorm';
import { DomainError, DomainErrorCode } from '@app/workflows';
import { guardingPersonalData, withoutPersonalData } from './safe-database-error';

/** What node-postgres and TypeORM attach to a failed INSERT of a person. */
function failedInsert(code: string, constraint: string): QueryFailedError {
  const driverError = Object.assign(new Error('duplicate key value violates unique constraint'), {
    code,
    constraint,
    detail: 'Key (system, value)=(nhs-number, 9434765919) already exists.',
    table: 'person_external_id',
  });
  return new QueryFailedError('INSERT INTO person (given_name) VALUES ($1)', ['Amira', '9434765919'], driverError);
}

describe('withoutPersonalData', () => {
  it("keeps the code and constraint of a driver's error, and drops its query, parameters and detail", () => {
    const safe = withoutPersonalData(failedInsert('23505', 'person_external_id_once')) as Error & Record<string, unknown>;
    expect(safe).toMatchObject({ code: '23505', constraint: 'person_external_id_once', name: 'DatabaseError' });
    const everything = JSON.stringify({ ...safe, message: safe.message, stack: safe.stack });
    expect(everything).not.toContain('Amira');
    expect(everything).not.toContain('9434765919');
    expect(safe).not.toHaveProperty('parameters');
    expect(safe).not.toHaveProperty('detail');
  });

  it('answers a CHECK the application missed as a 400 naming the rule', () => {
    const safe = withoutPersonalData(failedInsert('23514', 'person_born_has_a_name'));
    expect(safe).toBeInstanceOf(DomainError);
    expect(safe).toMatchObject({ code: DomainErrorCode.InvalidInput, status: 400 });
    expect((safe as DomainError).detail).toContain('person_born_has_a_name');
  });

  it("passes a DomainError, and a bug's own error, unchanged", () => {
    const domain = new DomainError(DomainErrorCode.NotFound, 'Person not found');
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    expect(withoutPersonalData(domain)).toBe(domain);
    expect(withoutPersonalData(bug)).toBe(bug);
  });

  it('guards whatever the work throws', async () => {
    await expect(
      guardingPersonalData(async () => {
        throw failedInsert('23505', 'person_external_id_once');
      }),
    ).rejects.toMatchObject({ name: 'DatabaseError', message: 'Database error 23505 (person_external_id_once)' });
  });
});
