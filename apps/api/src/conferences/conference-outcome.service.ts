import { Injectable } from '@nestjs/common';
import {
  type ConferenceContext,
  CONFERENCE_EVENTS as E,
  DomainError,
  DomainErrorCode,
  OUTCOME_EVENTS as O,
} from '@app/workflows';
import type { AuthenticatedRequest } from '../auth';
import { PlanStore } from '../plans/plan.store';
import { type DomainWorkflow, DomainWorkflows } from '../workflows/domain-workflow.service';
import { CONFERENCE_WORKFLOW } from './conference.workflow';
import { ConferenceStore } from './conference.store';
import { transitionView } from './conference.view';
import type {
  AdjournmentDto,
  AttendanceDto,
  DecisionDto,
  ExceptionalQuorumDto,
} from './conference-outcome.dto';

/**
 * Part 2 of a conference in the domain's terms: the sitting, attendance (answered with the
 * quoracy per child), adjournment, the exceptional quorum and the decision per child. Each is one
 * event on the conference's workflow through the domain-workflow layer. What the client must not
 * supply is found here: at a review, each child's plan (the subject index); for a new plan, the
 * count of the child's earlier plans in the service.
 */
@Injectable()
export class ConferenceOutcomeService {
  private readonly workflow: DomainWorkflow;

  constructor(
    domainWorkflows: DomainWorkflows,
    private readonly plans: PlanStore,
    private readonly store: ConferenceStore,
  ) {
    this.workflow = domainWorkflows.for(CONFERENCE_WORKFLOW);
  }

  /** The booked day has come: the conference sits. */
  async sit(req: AuthenticatedRequest, id: string, key: string | undefined) {
    return transitionView(await this.workflow.send(req, id, E.convened, {}, key));
  }

  /** Attendance, answered with the quoracy of the sitting it recorded, per child, naming what is missing. */
  async recordAttendance(req: AuthenticatedRequest, id: string, dto: AttendanceDto, key: string | undefined) {
    const result = await this.workflow.send(req, id, O.attendanceRecorded, { ...dto }, key);
    const context = await this.contextOf(req, id);
    // The sitting this attendance recorded: the current one, or (if adjourned since) the latest adjourned.
    const sitting = context.outcome.sitting ?? context.outcome.adjournedSittings.at(-1) ?? null;
    return {
      ...transitionView(result),
      quoracy: sitting?.quoracy ?? null,
      options: sitting?.options ?? null,
    };
  }

  /** Adjourned: back to scheduling with the new due date; the chair's and minute taker's time is freed. */
  async adjourn(req: AuthenticatedRequest, id: string, dto: AdjournmentDto, key: string | undefined) {
    const result = await this.workflow.send(req, id, O.adjourned, { ...dto }, key, {
      alsoInTransaction: (tx) => this.store.syncBookings(tx, id, req.principal.sub),
    });
    const context = await this.contextOf(req, id);
    return {
      ...transitionView(result),
      reconveneBy: context.outcome.adjournedSittings.at(-1)?.adjournment?.reconveneBy ?? null,
    };
  }

  async proceedExceptionally(
    req: AuthenticatedRequest,
    id: string,
    dto: ExceptionalQuorumDto,
    key: string | undefined,
  ) {
    return transitionView(await this.workflow.send(req, id, O.proceededExceptionally, { ...dto }, key));
  }

  /**
   * The decision for each child. At a review, a child on a plan is decided for that plan (found
   * by the subject index, never sent); a new plan carries the count of the child's earlier plans.
   */
  async decide(req: AuthenticatedRequest, id: string, dto: DecisionDto, key: string | undefined) {
    const context = await this.contextOf(req, id);
    const onPlans = new Set(context.outcome.childrenOnPlanIds);
    const children = [];
    for (const [i, decision] of dto.children.entries()) {
      const plans = await this.plans.plansOfChild(decision.childId, id);
      if (onPlans.has(decision.childId)) {
        const current = plans[0];
        if (!current) {
          throw new DomainError(
            DomainErrorCode.Conflict,
            `children.${i}: the child's plan is not started yet; retry with the same Idempotency-Key`,
          );
        }
        children.push({ ...decision, planWorkflowId: current.id });
      } else {
        children.push({ ...decision, ...(decision.plan ? { earlierPlansHere: plans.length } : {}) });
      }
    }
    return transitionView(await this.workflow.send(req, id, O.decisionRecorded, { children }, key));
  }

  private async contextOf(req: AuthenticatedRequest, id: string): Promise<ConferenceContext> {
    return (await this.workflow.recordFor(req, id)).context as unknown as ConferenceContext;
  }
}
