import { DomainError, DomainErrorCode } from '@app/workflows';
import type { Principal } from './principal';
import { Role } from './role';

/**
 * Roles that work across the whole authority: managers and duty managers oversee every area; the
 * LADO is one service for the authority; the auditor examines everyone's access; partner agencies
 * consult the register for any child who presents to them (their routes give only the extract).
 */
const AUTHORITY_WIDE = new Set<Role>([
  Role.Manager,
  Role.DutyManager,
  Role.Lado,
  Role.Auditor,
  Role.PartnerAgency,
]);

/** Chairs and co-ordinators cover each other's areas; a social worker and a team manager work in their own only. */
const COVERS_OTHER_AREAS = new Set<Role>([Role.Chair, Role.Coordinator]);
const AREA_BOUND = new Set<Role>([...COVERS_OTHER_AREAS, Role.SocialWorker, Role.TeamManager]);

/**
 * The areas whose records a principal may see: 'all', or a list (possibly empty: a person with an
 * area-bound role and no area claim sees nothing). Use it to filter list queries. A chair's
 * `coveringAreas` already hold the areas their cover arrangements give them today: the guard adds
 * them (effective-areas.ts), so this stays a pure function of the principal.
 */
export function scopeAreas(principal: Principal): string[] | 'all' {
  if (principal.roles.some((role) => AUTHORITY_WIDE.has(role))) return 'all';
  const areas = new Set<string>();
  if (principal.area && principal.roles.some((role) => AREA_BOUND.has(role))) areas.add(principal.area);
  if (principal.roles.some((role) => COVERS_OTHER_AREAS.has(role))) {
    for (const area of principal.coveringAreas) areas.add(area);
  }
  return [...areas].sort();
}

export function isInScope(principal: Principal, recordArea: string | null | undefined): boolean {
  const scope = scopeAreas(principal);
  if (scope === 'all') return true;
  return typeof recordArea === 'string' && scope.includes(recordArea);
}

/**
 * A record outside the caller's areas answers exactly as a missing one does (`${what} not found`,
 * 404), so its existence does not leak. A record without an area is in scope only for 'all'.
 */
export function throwIfOutOfScope(
  principal: Principal,
  recordArea: string | null | undefined,
  what = 'Record',
): void {
  if (!isInScope(principal, recordArea)) throw new DomainError(DomainErrorCode.NotFound, `${what} not found`);
}

/**
 * For a new record, whose area the caller gives: an area outside theirs is refused plainly (403),
 * with the areas they do work in. Nothing is disclosed by it (the caller named the area), unlike
 * an existing record of another area, which answers as missing (throwIfOutOfScope).
 */
export function throwIfAreaOutside(principal: Principal, area: string | null | undefined): void {
  if (isInScope(principal, area)) return;
  const areas = scopeAreas(principal);
  throw new DomainError(
    DomainErrorCode.Forbidden,
    'The area is outside yours: you may open records only in the areas you work in or cover.',
    { areas: areas === 'all' ? [] : areas },
  );
}
