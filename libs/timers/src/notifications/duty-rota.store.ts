import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CLOCK, Clock, DomainError, DomainErrorCode } from '@app/workflows';
import { RecipientKind, WHOLE_AUTHORITY } from './recipients';

/** A team that can be told: one per area (or the whole authority) and recipient kind, with its shared address. */
export interface TeamInput {
  area: string;
  recipient: RecipientKind;
  name: string;
  fallbackEmail: string;
  /** Whose inbox gets the team's items when nobody is on the rota (a team lead's subject id), if anyone's. */
  fallbackSubject: string | null;
}

export interface TeamView extends TeamInput {
  id: string;
  createdAt: string;
  updatedAt: string;
}

/** One person on duty on one date: the identity provider's subject id and a work address. */
export interface RotaEntry {
  date: string;
  subject: string;
  email: string;
}

export interface RotaView {
  area: string;
  recipient: RecipientKind;
  from: string;
  to: string;
  entries: RotaEntry[];
}

/** Who to tell: the people on the rota that day, else the team's own address, else nobody (an incident). */
export type Resolution =
  | { via: 'rota'; team: TeamView; people: { subject: string | null; email: string }[] }
  | { via: 'team'; team: TeamView; people: { subject: string | null; email: string }[] }
  | { via: 'none' };

export interface WriteHooks {
  /** Runs inside the write's transaction (the access log row). */
  alsoInTransaction?: (tx: EntityManager) => Promise<void>;
}

interface TeamRow {
  id: string;
  area: string;
  recipient: RecipientKind;
  name: string;
  fallback_email: string;
  fallback_subject: string | null;
  created_at: Date;
  updated_at: Date;
}

const TEAM_COLUMNS = 'id, area, recipient, name, fallback_email, fallback_subject, created_at, updated_at';

