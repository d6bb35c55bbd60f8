import type { ChairsStore } from '@app/persistence';
import { ManualClock } from '@app/workflows';
import { EffectiveAreas } from './effective-areas';
import type { Principal } from './principal';
import { Role } from './role';
import { scopeAreas } from './scope';

/** Cover arrangements as the store answers them: chair-7 covers west from 9 to 13 March 2026. */
const covers = {
  areasCoveredOn: async (sub: string, on: string) =>
    sub === 'chair-7' && on >= '2026-03-09' && on <= '2026-03-13' ? ['west'] : [],
} as unknown as ChairsStore;

const principal = (roles: Role[], coveringAreas: string[] = []): Principal => ({
  sub: 'chair-7',
  roles,
  area: 'north',
  coveringAreas,
});

describe('EffectiveAreas', () => {
  it("adds the areas a chair covers today to the token's", async () => {
    const clock = new ManualClock('2026-03-10T09:00:00Z');
    const effective = await new EffectiveAreas(covers, clock).of(principal([Role.Chair], ['east']));
    expect(scopeAreas(effective)).toEqual(['east', 'north', 'west']);
  });

  it("adds nothing outside the cover's dates, reading the date in London", async () => {
    // 23:30 UTC on 13 March is still 13 March in London (GMT); 00:30 UTC on the 14th is not.
    expect(scopeAreas(await new EffectiveAreas(covers, new ManualClock('2026-03-13T23:30:00Z')).of(principal([Role.Chair])))).toEqual([
      'north',
      'west',
    ]);
    expect(scopeAreas(await new EffectiveAreas(covers, new ManualClock('2026-03-14T00:30:00Z')).of(principal([Role.Chair])))).toEqual([
      'north',
    ]);
  });

  it('adds nothing to a role that is not acting as a chair on this route', async () => {
    const clock = new ManualClock('2026-03-10T09:00:00Z');
    const coordinator = principal([Role.Coordinator]);
    expect(await new EffectiveAreas(covers, clock).of(coordinator)).toBe(coordinator);
  });
});
