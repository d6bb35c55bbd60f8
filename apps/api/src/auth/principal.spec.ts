import { principalFromClaims } from './principal';
import { Role } from './role';

const names = { roles: 'roles', area: 'area', coveringAreas: 'covering_areas' };

describe('principalFromClaims', () => {
  it('reads subject, known roles, area and covering areas', () => {
    expect(
      principalFromClaims(
        {
          sub: 'abc',
          roles: ['chair', 'Global.Admin', 'coordinator', 'chair'],
          area: 'north',
          covering_areas: ['west'],
        },
        names,
      ),
    ).toEqual({ sub: 'abc', roles: [Role.Chair, Role.Coordinator], area: 'north', coveringAreas: ['west'] });
  });

  it('accepts space- or comma-separated strings, as some identity providers send', () => {
    expect(
      principalFromClaims({ sub: 'abc', roles: 'manager auditor', covering_areas: 'west,east' }, names),
    ).toEqual({
      sub: 'abc',
      roles: [Role.Manager, Role.Auditor],
      coveringAreas: ['west', 'east'],
    });
  });

  it('reads the configured claim names, namespaced ones included', () => {
    const custom = { roles: 'https://council.example/roles', area: 'team_area', coveringAreas: 'cover' };
    expect(
      principalFromClaims(
        { sub: 'abc', 'https://council.example/roles': ['lado'], team_area: 'south', cover: [] },
        custom,
      ),
    ).toEqual({ sub: 'abc', roles: [Role.Lado], area: 'south', coveringAreas: [] });
  });

  it('ignores claims of the wrong type', () => {
    expect(
      principalFromClaims(
        { sub: 'abc', roles: [1, null, 'chair'], area: 7, covering_areas: { a: 1 } },
        names,
      ),
    ).toEqual({
      sub: 'abc',
      roles: [Role.Chair],
      coveringAreas: [],
    });
  });

  it.each([undefined, '', 42, 'x'.repeat(256)])('refuses a subject of %p', (sub) => {
    expect(principalFromClaims({ sub: sub as string, roles: ['chair'] }, names)).toBeNull();
  });
});
