import { applyDecorators, Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedRequest } from '../auth';
import { POLICY, Roles } from '../auth';
import { IdempotencyKey } from '../http/idempotency-key';
import { ApiProblems } from '../http/openapi';
import { IdParam } from '../http/params';
import {
  BirthDto,
  CensusQuery,
  CoreGroupMetDto,
  EndPlanDto,
  LeadSocialWorkerDto,
  ListPlansQuery,
  PreviousPlansDto,
  RegisterQuery,
} from './plans.dto';
import {
  CensusDto,
  PlanSummaryPageDto,
  PlanTransitionDto,
  PlanViewDto,
  RegisterPageDto,
} from './plans.responses';
import { PlansService } from './plans.service';

const ActionAnswers = () =>
  applyDecorators(HttpCode(200), ApiOkResponse({ type: PlanTransitionDto }), ApiProblems(400, 404, 409, 422));

/**
 * Child protection plans, one per child per plan: started by the conference that made them and
 * continued or ended by the household's review conference. Each action is one event on the
 * plan's workflow. 404 for a plan missing or outside your areas.
 */
@ApiTags('plans')
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get()
  @Roles(POLICY.readPlans)
  @ApiOkResponse({ type: PlanSummaryPageDto })
  @ApiProblems(400)
  @ApiOperation({ summary: 'Plans in your areas, of a child or a household, newest change first.' })
  list(@Req() req: AuthenticatedRequest, @Query() query: ListPlansQuery) {
    return this.plans.list(req, query);
  }

  @Get(':id')
  @Roles(POLICY.readPlans)
  @ApiOkResponse({ type: PlanViewDto })
  @ApiProblems(400, 404)
  @ApiOperation({
    summary: 'One plan: the child by person id, categories, core group, reviews, previous plans.',
  })
  get(@Req() req: AuthenticatedRequest, @IdParam() id: string) {
    return this.plans.get(req, id);
  }

  @Post(':id/core-group')
  @Roles(POLICY.recordPlanEvents)
  @ActionAnswers()
  @ApiOperation({ summary: 'The core group met, on the date given.' })
  coreGroupMet(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body() body: CoreGroupMetDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.plans.coreGroupMet(req, id, body, key);
  }

  @Post(':id/previous-plans')
  @Roles(POLICY.recordPreviousPlans)
  @ActionAnswers()
  @ApiOperation({
    summary: 'Earlier plans from before the service or in another authority (a co-ordinator).',
  })
  previousPlans(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body() body: PreviousPlansDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.plans.previousPlans(req, id, body, key);
  }

  @Post(':id/birth')
  @Roles(POLICY.recordPlanEvents)
  @ActionAnswers()
  @ApiOperation({
    summary:
      "An unborn child's birth: the child's new person record; the plan becomes the child's, a review or core group due within postBirthReviewWorkingDays (10) of the birth.",
  })
  birth(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body() body: BirthDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.plans.birth(req, id, body, key);
  }

  @Post(':id/lead-social-worker')
  @Roles(POLICY.assignLeadSocialWorkers)
  @ActionAnswers()
  @ApiOperation({ summary: "The plan's lead social worker changed (a person on record), with their team." })
  changeLeadSocialWorker(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body() body: LeadSocialWorkerDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.plans.changeLeadSocialWorker(req, id, body, key);
  }

  @Post(':id/ending')
  @Roles(POLICY.endPlans)
  @ActionAnswers()
  @ApiOperation({
    summary:
      'Ended without a conference (moved and a new authority took over, turned 18, left the UK, became looked after, died): everyone invited is told.',
  })
  end(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body() body: EndPlanDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.plans.end(req, id, body, key);
  }
}

/** The child protection register: the children on a plan now, by area. */
@ApiTags('plans')
@Controller('register')
export class RegisterController {
  constructor(private readonly plans: PlansService) {}

  @Get()
  @Roles(POLICY.readRegister)
  @ApiOkResponse({ type: RegisterPageDto })
  @ApiProblems(400)
  @ApiOperation({
    summary:
      'Children on a plan now in your areas (or one): start date, initial and latest category, lead social worker, review due (soonest first).',
  })
  register(@Req() req: AuthenticatedRequest, @Query() query: RegisterQuery) {
    return this.plans.register(req, query);
  }
}

/** Statutory returns. */
@ApiTags('plans')
@Controller('returns')
export class ReturnsController {
  constructor(private readonly plans: PlansService) {}

  @Get('census')
  @Roles(POLICY.readCensusReturns)
  @ApiOkResponse({ type: CensusDto })
  @ApiProblems(400)
  @ApiOperation({
    summary:
      "The Children in Need census's child protection figures for a period: plans started (by category, with previous plans), ended, reviews and initial conferences within timescale.",
  })
  census(@Req() req: AuthenticatedRequest, @Query() query: CensusQuery) {
    return this.plans.census(req, query);
  }
}
