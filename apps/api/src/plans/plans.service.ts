import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessLogService, AppConfig, PeopleStore } from '@app/persistence';
import {
  CLOCK,
  type Clock,
  dateInLondon,
  DomainError,
  DomainErrorCode,
  PLAN_EVENTS as E,
  type PlanContext,
  personRecordProblems,
  postBirthReviewDueDate,
  WorkingDayCalendar,
} from '@app/workflows';
import { type AuthenticatedRequest, scopeAreas, throwIfAreaOutside } from '../auth';
import { toResolve } from '../people/people.service';
import { accessEntry, type DomainWorkflow, DomainWorkflows } from '../workflows/domain-workflow.service';
import { transitionView } from '../conferences/conference.view';
import { PLAN_WORKFLOW } from './plan.workflow';
import { PlanStore } from './plan.store';
import { planView } from './plan.view';
import type {
  BirthDto,
  CensusQuery,
  CoreGroupMetDto,
  EndPlanDto,
  LeadSocialWorkerDto,
  ListPlansQuery,
  PreviousPlansDto,
  RegisterQuery,
} from './plans.dto';

const invalid = (field: string, message: string) =>
  new DomainError(DomainErrorCode.InvalidInput, message, { errors: [{ field, messages: [message] }] });

/**
 * Child protection plans in the domain's terms: each write one event on the plan's workflow
 * through the domain-workflow layer. A plan is started only by the conference that made it (its
 * decision, through the engine); the review conference continues or ends it. Here: the core
 * group, previous plans, the birth (the child's new record through the person store: the date of
 * birth stays there, the plan gets the post-birth due date), an end without a conference; the
 * register and the census from the read models.
 */
@Injectable()
export class PlansService {
  private readonly workflow: DomainWorkflow;

  constructor(
    domainWorkflows: DomainWorkflows,
    private readonly store: PlanStore,
    private readonly people: PeopleStore,
    private readonly accessLog: AccessLogService,
    private readonly config: AppConfig,
    private readonly calendar: WorkingDayCalendar,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.workflow = domainWorkflows.for(PLAN_WORKFLOW);
  }

  async get(req: AuthenticatedRequest, id: string) {
    return planView(await this.workflow.read(req, id));
  }

  list(req: AuthenticatedRequest, query: ListPlansQuery) {
    if (query.child !== undefined && query.household !== undefined) {
      throw invalid('household', 'a list is of a child or of a household, not both');
    }
    const subject = query.child ?? query.household;
    return this.workflow.list(req, (areas) =>
      this.store.list({ subject, status: query.status, areas, cursor: query.cursor, limit: query.limit }),
    );
  }

  async coreGroupMet(req: AuthenticatedRequest, id: string, dto: CoreGroupMetDto, key: string | undefined) {
    return transitionView(await this.workflow.send(req, id, E.coreGroupMet, { ...dto }, key));
  }

  async previousPlans(req: AuthenticatedRequest, id: string, dto: PreviousPlansDto, key: string | undefined) {
    return transitionView(await this.workflow.send(req, id, E.previousPlansRecorded, { ...dto }, key));
  }

  async end(req: AuthenticatedRequest, id: string, dto: EndPlanDto, key: string | undefined) {
    return transitionView(await this.workflow.send(req, id, E.endedWithoutConference, { ...dto }, key));
  }

  /** A new lead social worker: a person on record (400 otherwise), shown on the register from now. */
  async changeLeadSocialWorker(
    req: AuthenticatedRequest,
    id: string,
    dto: LeadSocialWorkerDto,
    key: string | undefined,
  ) {
    await this.workflow.recordFor(req, id);
    await this.people
      .get(dto.personId, () => undefined)
      .catch(() => {
        throw invalid('personId', 'personId names no person on record');
      });
    return transitionView(await this.workflow.send(req, id, E.leadSocialWorkerChanged, { ...dto }, key));
  }

  /**
   * The birth of the unborn child a plan is held for: the child's record found or created in the
   * person store (checked whole first, so refused input creates no one), the post-birth due date
   * computed from the date of birth; the plan gets the person id and that date only.
   */
  async birth(req: AuthenticatedRequest, id: string, dto: BirthDto, key: string | undefined) {
    const plan = (await this.workflow.recordFor(req, id)).context as unknown as PlanContext;
    const today = dateInLondon(this.clock.now());
    const person = toResolve(dto.person);
    if (person.kind !== 'child') throw invalid('person.kind', 'the born child is a child');
    if (!person.dateOfBirth) throw invalid('person.dateOfBirth', 'the date of birth is given');
    if (!dto.person.externalIds?.length)
      throw invalid(
        'person.externalIds',
        'the child is named by at least one external id, so a retry finds them',
      );
    if (person.dateOfBirth < plan.startDate)
      throw invalid('person.dateOfBirth', 'the birth is not before the plan started');
    const problems = personRecordProblems(person, today);
    if (problems.length > 0) {
      throw new DomainError(DomainErrorCode.InvalidInput, 'The child’s record is not valid.', {
        errors: problems.map((p) => ({ ...p, field: `person.${p.field}` })),
      });
    }
    // Recorded already: only a retry of that very request goes on (answered from the journal).
    if (!plan.child.unborn && !(key && (await this.store.hasEvent(id, key)))) {
      throw new DomainError(DomainErrorCode.Conflict, 'The plan is not held for an unborn child.');
    }
    const postBirthDueDate = postBirthReviewDueDate(person.dateOfBirth, this.config.statutory, this.calendar);
    const [child] = await this.dataSource.transaction((tx) => this.people.resolve(tx, [person], plan.area));
    return transitionView(
      await this.workflow.send(
        req,
        id,
        E.birthRecorded,
        { childPersonId: child!.id, postBirthDueDate },
        key,
        {
          // The child's record is kept while the plan names them (erasure is refused).
          alsoInTransaction: (tx) =>
            this.people.reference(tx, [child!.id], { type: 'child-protection-plan', id, area: plan.area }),
        },
      ),
    );
  }

  /** The children on a plan now, in the caller's areas (or one of them), soonest review first. Logged. */
  async register(req: AuthenticatedRequest, query: RegisterQuery) {
    const areas = this.areasFor(req, query.area);
    const [reviewDue, planId] = query.cursor?.split('~') ?? [];
    const limit = query.limit ?? 50;
    const { entries, more } = await this.store.register(
      areas,
      limit,
      reviewDue && planId ? { reviewDue, planId } : undefined,
    );
    await this.accessLog.record(accessEntry(req, 'read', 'child-protection-register', query.area ?? 'all'));
    const last = entries.at(-1);
    return {
      items: entries,
      nextCursor: more && last?.reviewDue ? `${last.reviewDue}~${last.planId}` : null,
    };
  }

  /** The census's child protection figures for a period, in the caller's areas (or one). Logged. */
  async census(req: AuthenticatedRequest, query: CensusQuery) {
    if (query.to < query.from) throw invalid('to', 'to is on or after from');
    const areas = this.areasFor(req, query.area);
    const figures = await this.store.census(query.from, query.to, areas);
    await this.accessLog.record(
      accessEntry(req, 'read', 'census-return', `${query.from}..${query.to}:${query.area ?? 'all'}`),
    );
    return figures;
  }

  private areasFor(req: AuthenticatedRequest, area: string | undefined): string[] | 'all' {
    if (area === undefined) return scopeAreas(req.principal);
    throwIfAreaOutside(req.principal, area);
    return [area];
  }
}
