import { DynamicModule, Global, Module } from '@nestjs/common';
import { CLOCK, Clock, SystemClock, WorkingDayCalendar } from '@app/workflows';
import { AppConfig } from './app-config';

/** Provides the validated AppConfig, the Clock and the working-day calendar to the whole application, once. */
@Global()
@Module({})
export class AppConfigModule {
  static register(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: CLOCK, useValue: clock },
        { provide: WorkingDayCalendar, useValue: new WorkingDayCalendar({ extraClosureDays: config.localClosureDays }) },
      ],
      exports: [AppConfig, CLOCK, WorkingDayCalendar],
    };
  }
}
