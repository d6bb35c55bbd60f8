import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Clock, SystemClock, WORKFLOW_DEFINITIONS, WorkflowDefinition } from '@app/workflows';
import { AppConfig, AppConfigModule, EngineModule, PersistenceModule } from '@app/persistence';
import { OutboxModule } from '@app/timers';
import { QueuesBoardModule } from './admin/queues-board.module';
import { AsvModule } from './asv/asv.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CalendarController } from './calendar/calendar.controller';
import { ChairsModule } from './chairs/chairs.module';
import { ConsoleModule } from './console/console.module';
import { ConferencesModule } from './conferences/conferences.module';
import { PlansModule } from './plans/plans.module';
import { DistributionEffectsModule, DistributionModule } from './distribution/distribution.module';
import { HealthModule } from './health/health.module';
import { InvitationPagesModule } from './invitations/invitations.module';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { LoggingModule } from './logging/logging.module';
import { NotificationsApiModule } from './notifications/notifications.module';
import { PeopleModule } from './people/people.module';
import { TimescalesController } from './timescales/timescales.controller';
import { WorkflowsModule } from './workflows/workflows.module';

export interface AppModuleOptions {
  /** The machines this service runs; the service's own by default. Tests add fixtures. */
  definitions?: WorkflowDefinition[];
}

/** The machines the service runs in production. */
export const SERVICE_WORKFLOWS: WorkflowDefinition[] = WORKFLOW_DEFINITIONS;

@Module({})
export class AppModule {
  /** The whole service for one configuration; tests build it with their own database and clock. */
  static register(config: AppConfig, clock: Clock = new SystemClock(), options: AppModuleOptions = {}): DynamicModule {
    // A 'worker' process runs the outbox, the timer worker and the reconciler, and answers /health
    // only (probes); the API's routes, Bull Board included, are served by 'api' and 'all' processes.
    const servesApi = config.processRole !== 'worker';
    return {
      module: AppModule,
      imports: [
        AppConfigModule.register(config, clock),
        LoggingModule.forRoot(config.logLevel),
        PersistenceModule,
        EngineModule.register(options.definitions ?? SERVICE_WORKFLOWS),
        OutboxModule,
        DistributionEffectsModule,
        AuthModule,
        ...(servesApi ? [AuditModule] : []),
        HealthModule,
        ...(servesApi ? [WorkflowsModule, AsvModule, NotificationsApiModule, QueuesBoardModule, ConsoleModule] : []),
        ...(servesApi ? [PeopleModule] : []),
        ...(servesApi ? [ChairsModule, ConferencesModule, InvitationPagesModule, PlansModule, DistributionModule] : []),
      ],
      controllers: servesApi ? [CalendarController, TimescalesController] : [],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
