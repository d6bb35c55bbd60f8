import { Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../http/openapi';
import { IdParam } from '../http/params';
import { InboxItemDto, InboxPageDto } from './notifications.responses';
import type { AuthenticatedRequest } from '../auth';
import { POLICY, Roles } from '../auth';
import { InboxQuery } from './notifications.dto';
import { NotificationsService } from './notifications.service';

/** The caller's own in-app inbox: escalations and notifications addressed to them. */
@ApiTags('notifications')
@Controller('me/notifications')
export class InboxController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Roles(POLICY.readOwnNotifications)
  @ApiOperation({
    summary: 'Your notifications, newest first; `unacknowledged=true` for the ones still to read.',
  })
  @ApiOkResponse({ type: InboxPageDto })
  @ApiProblems(400)
  list(@Req() req: AuthenticatedRequest, @Query() query: InboxQuery) {
    return this.notifications.inbox(req, query);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles(POLICY.readOwnNotifications)
  @ApiOperation({
    summary: "Mark one of your notifications read. Repeating it changes nothing; 404 for anyone else's.",
  })
  @ApiOkResponse({ type: InboxItemDto })
  @ApiProblems(400, 404)
  acknowledge(@Req() req: AuthenticatedRequest, @IdParam() id: string) {
    return this.notifications.acknowledge(req, id);
  }
}
