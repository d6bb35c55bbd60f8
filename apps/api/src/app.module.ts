import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { Clock, SystemClock, WORKFLOW_DEFINITIONS, WorkflowDefinition } from '@app/workflows';
import { AppConfig, AppConfigModule, EngineModule, PersistenceModule } from '@app/persistence';
import { OutboxModule } from '@app/timers';
import { AsvModule } from './asv/asv.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CalendarController } from './calendar/calendar.controller';
import { HealthModule } from './health/health.module';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { loggerParams } from './logging/logging';
import { NotificationsApiModule } from './notifications/notifications.module';
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
    return {
      module: AppModule,
      imports: [
        AppConfigModule.register(config, clock),
        LoggerModule.forRoot(loggerParams(config.logLevel)),
        PersistenceModule,
        EngineModule.register(options.definitions ?? SERVICE_WORKFLOWS),
        OutboxModule,
        AuthModule,
        AuditModule,
        HealthModule,
        WorkflowsModule,
        AsvModule,
        NotificationsApiModule,
      ],
      controllers: [CalendarController],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
