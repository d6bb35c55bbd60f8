import { DomainError, DomainErrorCode, throwIfMissing } from '@app/workflows';
import type { Principal } from './principal';
import { Role } from './role';
import { isInScope, scopeAreas, throwIfAreaOutside, throwIfOutOfScope } from './scope';

const principal = (roles: Role[], area?: string, coveringAreas: string[] = []): Principal => ({
  sub: 'staff-1',
  roles,
  ...(area ? { area } : {}),
  coveringAreas,
});

describe('scopeAreas', () => {
  it.each([Role.Manager, Role.DutyManager, Role.Lado, Role.Auditor, Role.PartnerAgency])(
    'gives %s the whole authority',
    (role) => {
      expect(scopeAreas(principal([role], 'north'))).toBe('all');
    },
  );

  it.each([Role.Chair, Role.Coordinator])('gives a %s their own area plus the areas they cover', (role) => {
    expect(scopeAreas(principal([role], 'north', ['west', 'east', 'west']))).toEqual([
      'east',
      'north',
      'west',
    ]);
  });

  it('gives a social worker their own area only, whatever the token says they cover', () => {
    expect(scopeAreas(principal([Role.SocialWorker], 'north', ['west']))).toEqual(['north']);
  });

  it('gives an area-bound role without an area claim nothing', () => {
    expect(scopeAreas(principal([Role.SocialWorker]))).toEqual([]);
    expect(scopeAreas(principal([Role.Chair], undefined, ['west']))).toEqual(['west']);
  });

  it('gives no role nothing', () => {
    expect(scopeAreas(principal([], 'north'))).toEqual([]);
  });
});

describe('throwIfOutOfScope', () => {
  const chair = principal([Role.Chair], 'north', ['west']);

  it('lets a record in the area or a covered area through', () => {
    expect(() => throwIfOutOfScope(chair, 'north')).not.toThrow();
    expect(() => throwIfOutOfScope(chair, 'west')).not.toThrow();
  });

  it('answers a record outside scope exactly as a missing one (404, same words)', () => {
    const outOfScope = (() => {
      try {
        throwIfOutOfScope(chair, 'south', 'Workflow');
      } catch (error) {
        return error;
      }
    })();
    const missing = (() => {
      try {
        throwIfMissing(null, 'Workflow');
      } catch (error) {
        return error;
      }
    })();
    expect(outOfScope).toBeInstanceOf(DomainError);
    expect((outOfScope as DomainError).code).toBe(DomainErrorCode.NotFound);
    expect((outOfScope as DomainError).status).toBe(404);
    expect((outOfScope as DomainError).detail).toBe((missing as DomainError).detail);
  });

  it('treats a record without an area as out of scope unless the principal sees all', () => {
    expect(isInScope(chair, null)).toBe(false);
    expect(isInScope(chair, undefined)).toBe(false);
    expect(isInScope(principal([Role.Manager]), null)).toBe(true);
  });
});

describe('throwIfAreaOutside', () => {
  it('lets a record be opened in an area the caller works in or covers', () => {
    expect(() => throwIfAreaOutside(principal([Role.Coordinator], 'south', ['west']), 'west')).not.toThrow();
    expect(() => throwIfAreaOutside(principal([Role.Lado]), 'north')).not.toThrow();
  });

  it('refuses another area plainly (403), naming the areas the caller does work in', () => {
    let refused: unknown;
    try {
      throwIfAreaOutside(principal([Role.Coordinator], 'south', ['west']), 'north');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({
      code: DomainErrorCode.Forbidden,
      status: 403,
      detail: expect.stringMatching(/outside yours/),
      extensions: { areas: ['south', 'west'] },
    });
  });

  it('refuses a record without an area to an area-bound role', () => {
    expect(() => throwIfAreaOutside(principal([Role.Coordinator], 'south'), null)).toThrow(DomainError);
  });
});
