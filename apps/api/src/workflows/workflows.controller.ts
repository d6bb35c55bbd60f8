import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedRequest } from '../auth';
import { POLICY, Roles } from '../auth';
import { ForceStateDto, ListWorkflowsQuery, MigrateWorkflowDto, ResolveIncidentDto, StartWorkflowDto } from './workflows.dto';
import { WorkflowsService } from './workflows.service';

const uuid = new ParseUUIDPipe({ version: '4' });
const IdempotencyHeader = () =>
  ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeat it to retry safely: the first answer is returned and nothing is written again.' });

/** The generic workflow API, for other council systems and for managers. */
@ApiTags('workflows')
@Controller()
export class WorkflowsController {
  constructor(private readonly workflows: WorkflowsService) {}

  @Post('workflows')
  @Roles(POLICY.startWorkflows)
  @IdempotencyHeader()
  @ApiOperation({ summary: 'Start a workflow of a registered type on its newest machine version.' })
  start(@Req() req: AuthenticatedRequest, @Body() body: StartWorkflowDto, @Headers('idempotency-key') key?: string) {
    return this.workflows.start(req, body.type, body.input, WorkflowsService.idempotencyKey(key));
  }

  @Post('workflows/:id/events')
  @HttpCode(200)
  @Roles(POLICY.sendWorkflowEvents)
  @IdempotencyHeader()
  @ApiOperation({
    summary: 'Send an event ({ type, ...payload }). 409: the state does not accept it; 422: a rule refuses it.',
  })
  send(
    @Req() req: AuthenticatedRequest,
    @Param('id', uuid) id: string,
    @Body() body: unknown,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.workflows.send(req, id, body, WorkflowsService.idempotencyKey(key));
  }

  @Post('workflows/:id/migrate')
  @HttpCode(200)
  @Roles(POLICY.forceWorkflows)
  @IdempotencyHeader()
  @ApiOperation({ summary: "Move an instance to the next machine version through that version's migration (audited)." })
  migrate(
    @Req() req: AuthenticatedRequest,
    @Param('id', uuid) id: string,
    @Body() body: MigrateWorkflowDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.workflows.migrate(req, id, body.toVersion, body.reason, WorkflowsService.idempotencyKey(key));
  }

  @Post('workflows/:id/force')
  @HttpCode(200)
  @Roles(POLICY.forceWorkflows)
  @IdempotencyHeader()
  @ApiOperation({ summary: 'Move a stuck workflow to a state by force, with a reason (journaled; no actions run).' })
  force(
    @Req() req: AuthenticatedRequest,
    @Param('id', uuid) id: string,
    @Body() body: ForceStateDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.workflows.force(req, id, body.toState, body.reason, WorkflowsService.idempotencyKey(key));
  }

  @Post('workflows/:id/incidents/:incidentId/resolve')
  @HttpCode(200)
  @Roles(POLICY.forceWorkflows)
  @IdempotencyHeader()
  @ApiOperation({ summary: 'Resolve an incident with a reason; with retry, its failed effect goes back to the outbox.' })
  resolveIncident(
    @Req() req: AuthenticatedRequest,
    @Param('id', uuid) id: string,
    @Param('incidentId', uuid) incidentId: string,
    @Body() body: ResolveIncidentDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.workflows.resolveIncident(
      req,
      id,
      incidentId,
      { reason: body.reason, retry: body.retry ?? false },
      WorkflowsService.idempotencyKey(key),
    );
  }

  @Get('workflows/:id')
  @Roles(POLICY.readWorkflows)
  @ApiOperation({ summary: 'State, context, version, allowed events, open deadlines, incidents.' })
  get(@Req() req: AuthenticatedRequest, @Param('id', uuid) id: string) {
    return this.workflows.get(req, id);
  }

  @Get('workflows/:id/history')
  @Roles(POLICY.readWorkflows)
  @ApiOperation({ summary: 'The journal: every event with actor, from-state, to-state and time.' })
  history(@Req() req: AuthenticatedRequest, @Param('id', uuid) id: string) {
    return this.workflows.history(req, id);
  }

  @Get('workflows/:id/inspection')
  @Roles(POLICY.inspectWorkflows)
  @ApiOperation({
    summary:
      'For managers: the workflow as a Stately inspection trace (@statelyai/inspect format), rebuilt from its journal; states and event types only, no context values or payloads.',
  })
  inspection(@Req() req: AuthenticatedRequest, @Param('id', uuid) id: string) {
    return this.workflows.inspection(req, id);
  }

  @Get('workflows')
  @Roles(POLICY.readWorkflows)
  @ApiOperation({
    summary: 'List workflows in your areas: filter by type, state, status, overdue, stuck, at risk, failed, subject.',
  })
  list(@Req() req: AuthenticatedRequest, @Query() query: ListWorkflowsQuery) {
    return this.workflows.list(req, query);
  }

  @Get('workflow-types')
  @Roles(POLICY.readWorkflowTypes)
  @ApiOperation({ summary: 'Every registered machine and version, with its definition as JSON for drawing.' })
  types() {
    return this.workflows.types();
  }
}