const teamView = (row: TeamRow): TeamView => ({
  id: row.id,
  area: row.area,
  recipient: row.recipient,
  name: row.name,
  fallbackEmail: row.fallback_email,
  fallbackSubject: row.fallback_subject,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const teamNotFound = () => new DomainError(DomainErrorCode.NotFound, 'Team not found');

/** Teams and the duty rota: who is told, per area, recipient kind and date. Staff contact details only. */
@Injectable()
export class DutyRotaStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Creates the team for its area and recipient kind, or replaces its name and addresses. */
  async putTeam(input: TeamInput, hooks: WriteHooks = {}): Promise<{ team: TeamView; created: boolean }> {
    return this.dataSource.transaction(async (tx) => {
      const now = this.clock.now();
      const [row] = (await tx.query(
        `INSERT INTO notification_team (id, area, recipient, name, fallback_email, fallback_subject, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
         ON CONFLICT (area, recipient) DO UPDATE
           SET name = EXCLUDED.name, fallback_email = EXCLUDED.fallback_email,
               fallback_subject = EXCLUDED.fallback_subject, updated_at = EXCLUDED.updated_at
         RETURNING ${TEAM_COLUMNS}, (xmax = 0) AS created`,
        [
          randomUUID(),
          input.area,
          input.recipient,
          input.name,
          input.fallbackEmail,
          input.fallbackSubject,
          now,
        ],
      )) as (TeamRow & { created: boolean })[];
      await hooks.alsoInTransaction?.(tx);
      return { team: teamView(row!), created: row!.created };
    });
  }

  async listTeams(filter: { area?: string; recipient?: RecipientKind } = {}): Promise<TeamView[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${TEAM_COLUMNS} FROM notification_team
        WHERE ($1::text IS NULL OR area = $1) AND ($2::text IS NULL OR recipient = $2)
        ORDER BY area, recipient`,
      [filter.area ?? null, filter.recipient ?? null],
    )) as TeamRow[];
    return rows.map(teamView);
  }

  /**
   * Replaces the team's rota for every date from `from` to `to` (inclusive) with `entries`: a date
   * in the range without entries ends with nobody on duty, dates outside it are left alone.
   */
  async replaceRota(
    area: string,
    recipient: RecipientKind,
    range: { from: string; to: string },
    entries: RotaEntry[],
    hooks: WriteHooks = {},
  ): Promise<RotaView> {
    return this.dataSource.transaction(async (tx) => {
      const team = await this.lockTeam(tx, area, recipient);
      await tx.query(`DELETE FROM duty_rota_entry WHERE team_id = $1 AND on_date BETWEEN $2 AND $3`, [
        team.id,
        range.from,
        range.to,
      ]);
      if (entries.length > 0) {
        const now = this.clock.now();
        const params: unknown[] = [team.id, now];
        const values = entries.map((entry) => {
          params.push(randomUUID(), entry.date, entry.subject, entry.email);
          const n = params.length;
          return `($${n - 3}, $1, $${n - 2}, $${n - 1}, $${n}, $2)`;
        });
        await tx.query(
          `INSERT INTO duty_rota_entry (id, team_id, on_date, subject, email, created_at) VALUES ${values.join(', ')}`,
          params,
        );
      }
      await hooks.alsoInTransaction?.(tx);
      return this.readRotaOf(tx, team, range);
    });
  }

  async readRota(
    area: string,
    recipient: RecipientKind,
    range: { from: string; to: string },
  ): Promise<RotaView> {
    const team = await this.findTeam(this.dataSource.manager, area, recipient);
    if (!team) throw teamNotFound();
    return this.readRotaOf(this.dataSource.manager, team, range);
  }

  /**
   * Who to tell about a workflow in `area` on `date`: the area's own team of that kind, else the
   * whole authority's; the people on its rota that day, else the team's address.
   */
  async resolve(
    manager: EntityManager,
    area: string | null,
    recipient: RecipientKind,
    date: string,
  ): Promise<Resolution> {
    const rows = (await manager.query(
      `SELECT ${TEAM_COLUMNS} FROM notification_team
        WHERE recipient = $1 AND area = ANY($2)
        ORDER BY (area = $3) LIMIT 1`,
      [recipient, area === null ? [WHOLE_AUTHORITY] : [area, WHOLE_AUTHORITY], WHOLE_AUTHORITY],
    )) as TeamRow[];
    if (!rows[0]) return { via: 'none' };
    const team = teamView(rows[0]);
    const onDuty = (await manager.query(
      `SELECT subject, email FROM duty_rota_entry WHERE team_id = $1 AND on_date = $2 ORDER BY subject`,
      [team.id, date],
    )) as { subject: string; email: string }[];
    if (onDuty.length > 0) return { via: 'rota', team, people: onDuty };
    return { via: 'team', team, people: [{ subject: team.fallbackSubject, email: team.fallbackEmail }] };
  }

  private async findTeam(
    manager: EntityManager,
    area: string,
    recipient: RecipientKind,
  ): Promise<TeamView | undefined> {
    const rows = (await manager.query(
      `SELECT ${TEAM_COLUMNS} FROM notification_team WHERE area = $1 AND recipient = $2`,
      [area, recipient],
    )) as TeamRow[];
    return rows[0] && teamView(rows[0]);
  }

  /** Two replacements of the same team's rota run one after the other, never interleaved. */
  private async lockTeam(tx: EntityManager, area: string, recipient: RecipientKind): Promise<TeamView> {
    const rows = (await tx.query(
      `SELECT ${TEAM_COLUMNS} FROM notification_team WHERE area = $1 AND recipient = $2 FOR UPDATE`,
      [area, recipient],
    )) as TeamRow[];
    if (!rows[0]) throw teamNotFound();
    return teamView(rows[0]);
  }

  private async readRotaOf(
    manager: EntityManager,
    team: TeamView,
    range: { from: string; to: string },
  ): Promise<RotaView> {
    const rows = (await manager.query(
      `SELECT on_date::text AS date, subject, email FROM duty_rota_entry
        WHERE team_id = $1 AND on_date BETWEEN $2 AND $3 ORDER BY on_date, subject`,
      [team.id, range.from, range.to],
    )) as RotaEntry[];
    return { area: team.area, recipient: team.recipient, from: range.from, to: range.to, entries: rows };
  }
}
