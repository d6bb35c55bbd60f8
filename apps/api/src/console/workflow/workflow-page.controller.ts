import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { POLICY } from '../../auth/policy';
import { Public, Roles } from '../../auth/roles.decorator';
import { DomainError, DomainErrorCode } from '@app/workflows';
import { STAFF_SUB_PATTERN } from '../../workflows/workflows.dto';
import { WorkflowsService } from '../../workflows/workflows.service';
import { ForceForm, MigrateForm, ReassignForm, ResolveIncidentForm } from '../console.dto';
import { pageContext } from '../console-page';
import { ConsoleExceptionFilter } from '../http/console-exception.filter';
import { ConsoleViews } from '../http/views';
import type { ConsoleRequest } from '../session/console-request';
import { ConsoleSessionGuard } from '../session/console-session.guard';
import { WorkflowPageService } from './workflow-page.service';

const UUID = new ParseUUIDPipe({ version: '4' });
type FieldError = { href: string; text: string };

/**
 * A workflow's page and the managers' actions on it. Each action asks for a reason and calls the
 * API's own service (the engine writes it to the journal; the access log records the write), then
 * redirects back to the page, so a reload never repeats it.
 */
@ApiExcludeController()
@Public()
@UseGuards(ConsoleSessionGuard)
@UseFilters(ConsoleExceptionFilter)
@Controller('console/workflows')
export class WorkflowPageController {
  constructor(
    private readonly pages: WorkflowPageService,
    private readonly workflows: WorkflowsService,
    private readonly views: ConsoleViews,
  ) {}

  @Get(':id')
  @Roles(POLICY.readWorkflows)
  async show(@Req() req: ConsoleRequest, @Param('id', UUID) id: string, @Res() res: Response) {
    await this.render(req, res, id, {});
  }

  @Post(':id/force')
  @Roles(POLICY.forceWorkflows)
  async force(@Req() req: ConsoleRequest, @Param('id', UUID) id: string, @Body() form: ForceForm, @Res() res: Response) {
    const reason = form.reason?.trim() ?? '';
    const toState = form.toState?.trim() ?? '';
    const errors: FieldError[] = [];
    if (!toState) errors.push({ href: '#force-to-state', text: 'Choose the state to move the workflow to' });
    if (!reason) errors.push({ href: '#force-reason', text: 'Enter the reason for moving the workflow by force' });
    if (errors.length > 0) return this.render(req, res, id, { forceErrors: errors, forceForm: form }, 400);
    await this.workflows.force(req, id, toState, reason, undefined);
    res.redirect(303, `/console/workflows/${id}?done=forced`);
  }

  /** Give the workflow to another member of staff, or to no one, with a reason (journaled as engine.reassigned). */
  @Post(':id/reassign')
  @Roles(POLICY.reassignWorkflows)
  async reassign(@Req() req: ConsoleRequest, @Param('id', UUID) id: string, @Body() form: ReassignForm, @Res() res: Response) {
    const reason = form.reason?.trim() ?? '';
    const nobody = form.to === 'nobody';
    const assignee = nobody ? null : (form.assignee?.trim() ?? '');
    const errors: FieldError[] = [];
    if (assignee !== null && !assignee) errors.push({ href: '#reassign-assignee', text: 'Enter the staff id of the person to assign the workflow to' });
    else if (assignee !== null && !STAFF_SUB_PATTERN.test(assignee)) errors.push({ href: '#reassign-assignee', text: 'Enter a staff id without spaces' });
    if (!reason) errors.push({ href: '#reassign-reason', text: 'Enter the reason for reassigning the workflow' });
    if (errors.length > 0) return this.render(req, res, id, { reassignErrors: errors, reassignForm: form }, 400);
    try {
      await this.workflows.reassign(req, id, assignee, reason, undefined);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== DomainErrorCode.Conflict) throw error;
      const refused = [{ href: '#reassign-assignee', text: error.message }];
      return this.render(req, res, id, { reassignErrors: refused, reassignForm: form }, 409);
    }
    res.redirect(303, `/console/workflows/${id}?done=reassigned`);
  }

  /** Move the workflow to the next version of its process, through the migration that version declares. */
  @Post(':id/migrate')
  @Roles(POLICY.forceWorkflows)
  async migrate(@Req() req: ConsoleRequest, @Param('id', UUID) id: string, @Body() form: MigrateForm, @Res() res: Response) {
    const reason = form.reason?.trim() ?? '';
    const errors: FieldError[] = [];
    if (form.toVersion === undefined) errors.push({ href: '#migrate-reason', text: 'Choose the version to move the workflow to' });
    if (!reason) errors.push({ href: '#migrate-reason', text: 'Enter the reason for moving the workflow to the new version' });
    if (errors.length > 0) return this.render(req, res, id, { migrateErrors: errors, migrateForm: form }, 400);
    await this.workflows.migrate(req, id, form.toVersion!, reason, undefined);
    res.redirect(303, `/console/workflows/${id}?done=migrated`);
  }

  @Post(':id/incidents/:incidentId/resolve')
  @Roles(POLICY.forceWorkflows)
  async resolve(
    @Req() req: ConsoleRequest,
    @Param('id', UUID) id: string,
    @Param('incidentId', UUID) incidentId: string,
    @Body() form: ResolveIncidentForm,
    @Res() res: Response,
  ) {
    const reason = form.reason?.trim() ?? '';
    if (!reason) {
      const errors = [{ href: `#resolve-reason-${incidentId}`, text: 'Enter the reason for resolving the incident' }];
      return this.render(req, res, id, { resolveErrors: errors, resolveIncidentId: incidentId }, 400);
    }
    await this.workflows.resolveIncident(req, id, incidentId, { reason, retry: form.retry === 'yes' }, undefined);
    res.redirect(303, `/console/workflows/${id}?done=${form.retry === 'yes' ? 'retried' : 'resolved'}`);
  }

  private async render(req: ConsoleRequest, res: Response, id: string, extra: Record<string, unknown>, status = 200) {
    const page = await this.pages.page(req, id);
    const done = typeof req.query.done === 'string' ? req.query.done : undefined;
    this.views.send(res, 'workflow.njk', { ...pageContext(req, 'workflow'), ...page, done, ...extra }, status);
  }
}
