import { assignChair, type ChairAssignmentFacts, isChairAway } from './chair-assignment';

const facts = (overrides: Partial<ChairAssignmentFacts> = {}): ChairAssignmentFacts => ({
  area: 'north',
  on: '2026-03-10',
  chairs: [
    { sub: 'chair-north', homeAreas: ['north'] },
    { sub: 'chair-south', homeAreas: ['south', 'east'] },
  ],
  covers: [{ chairSub: 'chair-south', area: 'north', from: '2026-03-09', to: '2026-03-13' }],
  absences: [],
  ...overrides,
});

describe('assignChair', () => {
  it("gives the area's own chair when they are not away, even while a cover is arranged", () => {
    expect(assignChair(facts())).toEqual({ outcome: 'home', chairSub: 'chair-north' });
  });

  it("gives the covering chair when the area's chair is away that day", () => {
    const away = [{ chairSub: 'chair-north', from: '2026-03-09', to: '2026-03-13' }];
    expect(assignChair(facts({ absences: away }))).toEqual({
      outcome: 'cover',
      chairSub: 'chair-south',
      coveringFor: 'chair-north',
    });
  });

  it('counts both ends of an absence and of a cover', () => {
    const away = [{ chairSub: 'chair-north', from: '2026-03-13', to: '2026-03-20' }];
    expect(assignChair(facts({ on: '2026-03-13', absences: away }))).toMatchObject({ outcome: 'cover' });
    expect(assignChair(facts({ on: '2026-03-16', absences: away }))).toEqual({
      outcome: 'none',
      reason: 'chair-away-and-no-cover',
    });
    expect(assignChair(facts({ on: '2026-03-12', absences: away }))).toMatchObject({ outcome: 'home' });
  });

  it('gives nobody when the covering chair is away too', () => {
    const away = [
      { chairSub: 'chair-north', from: '2026-03-09', to: '2026-03-13' },
      { chairSub: 'chair-south', from: '2026-03-10', to: '2026-03-10' },
    ];
    expect(assignChair(facts({ absences: away }))).toEqual({
      outcome: 'none',
      reason: 'chair-away-and-no-cover',
    });
  });

  it('gives the covering chair for an area without a chair of its own, and nobody without a cover', () => {
    const west = {
      area: 'west',
      covers: [{ chairSub: 'chair-north', area: 'west', from: '2026-03-01', to: '2026-03-31' }],
    };
    expect(assignChair(facts(west))).toEqual({
      outcome: 'cover',
      chairSub: 'chair-north',
      coveringFor: null,
    });
    expect(assignChair(facts({ area: 'west' }))).toEqual({ outcome: 'none', reason: 'no-chair-for-area' });
  });

  it("ignores a cover of another area, or on other dates, and the away chair's own cover", () => {
    const away = [{ chairSub: 'chair-north', from: '2026-03-10', to: '2026-03-10' }];
    const covers = [
      { chairSub: 'chair-south', area: 'west', from: '2026-03-01', to: '2026-03-31' },
      { chairSub: 'chair-south', area: 'north', from: '2026-03-11', to: '2026-03-12' },
      { chairSub: 'chair-north', area: 'north', from: '2026-03-01', to: '2026-03-31' },
    ];
    expect(assignChair(facts({ absences: away, covers }))).toEqual({
      outcome: 'none',
      reason: 'chair-away-and-no-cover',
    });
  });

  it('answers the same whatever order the rows come in', () => {
    const away = [{ chairSub: 'chair-north', from: '2026-03-10', to: '2026-03-10' }];
    const covers = [
      { chairSub: 'chair-z', area: 'north', from: '2026-03-10', to: '2026-03-10' },
      { chairSub: 'chair-b', area: 'north', from: '2026-03-10', to: '2026-03-10' },
    ];
    const one = assignChair(facts({ absences: away, covers }));
    const other = assignChair(facts({ absences: away, covers: [...covers].reverse() }));
    expect(one).toEqual({ outcome: 'cover', chairSub: 'chair-b', coveringFor: 'chair-north' });
    expect(other).toEqual(one);
  });
});

describe('isChairAway', () => {
  it("reads only the chair's own absences", () => {
    const absences = [{ chairSub: 'chair-south', from: '2026-03-01', to: '2026-03-31' }];
    expect(isChairAway('chair-south', '2026-03-10', absences)).toBe(true);
    expect(isChairAway('chair-north', '2026-03-10', absences)).toBe(false);
  });
});
