import { Module } from '@nestjs/common';
import { AccessLogModule } from '@app/persistence';
import { NotificationsModule } from '@app/timers';
import { DutyRotaController } from './duty-rota.controller';
import { InboxController } from './inbox.controller';
import { NotificationsService } from './notifications.service';
import { WorkflowNotificationsController } from './workflow-notifications.controller';

/** The HTTP side of notifications: teams and rota, the inbox, a workflow's deliveries. */
@Module({
  imports: [AccessLogModule, NotificationsModule],
  controllers: [DutyRotaController, InboxController, WorkflowNotificationsController],
  providers: [NotificationsService],
})
export class NotificationsApiModule {}
