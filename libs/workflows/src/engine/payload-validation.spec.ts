import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, ValidateNested } from 'class-validator';
import { DomainError, DomainErrorCode } from '../errors';
import { payloadErrors, throwIfInvalidPayload } from './payload-validation';

class Organisation {
  @Matches(/^org-\d+$/) id!: string;
}

class Referral {
  @IsIn(['employer', 'police']) referrer!: string;
  @IsOptional() @IsInt() children?: number;
  @ValidateNested() @Type(() => Organisation) organisation!: Organisation;
}

const valid = { referrer: 'police', organisation: { id: 'org-1' } };

describe('payloadErrors', () => {
  it('is empty for a valid payload', () => {
    expect(payloadErrors(Referral, valid)).toEqual([]);
    expect(payloadErrors(null, {})).toEqual([]);
  });

  it('names each field at fault, nested ones by their path, with the constraint messages only', () => {
    expect(
      payloadErrors(Referral, { referrer: 'Ms A Person', children: 1.5, organisation: { id: 'Northfield' } }),
    ).toEqual([
      { field: 'referrer', messages: ['referrer must be one of the following values: employer, police'] },
      { field: 'children', messages: ['children must be an integer number'] },
      { field: 'organisation.id', messages: ['id must match /^org-\\d+$/ regular expression'] },
    ]);
  });

  it('refuses a field the class does not declare, at any depth, and prefixes paths when asked', () => {
    expect(payloadErrors(Referral, { ...valid, childName: 'A Person' })).toEqual([
      { field: 'childName', messages: ['property childName should not exist'] },
    ]);
    expect(
      payloadErrors(Referral, { ...valid, organisation: { id: 'org-1', address: 'x' } }, 'input'),
    ).toEqual([{ field: 'input.organisation.address', messages: ['property address should not exist'] }]);
  });

  it('refuses every field of an event that takes no payload', () => {
    expect(payloadErrors(null, { a: 1, b: 2 })).toEqual([
      { field: 'a', messages: ['property a should not exist'] },
      { field: 'b', messages: ['property b should not exist'] },
    ]);
    expect(payloadErrors(null, { a: 1 }, 'event')).toEqual([
      { field: 'event.a', messages: ['property a should not exist'] },
    ]);
  });

  it('refuses any payload for a class that declares no rule at all, rather than passing it unchecked', () => {
    class Undeclared {}
    const errors = payloadErrors(Undeclared, { anything: 'goes' });
    expect(errors).toHaveLength(1);
    expect(errors[0]!.messages.join(' ')).toMatch(/unknown value/);
  });

  it('never echoes a value it refused', () => {
    const errors = payloadErrors(Referral, { referrer: 'Ms A Person', organisation: { id: 'Mr B Person' } });
    expect(JSON.stringify(errors)).not.toContain('Person');
  });
});

describe('throwIfInvalidPayload', () => {
  it('throws a 400 domain error with the field errors, and nothing for a valid payload', () => {
    expect(() => throwIfInvalidPayload(Referral, valid, 'input')).not.toThrow();
    let caught: unknown;
    try {
      throwIfInvalidPayload(Referral, { referrer: 'press', organisation: { id: 'org-1' } }, 'input');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect(caught).toMatchObject({
      code: DomainErrorCode.InvalidInput,
      message: 'input failed validation',
      extensions: {
        errors: [{ field: 'referrer', messages: [expect.stringContaining('referrer must be one of')] }],
      },
    });
  });
});
