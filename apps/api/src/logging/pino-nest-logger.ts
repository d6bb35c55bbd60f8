import type { LoggerService } from '@nestjs/common';
import type { Logger as Pino } from 'pino';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's logger interface over the service's pino logger, so `new Logger(Context)` anywhere in the
 * service writes the same redacted JSON lines as the request log. Nest passes the context as the
 * last string argument and, for errors, a stack before it. Fields and a text may come either way:
 * `logger.warn({ msg: 'Text', id })` or, as pino's own calls read, `logger.warn({ id }, 'Text')`.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest, true);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.write('fatal', message, rest, true);
  }

  private write(level: Level, message: unknown, rest: unknown[], withStack = false) {
    if (!this.pino.isLevelEnabled(level)) return;
    // Nest's Logger adds an undefined where a call gave nothing but the message.
    const args = rest.filter((arg) => arg !== undefined);
    const context = typeof args[args.length - 1] === 'string' ? (args.pop() as string) : undefined;
    const fieldsGiven = typeof message === 'object' && message !== null && !(message instanceof Error);
    // After fields, a string is the line's text (pino's order), not a stack.
    const text = fieldsGiven && typeof args[0] === 'string' ? (args.shift() as string) : undefined;
    const stack = withStack && typeof args[0] === 'string' ? (args.shift() as string) : undefined;
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    if (stack) fields.stack = stack;
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, message.message);
    } else if (fieldsGiven) {
      const merged = { ...fields, ...(message as Record<string, unknown>) };
      if (text === undefined) this.pino[level](merged);
      else this.pino[level](merged, text);
    } else {
      this.pino[level](fields, String(message));
    }
  }
}
