import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  type ChairAssignmentFacts,
  CLOCK,
  type Clock,
  dateInLondon,
  DomainError,
  DomainErrorCode,
} from '@app/workflows';
import { guardingPersonalData, PG, pgCode, pgConstraint } from '../people/safe-database-error';
import { bookingsBetween } from './booking-rows';
import type { AbsenceView, BookingView, ChairInput, ChairView, ChairWriteHooks, CoverView } from './chairs.types';

export const chairNotFound = () => new DomainError(DomainErrorCode.NotFound, 'Chair not found');

interface ChairRow {
  sub: string;
  display_name: string;
  email: string;
  home_areas: string[];
  created_at: Date;
  updated_at: Date;
}

interface RangeRow {
  id: string;
  chair_sub: string;
  area?: string;
  from_date: string;
  to_date: string;
}

const coverView = (row: RangeRow): CoverView => ({
  id: row.id,
  chairSub: row.chair_sub,
  area: row.area!,
  from: row.from_date,
  to: row.to_date,
});
const absenceView = (row: RangeRow): AbsenceView => ({
  id: row.id,
  chairSub: row.chair_sub,
  from: row.from_date,
  to: row.to_date,
});

/**
 * Chairs, the areas they chair, their cover arrangements and absences. The exclusion constraints
 * refuse overlaps; this store turns those refusals into 409s and adds the rules the database cannot
 * see (a chair does not cover their own area).
 */
