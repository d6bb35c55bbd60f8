import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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
  list(@Req() req: AuthenticatedRequest, @Query() query: InboxQuery) {
    return this.notifications.inbox(req, query);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles(POLICY.readOwnNotifications)
  @ApiOperation({
    summary: "Mark one of your notifications read. Repeating it changes nothing; 404 for anyone else's.",
  })
  acknowledge(
    @Req() req: AuthenticatedRequest,
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
  ) {
    return this.notifications.acknowledge(req, id);
  }
}
