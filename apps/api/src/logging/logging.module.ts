import { DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import { createRootLogger } from './logging';
import { PinoNestLogger } from './pino-nest-logger';

/** The injection token of the service's pino logger. */
export const PINO = Symbol('PINO');

/**
 * The service's logging, once: a pino logger and Nest's logger over it. The request log is
 * pino-http on that same logger (bootstrap.ts). Ours rather than nestjs-pino, whose releases for
 * Nest 12 require Node 22.
 */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(level: string): DynamicModule {
    const pino = createRootLogger(level);
    return {
      module: LoggingModule,
      providers: [
        { provide: PINO, useValue: pino },
        { provide: PinoNestLogger, useFactory: (logger: Pino) => new PinoNestLogger(logger), inject: [PINO] },
      ],
      exports: [PINO, PinoNestLogger],
    };
  }
}
