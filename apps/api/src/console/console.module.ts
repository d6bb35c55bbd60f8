import { Module } from '@nestjs/common';
import { AccessLogModule } from '@app/persistence';
import { NotificationsModule } from '@app/timers';
import { NotificationsService } from '../notifications/notifications.service';
import { WorkflowsService } from '../workflows/workflows.service';
import { AssetsController } from './assets.controller';
import { BatchRetryService } from './board/batch-retry.service';
import { BoardController } from './board/board.controller';
import { BoardQuery } from './board/board.query';
import { ChartsController } from './charts/charts.controller';
import { ChartsQuery } from './charts/charts.query';
import { ConsoleExceptionFilter } from './http/console-exception.filter';
import { ConsoleViews } from './http/views';
import { DistributionModule } from '../distribution/distribution.module';
import { DataProtectionPageController } from './data-protection/data-protection-page.controller';
import { InboxPageController } from './inbox/inbox-page.controller';
import { OidcSignInService } from './oidc/oidc-sign-in.service';
import { ConsoleSessionGuard } from './session/console-session.guard';
import { ConsoleSessionStore } from './session/console-session.store';
import { SignInController } from './sign-in.controller';
import { WorkflowPageController } from './workflow/workflow-page.controller';
import { WorkflowPageService } from './workflow/workflow-page.service';

/**
 * The managers' console and the duty inbox at /console: server-rendered GOV.UK pages, signed in
 * with the council's OpenID Connect provider, a session in PostgreSQL. Its pages call the API's own
 * services (WorkflowsService, NotificationsService), so scoping, journaling and the access log are
 * the API's; its board has a read model of its own (BoardQuery).
 */
@Module({
  imports: [AccessLogModule, NotificationsModule, DistributionModule],
  controllers: [
    SignInController,
    AssetsController,
    BoardController,
    WorkflowPageController,
    InboxPageController,
    ChartsController,
    DataProtectionPageController,
  ],
  providers: [
    { provide: ConsoleViews, useFactory: () => new ConsoleViews() },
    ConsoleExceptionFilter,
    ConsoleSessionStore,
    ConsoleSessionGuard,
    OidcSignInService,
    BoardQuery,
    BatchRetryService,
    ChartsQuery,
    WorkflowPageService,
    WorkflowsService,
    NotificationsService,
  ],
  exports: [ConsoleSessionStore],
})
export class ConsoleModule {}
