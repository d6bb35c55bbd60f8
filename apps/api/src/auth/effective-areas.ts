import { Inject, Injectable } from '@nestjs/common';
import { ChairsStore } from '@app/persistence';
import { CLOCK, type Clock, dateInLondon } from '@app/workflows';
import type { Principal } from './principal';
import { Role } from './role';

/**
 * The areas a principal works in are the token's claims plus, for a chair, the areas their cover
 * arrangements give them today (Europe/London): a chair covering an area sees and acts on its
 * records for the cover's dates, whatever the identity provider's token says. The guard puts the
 * result on the request, so scopeAreas and every route read one principal.
 */
@Injectable()
export class EffectiveAreas {
  constructor(
    private readonly chairs: ChairsStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The principal with today's covered areas added to `coveringAreas`; unchanged unless acting as a chair. */
  async of(principal: Principal): Promise<Principal> {
    if (!principal.roles.includes(Role.Chair)) return principal;
    const covered = await this.chairs.areasCoveredOn(principal.sub, dateInLondon(this.clock.now()));
    if (covered.every((area) => principal.coveringAreas.includes(area))) return principal;
    return { ...principal, coveringAreas: [...new Set([...principal.coveringAreas, ...covered])] };
  }
}
