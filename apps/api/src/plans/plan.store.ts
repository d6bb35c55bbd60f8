import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Page, WorkflowEngine } from '@app/persistence';
import { PLAN_TYPE } from '@app/workflows';

export interface PlanSummary {
  id: string;
  reference: string | null;
  area: string | null;
  state: string;
  workflowStatus: 'active' | 'done';
  childPersonId: string;
  startDate: string;
  latestCategory: string;
  reviewDue: string | null;
  endDate: string | null;
  updatedAt: string;
}

export interface RegisterEntry {
  planId: string;
  reference: string;
  area: string;
  childPersonId: string;
  unborn: boolean;
  householdId: string;
  startDate: string;
  initialCategory: string;
  latestCategory: string;
  leadSocialWorkerPersonId: string;
  leadTeamId: string;
  reviewDue: string | null;
  coreGroupDue: string | null;
  previousPlans: number;
  transferringAuthorityId: string | null;
}

export interface CensusFigures {
  from: string;
  to: string;
  areas: string[] | 'all';
  plansStarted: number;
  plansStartedByCategory: Record<'NEG' | 'PHY' | 'SAB' | 'EMO' | 'MUL', number>;
  plansStartedWithPreviousPlans: number;
  plansEnded: number;
  onPlanAtEnd: number;
  initialConferences: number;
  initialConferencesWithinTimescale: number;
  reviewConferences: number;
  reviewConferencesWithinTimescale: number;
}

const CODES = ['NEG', 'PHY', 'SAB', 'EMO', 'MUL'] as const;

/**
 * The SQL of plans beyond the engine's: a child's plans through the subject index, and the
 * register and census read models (plan_register, conference_record) the engine keeps in each
 * transition's statement. Every query is on indexed columns, for the caller's areas only.
 */
