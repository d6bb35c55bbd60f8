import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { POLICY } from '../../auth/policy';
import { Public, Roles } from '../../auth/roles.decorator';
import { NotificationsService } from '../../notifications/notifications.service';
import { CsrfForm } from '../console.dto';
import { pageContext } from '../console-page';
import { ConsoleExceptionFilter } from '../http/console-exception.filter';
import { ConsoleViews } from '../http/views';
import type { ConsoleRequest } from '../session/console-request';
import { ConsoleSessionGuard } from '../session/console-session.guard';
import { inboxOrder } from './inbox-order';

/** The duty inbox: the signed-in person's own escalations, through the same service as GET /me/notifications. */
@ApiExcludeController()
@Public()
@UseGuards(ConsoleSessionGuard)
@UseFilters(ConsoleExceptionFilter)
@Controller('console/inbox')
export class InboxPageController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly views: ConsoleViews,
  ) {}

  @Get()
  @Roles(POLICY.readOwnNotifications)
  async show(@Req() req: ConsoleRequest, @Res() res: Response) {
    const page = await this.notifications.inbox(req, { limit: 200 });
    const done = typeof req.query.done === 'string' ? req.query.done : undefined;
    this.views.send(res, 'inbox.njk', { ...pageContext(req, 'inbox'), items: inboxOrder(page.items), more: page.nextCursor !== null, done });
  }

  @Post(':id/acknowledge')
  @Roles(POLICY.readOwnNotifications)
  async acknowledge(
    @Req() req: ConsoleRequest,
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @Body() _form: CsrfForm,
    @Res() res: Response,
  ) {
    await this.notifications.acknowledge(req, id);
    res.redirect(303, '/console/inbox?done=acknowledged');
  }
}