@Injectable()
export class ChairsStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async get(sub: string): Promise<ChairView> {
    return guardingPersonalData(async () => {
      const chair = await this.read(this.dataSource.manager, sub);
      if (!chair) throw chairNotFound();
      return chair;
    });
  }

  /** Creates or replaces the chair's details and home areas. An area another chair holds is a 409. */
  async put(sub: string, input: ChairInput, hooks: ChairWriteHooks = {}): Promise<ChairView> {
    return guardingPersonalData(async () => {
      try {
        return await this.dataSource.transaction(async (tx) => {
          const held: { area: string }[] = await tx.query(
            `SELECT area FROM chair_home_area WHERE area = ANY($1::text[]) AND chair_sub <> $2 ORDER BY area`,
            [input.homeAreas, sub],
          );
          if (held.length > 0) throw areaTaken(held.map((row) => row.area));
          const now = this.clock.now();
          await tx.query(
            `INSERT INTO chair (sub, display_name, email, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
             ON CONFLICT (sub) DO UPDATE SET display_name = EXCLUDED.display_name, email = EXCLUDED.email,
               updated_at = EXCLUDED.updated_at`,
            [sub, input.displayName, input.email, now],
          );
          await tx.query(`DELETE FROM chair_home_area WHERE chair_sub = $1`, [sub]);
          await tx.query(`INSERT INTO chair_home_area (area, chair_sub) SELECT unnest($1::text[]), $2`, [
            input.homeAreas,
            sub,
          ]);
          await hooks.alsoInTransaction?.(tx);
          return (await this.read(tx, sub))!;
        });
      } catch (error) {
        // Another chair took one of the areas between our look and our insert.
        if (pgCode(error) === PG.uniqueViolation && pgConstraint(error) === 'chair_home_area_pkey') {
          throw areaTaken(input.homeAreas);
        }
        throw error;
      }
    });
  }

  /** Records that the chair covers an area from one date to another (both included). */
  async addCover(
    sub: string,
    cover: { area: string; from: string; to: string; by: string },
    hooks: ChairWriteHooks = {},
  ): Promise<CoverView> {
    return this.insertRange(sub, 'chair_cover', cover, hooks, async (tx) => {
      const home: { area: string }[] = await tx.query(
        `SELECT area FROM chair_home_area WHERE chair_sub = $1 AND area = $2`,
        [sub, cover.area],
      );
      if (home.length > 0) {
        throw new DomainError(DomainErrorCode.GuardRejected, 'A chair does not cover an area they chair.', {
          rules: ['coverOfAnotherArea'],
        });
      }
    }).then(coverView);
  }

  /** Records an absence (whole days, both included) and answers the bookings it falls on, to be moved. */
  async addAbsence(
    sub: string,
    absence: { from: string; to: string; by: string },
    hooks: ChairWriteHooks = {},
  ): Promise<AbsenceView & { bookingsToMove: BookingView[] }> {
    let bookingsToMove: BookingView[] = [];
    const row = await this.insertRange(sub, 'chair_absence', absence, hooks, async (tx) => {
      bookingsToMove = await bookingsBetween(tx, 'chair_booking', 'chair_sub', sub, absence.from, absence.to);
    });
    return { ...absenceView(row), bookingsToMove };
  }

  /** What the chair-assignment rule needs for an area on a date: its chair, its covers, their absences. */
  async assignmentFacts(area: string, on: string): Promise<ChairAssignmentFacts> {
    return guardingPersonalData(async () => {
      const chairs: { sub: string; home_areas: string[] }[] = await this.dataSource.query(
        `SELECT c.sub, ARRAY(SELECT h.area FROM chair_home_area h WHERE h.chair_sub = c.sub ORDER BY h.area) AS home_areas
           FROM chair c
          WHERE c.sub IN (SELECT chair_sub FROM chair_home_area WHERE area = $1
                          UNION SELECT chair_sub FROM chair_cover WHERE area = $1 AND from_date <= $2 AND to_date >= $2)`,
        [area, on],
      );
      const covers: RangeRow[] = await this.dataSource.query(
        `SELECT id, chair_sub, area, to_char(from_date, 'YYYY-MM-DD') AS from_date, to_char(to_date, 'YYYY-MM-DD') AS to_date
           FROM chair_cover WHERE area = $1 AND from_date <= $2 AND to_date >= $2`,
        [area, on],
      );
      const absences: RangeRow[] = await this.dataSource.query(
        `SELECT id, chair_sub, to_char(from_date, 'YYYY-MM-DD') AS from_date, to_char(to_date, 'YYYY-MM-DD') AS to_date
           FROM chair_absence WHERE chair_sub = ANY($1::text[]) AND from_date <= $2 AND to_date >= $2`,
        [chairs.map((chair) => chair.sub), on],
      );
      return {
        area,
        on,
        chairs: chairs.map((chair) => ({ sub: chair.sub, homeAreas: chair.home_areas })),
        covers: covers.map(coverView),
        absences: absences.map(absenceView),
      };
    });
  }

  /** The chair's display name, for an answer that names who chairs. */
  async displayName(sub: string): Promise<string | undefined> {
    const rows: { display_name: string }[] = await this.dataSource.query(`SELECT display_name FROM chair WHERE sub = $1`, [sub]);
    return rows[0]?.display_name;
  }

  /** The areas the chair covers on the date (Europe/London): what area scoping adds to the token's claims. */
  async areasCoveredOn(sub: string, on: string): Promise<string[]> {
    const rows: { area: string }[] = await this.dataSource.query(
      `SELECT DISTINCT area FROM chair_cover WHERE chair_sub = $1 AND to_date >= $2 AND from_date <= $2 ORDER BY area`,
      [sub, on],
    );
    return rows.map((row) => row.area);
  }

  /** The chair's absences and standing bookings from one date to another: what free slots leave out. */
  async diary(sub: string, from: string, to: string): Promise<{ absences: AbsenceView[]; bookings: BookingView[] }> {
    return guardingPersonalData(async () => {
      if (!(await this.exists(this.dataSource.manager, sub))) throw chairNotFound();
      const absences: RangeRow[] = await this.dataSource.query(
        `SELECT id, chair_sub, to_char(from_date, 'YYYY-MM-DD') AS from_date, to_char(to_date, 'YYYY-MM-DD') AS to_date
           FROM chair_absence WHERE chair_sub = $1 AND to_date >= $2 AND from_date <= $3 ORDER BY from_date`,
        [sub, from, to],
      );
      const bookings = await bookingsBetween(this.dataSource.manager, 'chair_booking', 'chair_sub', sub, from, to);
      return { absences: absences.map(absenceView), bookings };
    });
  }

  // ---------------------------------------------------------------------------------------

  private async exists(manager: EntityManager, sub: string, lock = false): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM chair WHERE sub = $1${lock ? ' FOR UPDATE' : ''}`, [sub]);
    return rows.length > 0;
  }

  private async insertRange(
    sub: string,
    table: 'chair_cover' | 'chair_absence',
    range: { area?: string; from: string; to: string; by: string },
    hooks: ChairWriteHooks,
    check: (tx: EntityManager) => Promise<void>,
  ): Promise<RangeRow> {
    return guardingPersonalData(async () => {
      try {
        return await this.dataSource.transaction(async (tx) => {
          if (!(await this.exists(tx, sub, true))) throw chairNotFound();
          await check(tx);
          const area = table === 'chair_cover' ? ', area' : '';
          const rows: RangeRow[] = await tx.query(
            `INSERT INTO ${table} (id, chair_sub${area}, from_date, to_date, created_at, created_by)
             VALUES ($1, $2${area ? ', $7' : ''}, $3, $4, $5, $6)
             RETURNING id, chair_sub${area}, to_char(from_date, 'YYYY-MM-DD') AS from_date, to_char(to_date, 'YYYY-MM-DD') AS to_date`,
            [randomUUID(), sub, range.from, range.to, this.clock.now(), range.by, ...(area ? [range.area] : [])],
          );
          await hooks.alsoInTransaction?.(tx);
          return rows[0];
        });
      } catch (error) {
        if (pgCode(error) === PG.exclusionViolation) {
          throw new DomainError(
            DomainErrorCode.Conflict,
            table === 'chair_cover'
              ? 'Another chair already covers that area on some of those dates.'
              : 'The chair already has an absence on some of those dates.',
          );
        }
        throw error;
      }
    });
  }

  private async read(manager: EntityManager, sub: string): Promise<ChairView | undefined> {
    const rows: ChairRow[] = await manager.query(
      `SELECT c.sub, c.display_name, c.email, c.created_at, c.updated_at,
              ARRAY(SELECT h.area FROM chair_home_area h WHERE h.chair_sub = c.sub ORDER BY h.area) AS home_areas
         FROM chair c WHERE c.sub = $1`,
      [sub],
    );
    const row = rows[0];
    if (!row) return undefined;
    const today = dateInLondon(this.clock.now());
    const covers: RangeRow[] = await manager.query(
      `SELECT id, chair_sub, area, to_char(from_date, 'YYYY-MM-DD') AS from_date, to_char(to_date, 'YYYY-MM-DD') AS to_date
         FROM chair_cover WHERE chair_sub = $1 AND to_date >= $2 ORDER BY from_date, area`,
      [sub, today],
    );
    const absences: RangeRow[] = await manager.query(
      `SELECT id, chair_sub, to_char(from_date, 'YYYY-MM-DD') AS from_date, to_char(to_date, 'YYYY-MM-DD') AS to_date
         FROM chair_absence WHERE chair_sub = $1 AND to_date >= $2 ORDER BY from_date`,
      [sub, today],
    );
    return {
      sub: row.sub,
      displayName: row.display_name,
      email: row.email,
      homeAreas: row.home_areas,
      covers: covers.map(coverView),
      absences: absences.map(absenceView),
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  }
}

function areaTaken(areas: string[]): DomainError {
  return new DomainError(DomainErrorCode.Conflict, `Another chair already chairs ${areas.join(', ')}.`, {
    errors: [{ field: 'homeAreas', messages: ['each area has one chair: another chair holds one of these'] }],
  });
}