@Injectable()
export class PlanStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: WorkflowEngine,
  ) {}

  /**
   * A child's plans in the service, newest first (found by the child's id or the id they had
   * before birth), leaving out those `startedBy` (a conference) started: at a decision these are
   * the earlier plans, and a retry of the decision counts the same.
   */
  async plansOfChild(childId: string, startedBy: string): Promise<{ id: string; status: string }[]> {
    return (await this.dataSource.query(
      `SELECT w.id, w.status FROM workflow_instance w
        WHERE w.type = $1 AND w.parent_id IS DISTINCT FROM $3::uuid
          AND w.id IN (SELECT workflow_id FROM workflow_subject WHERE subject_id = $2 AND kind IN ('child', 'unborn-child'))
        ORDER BY w.created_at DESC, w.id`,
      [PLAN_TYPE, childId, startedBy],
    )) as { id: string; status: string }[];
  }

  /** Whether the workflow's journal holds an event with this id (a retry of a request already recorded). */
  async hasEvent(workflowId: string, eventId: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM workflow_journal WHERE workflow_id = $1 AND event_id = $2`,
      [workflowId, eventId],
    )) as unknown[];
    return rows.length > 0;
  }

  async list(filters: {
    subject?: string;
    status?: 'active' | 'done';
    areas: string[] | 'all';
    cursor?: string;
    limit?: number;
  }): Promise<Page<PlanSummary>> {
    const page = await this.engine.list<{
      child: string;
      startDate: string;
      latestCategory: string;
      reviewDue: string | null;
      endDate: string | null;
    }>(
      { type: PLAN_TYPE, ...filters },
      {
        columns: {
          child: `snapshot #>> '{context,child,personId}'`,
          startDate: `snapshot #>> '{context,startDate}'`,
          latestCategory: `snapshot #>> '{context,latestCategoryCode}'`,
          reviewDue: `CASE WHEN status = 'active' THEN snapshot #>> '{context,clocks,nextReviewDueDate}' END`,
          endDate: `snapshot #>> '{context,ending,endDate}'`,
        },
      },
    );
    return {
      items: page.items.map((item) => ({
        id: item.id,
        reference: item.reference,
        area: item.area,
        state: item.state,
        workflowStatus: item.status,
        childPersonId: item.extra.child,
        startDate: item.extra.startDate,
        latestCategory: item.extra.latestCategory,
        reviewDue: item.extra.reviewDue,
        endDate: item.extra.endDate,
        updatedAt: item.updatedAt,
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** The children on a plan now, in the given areas, the review due soonest first. */
  async register(areas: string[] | 'all', limit: number, after?: { reviewDue: string; planId: string }) {
    const rows = (await this.dataSource.query(
      `SELECT workflow_id, reference, area, child_person_id, unborn, household_id, start_date::text, initial_category,
              latest_category, lead_social_worker_person_id, lead_team_id, review_due::text, core_group_due::text,
              previous_plans, transferring_authority_id
         FROM plan_register
        WHERE on_plan AND ($1::text[] IS NULL OR area = ANY($1))
          AND ($2::date IS NULL OR (review_due, workflow_id) > ($2::date, $3::uuid))
        ORDER BY review_due, workflow_id
        LIMIT $4`,
      [areas === 'all' ? null : areas, after?.reviewDue ?? null, after?.planId ?? null, limit + 1],
    )) as Record<string, unknown>[];
    const entries: RegisterEntry[] = rows.slice(0, limit).map((r) => ({
      planId: r.workflow_id as string,
      reference: r.reference as string,
      area: r.area as string,
      childPersonId: r.child_person_id as string,
      unborn: r.unborn as boolean,
      householdId: r.household_id as string,
      startDate: r.start_date as string,
      initialCategory: r.initial_category as string,
      latestCategory: r.latest_category as string,
      leadSocialWorkerPersonId: r.lead_social_worker_person_id as string,
      leadTeamId: r.lead_team_id as string,
      reviewDue: (r.review_due as string | null) ?? null,
      coreGroupDue: (r.core_group_due as string | null) ?? null,
      previousPlans: r.previous_plans as number,
      transferringAuthorityId: (r.transferring_authority_id as string | null) ?? null,
    }));
    return { entries, more: rows.length > limit };
  }

  /**
   * The census's child protection figures for [from, to]: plans started (by initial category,
   * and those with previous plans), ended, on a plan at the end of the period; initial
   * conferences held within their statutory due date (icpcWorkingDays of the strategy discussion,
   * 15), and review conferences within theirs. Counted per child where the census counts children.
   */
  async census(from: string, to: string, areas: string[] | 'all'): Promise<CensusFigures> {
    const scope = areas === 'all' ? null : areas;
    const [plans] = (await this.dataSource.query(
      `SELECT
         count(*) FILTER (WHERE start_date BETWEEN $1 AND $2)::int AS started,
         ${CODES.map((c) => `count(*) FILTER (WHERE start_date BETWEEN $1 AND $2 AND initial_category = '${c}')::int AS "${c}"`).join(', ')},
         count(*) FILTER (WHERE start_date BETWEEN $1 AND $2 AND previous_plans > 0)::int AS with_previous,
         count(*) FILTER (WHERE end_date BETWEEN $1 AND $2)::int AS ended,
         count(*) FILTER (WHERE start_date <= $2 AND (end_date IS NULL OR end_date > $2))::int AS on_plan
         FROM plan_register
        WHERE ($3::text[] IS NULL OR area = ANY($3)) AND (start_date <= $2)`,
      [from, to, scope],
    )) as Record<string, number>[];
    const [conferences] = (await this.dataSource.query(
      `SELECT
         coalesce(sum(children) FILTER (WHERE requested_kind = 'initial'), 0)::int AS initial,
         coalesce(sum(children) FILTER (WHERE requested_kind = 'initial' AND held_on <= statutory_due), 0)::int AS initial_in_time,
         coalesce(sum(children) FILTER (WHERE kind = 'review'), 0)::int AS reviews,
         coalesce(sum(children) FILTER (WHERE kind = 'review' AND held_on <= statutory_due), 0)::int AS reviews_in_time
         FROM conference_record
        WHERE decided AND held_on BETWEEN $1 AND $2 AND ($3::text[] IS NULL OR area = ANY($3))`,
      [from, to, scope],
    )) as Record<string, number>[];
    return {
      from,
      to,
      areas,
      plansStarted: plans!.started!,
      plansStartedByCategory: Object.fromEntries(
        CODES.map((c) => [c, plans![c]!]),
      ) as CensusFigures['plansStartedByCategory'],
      plansStartedWithPreviousPlans: plans!.with_previous!,
      plansEnded: plans!.ended!,
      onPlanAtEnd: plans!.on_plan!,
      initialConferences: conferences!.initial!,
      initialConferencesWithinTimescale: conferences!.initial_in_time!,
      reviewConferences: conferences!.reviews!,
      reviewConferencesWithinTimescale: conferences!.reviews_in_time!,
    };
  }
}
