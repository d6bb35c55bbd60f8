import { Controller, Get, Param, ParseUUIDPipe, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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
  list(@Req() req: AuthenticatedRequest, @Param('id', new ParseUUIDPipe({ version: '4' })) id: string) {
    return this.notifications.forWorkflow(req, id);
  }
}
