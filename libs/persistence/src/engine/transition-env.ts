import type { Provider } from '@nestjs/common';
import { TransitionEnv, WorkingDayCalendar } from '@app/workflows';
import { AppConfig } from '../config/app-config';

/** The settings and calendar every transition is computed with (and every replay and inspection). */
export const TRANSITION_ENV = Symbol('TRANSITION_ENV');

export const transitionEnvProvider: Provider = {
  provide: TRANSITION_ENV,
  inject: [AppConfig, WorkingDayCalendar],
  useFactory: (config: AppConfig, calendar: WorkingDayCalendar): TransitionEnv => ({
    settings: config.statutory,
    calendar,
  }),
};
