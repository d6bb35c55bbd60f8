import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../http/openapi';
import { IdParam } from '../http/params';
import { WorkflowNotificationDto } from './notifications.responses';
import type { AuthenticatedRequest } from '../auth';
import { POLICY, Roles } from '../auth';
import { NotificationsService } from './notifications.service';

/** A workflow's notifications beside its details: kept apart so GET /workflows/:id stays one engine read. */
@ApiTags('workflows')
@Controller('workflows')
export class WorkflowNotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get(':id/notifications')
  @Roles(POLICY.readWorkflows)
  @ApiOperation({
    summary:
      'Who was to be told about this workflow, how they were found, and each delivery with every attempt.',
  })
  @ApiOkResponse({ type: [WorkflowNotificationDto] })
  @ApiProblems(400, 404)
  list(@Req() req: AuthenticatedRequest, @IdParam() id: string) {
    return this.notifications.forWorkflow(req, id);
  }
}
