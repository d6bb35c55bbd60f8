/**
 * Who chairs a conference in an area on a date: the area's own chair unless they are away that
 * day, else the chair covering the area that day (who must not be away themselves). A
 * co-ordinator may still choose another chair, with a reason; that is the conference's business.
 * All dates are Europe/London calendar dates, `YYYY-MM-DD`; ranges include both ends.
 */

export interface ChairOfAreas {
  /** The identity provider's subject id of the chair. */
  sub: string;
  homeAreas: readonly string[];
}

export interface CoverArrangement {
  /** The covering chair. */
  chairSub: string;
  area: string;
  from: string;
  to: string;
}

export interface ChairAbsence {
  chairSub: string;
  from: string;
  to: string;
}

export interface ChairAssignmentFacts {
  area: string;
  on: string;
  chairs: readonly ChairOfAreas[];
  covers: readonly CoverArrangement[];
  absences: readonly ChairAbsence[];
}

export type ChairAssignment =
  | { outcome: 'home'; chairSub: string }
  | {
      outcome: 'cover';
      chairSub: string;
      /** The area's own chair, away that day, or null when the area has none. */ coveringFor: string | null;
    }
  | { outcome: 'none'; reason: 'no-chair-for-area' | 'chair-away-and-no-cover' };

const within = (date: string, range: { from: string; to: string }) => range.from <= date && date <= range.to;

/** True when the chair has an absence that includes the date. */
export function isChairAway(chairSub: string, on: string, absences: readonly ChairAbsence[]): boolean {
  return absences.some((absence) => absence.chairSub === chairSub && within(on, absence));
}

/**
 * The chair for `area` on `on`. Several chairs of one area (the database allows one; the rule does
 * not rely on it) or several covers on one date resolve to the first by subject id, so the answer
 * never depends on the order rows were read in.
 */
export function assignChair(facts: ChairAssignmentFacts): ChairAssignment {
  const home = firstBy(
    facts.chairs.filter((chair) => chair.homeAreas.includes(facts.area)),
    (chair) => chair.sub,
  );
  if (home && !isChairAway(home.sub, facts.on, facts.absences))
    return { outcome: 'home', chairSub: home.sub };
  const cover = firstBy(
    facts.covers.filter(
      (c) =>
        c.area === facts.area &&
        within(facts.on, c) &&
        c.chairSub !== home?.sub &&
        !isChairAway(c.chairSub, facts.on, facts.absences),
    ),
    (c) => c.chairSub,
  );
  if (cover) return { outcome: 'cover', chairSub: cover.chairSub, coveringFor: home?.sub ?? null };
  return { outcome: 'none', reason: home ? 'chair-away-and-no-cover' : 'no-chair-for-area' };
}

function firstBy<T>(items: readonly T[], key: (item: T) => string): T | undefined {
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))[0];
}
