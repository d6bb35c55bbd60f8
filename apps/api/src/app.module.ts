import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { Clock, SystemClock } from '@app/workflows';
import { AppConfig, AppConfigModule, PersistenceModule } from '@app/persistence';
import { CalendarController } from './calendar/calendar.controller';
import { HealthModule } from './health/health.module';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { loggerParams } from './logging/logging';

@Module({})
export class AppModule {
  /** The whole service for one configuration; tests build it with their own database and clock. */
  static register(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.register(config, clock),
        LoggerModule.forRoot(loggerParams(config.logLevel)),
        PersistenceModule,
        HealthModule,
      ],
      controllers: [CalendarController],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
