import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedRequest } from '../auth';
import { POLICY, Roles } from '../auth';
import { IdempotencyKey } from '../http/idempotency-key';
import { ApiProblems } from '../http/openapi';
import { IdParam } from '../http/params';
import {
  ForceStateDto,
  ListWorkflowsQuery,
  MigrateWorkflowDto,
  ReassignWorkflowDto,
  ResolveIncidentDto,
  SEND_EVENT_SCHEMA,
  StartWorkflowDto,
} from './workflows.dto';
import {
  InspectionEventDto,
  JournalEntryDto,
  TransitionResultDto,
  WorkflowDetailsDto,
  WorkflowSummaryPageDto,
  WorkflowTypeDto,
} from './workflows.responses';
import { WorkflowsService } from './workflows.service';

/**
 * The generic workflow API, for other council systems and for managers. Which types POST
 * /workflows and /events serve is written into their descriptions when the document is built
 * (configureApp): the registered types without a domain API.
 */
@ApiTags('workflows')
@Controller()
export class WorkflowsController {
  constructor(private readonly workflows: WorkflowsService) {}

  @Post('workflows')
  @Roles(POLICY.startWorkflows)
  @ApiOperation({ summary: 'Start a workflow of a registered type on its newest machine version.' })
  @ApiCreatedResponse({ type: TransitionResultDto })
  @ApiProblems(400, 404, 409, 422)
  start(@Req() req: AuthenticatedRequest, @Body() body: StartWorkflowDto, @IdempotencyKey() key?: string) {
    return this.workflows.start(req, body.type, body.input, key);
  }

  @Post('workflows/:id/events')
  @HttpCode(200)
  @Roles(POLICY.sendWorkflowEvents)
  @ApiOperation({
    summary: 'Send an event ({ type, ...payload }). 409: the state does not accept it; 422: a rule refuses it.',
  })
  // The payload's fields depend on the type and event (GET /workflow-types), so the body is read
  // as it comes and checked by the machine's payload class; the schema says what every event has.
  @ApiBody({ schema: SEND_EVENT_SCHEMA })
  @ApiOkResponse({ type: TransitionResultDto })
  @ApiProblems(400, 404, 409, 422)
  send(@Req() req: AuthenticatedRequest, @IdParam() id: string, @Body() body: unknown, @IdempotencyKey() key?: string) {
    return this.workflows.send(req, id, body, key);
  }

  @Post('workflows/:id/migrate')
  @HttpCode(200)
  @Roles(POLICY.forceWorkflows)
  @ApiOperation({ summary: "Move an instance to the next machine version through that version's migration (audited)." })
  @ApiOkResponse({ type: TransitionResultDto })
  @ApiProblems(400, 404, 409, 422)
  migrate(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body() body: MigrateWorkflowDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.workflows.migrate(req, id, body.toVersion, body.reason, key);
  }

  @Post('workflows/:id/force')
  @HttpCode(200)
  @Roles(POLICY.forceWorkflows)
  @ApiOperation({ summary: 'Move a stuck workflow to a state by force, with a reason (journaled; no actions run).' })
  @ApiOkResponse({ type: TransitionResultDto })
  @ApiProblems(400, 404, 409)
  force(@Req() req: AuthenticatedRequest, @IdParam() id: string, @Body() body: ForceStateDto, @IdempotencyKey() key?: string) {
    return this.workflows.force(req, id, body.toState, body.reason, key);
  }

  @Post('workflows/:id/reassign')
  @HttpCode(200)
  @Roles(POLICY.reassignWorkflows)
  @ApiOperation({
    summary: 'Assign the workflow to another member of staff (or to no one), with a reason (journaled; no state change).',
  })
  @ApiOkResponse({ type: TransitionResultDto })
  @ApiProblems(400, 404, 409)
  reassign(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body() body: ReassignWorkflowDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.workflows.reassign(req, id, body.assignee, body.reason, key);
  }

  @Post('workflows/:id/incidents/:incidentId/resolve')
  @HttpCode(200)
  @Roles(POLICY.forceWorkflows)
  @ApiOperation({ summary: 'Resolve an incident with a reason; with retry, its failed effect goes back to the outbox.' })
  @ApiOkResponse({ type: TransitionResultDto })
  @ApiProblems(400, 404, 409)
  resolveIncident(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @IdParam('incidentId') incidentId: string,
    @Body() body: ResolveIncidentDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.workflows.resolveIncident(req, id, incidentId, { reason: body.reason, retry: body.retry ?? false }, key);
  }

  @Get('workflows/:id')
  @Roles(POLICY.readWorkflows)
  @ApiOperation({ summary: 'State, context, version, allowed events, open deadlines, incidents.' })
  @ApiOkResponse({ type: WorkflowDetailsDto })
  @ApiProblems(400, 404)
  get(@Req() req: AuthenticatedRequest, @IdParam() id: string) {
    return this.workflows.get(req, id);
  }

  @Get('workflows/:id/history')
  @Roles(POLICY.readWorkflows)
  @ApiOperation({ summary: 'The journal: every event with actor, from-state, to-state and time.' })
  @ApiOkResponse({ type: [JournalEntryDto] })
  @ApiProblems(400, 404)
  history(@Req() req: AuthenticatedRequest, @IdParam() id: string) {
    return this.workflows.history(req, id);
  }

  @Get('workflows/:id/inspection')
  @Roles(POLICY.inspectWorkflows)
  @ApiOperation({
    summary:
      'For managers: the workflow as a Stately inspection trace (@statelyai/inspect format), rebuilt from its journal; states and event types only, no context values or payloads.',
  })
  @ApiOkResponse({ type: [InspectionEventDto] })
  @ApiProblems(400, 404)
  inspection(@Req() req: AuthenticatedRequest, @IdParam() id: string) {
    return this.workflows.inspection(req, id);
  }

  @Get('workflows')
  @Roles(POLICY.readWorkflows)
  @ApiOperation({
    summary: 'List workflows in your areas: filter by type, state, status, overdue, stuck, at risk, failed, subject.',
  })
  @ApiOkResponse({ type: WorkflowSummaryPageDto })
  @ApiProblems(400)
  list(@Req() req: AuthenticatedRequest, @Query() query: ListWorkflowsQuery) {
    return this.workflows.list(req, query);
  }

  @Get('workflow-types')
  @Roles(POLICY.readWorkflowTypes)
  @ApiOperation({ summary: 'Every registered machine and version, with its definition as JSON for drawing.' })
  @ApiOkResponse({ type: [WorkflowTypeDto] })
  types() {
    return this.workflows.types();
  }
}
