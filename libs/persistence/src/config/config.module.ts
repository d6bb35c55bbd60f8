import { DynamicModule, Global, Module } from '@nestjs/common';
import { CLOCK, Clock, SystemClock } from '@app/workflows';
import { AppConfig } from './app-config';

/** Provides the validated AppConfig and the Clock to the whole application, once. */
@Global()
@Module({})
export class AppConfigModule {
  static register(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: CLOCK, useValue: clock },
      ],
      exports: [AppConfig, CLOCK],
    };
  }
}
