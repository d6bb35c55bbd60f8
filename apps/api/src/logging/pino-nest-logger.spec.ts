import { ConsoleLogger, Logger } from '@nestjs/common';
import pino from 'pino';
import { Writable } from 'node:stream';
import { PinoNestLogger } from './pino-nest-logger';

/** Nest's Logger over PinoNestLogger over a real pino writing to memory: the JSON lines it writes. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const service = new PinoNestLogger(pino({ level: 'trace', base: undefined, timestamp: false }, stream));
  const logger = new Logger('Context');
  Logger.overrideLogger(service);
  return { logger, lines, service };
}

describe('PinoNestLogger', () => {
  afterEach(() => Logger.overrideLogger(new ConsoleLogger()));

  it('keeps the text of fields-then-text calls, at every level', () => {
    const { logger, lines } = capture();
    logger.log({ outboxId: 7 }, 'Effect done');
    logger.warn({ outboxId: 8, attempts: 3 }, 'Effect failed for good');
    logger.error({ outboxId: 9 }, 'Outbox drain failed');
    logger.debug({ outboxId: 10 }, 'Polled');
    expect(lines).toEqual([
      { level: 30, context: 'Context', outboxId: 7, msg: 'Effect done' },
      { level: 40, context: 'Context', outboxId: 8, attempts: 3, msg: 'Effect failed for good' },
      { level: 50, context: 'Context', outboxId: 9, msg: 'Outbox drain failed' },
      { level: 20, context: 'Context', outboxId: 10, msg: 'Polled' },
    ]);
  });

  it('writes fields with their own msg, a plain text, an error, and Nest’s own message-and-stack calls', () => {
    const { logger, lines } = capture();
    logger.warn({ msg: 'Delivery report kept', uid: 3 });
    logger.log('Service listening');
    logger.error('Unhandled', 'Error: boom\n    at here');
    logger.error(new Error('broken'));
    expect(lines[0]).toEqual({ level: 40, context: 'Context', uid: 3, msg: 'Delivery report kept' });
    expect(lines[1]).toEqual({ level: 30, context: 'Context', msg: 'Service listening' });
    expect(lines[2]).toEqual({ level: 50, context: 'Context', stack: 'Error: boom\n    at here', msg: 'Unhandled' });
    expect(lines[3]).toMatchObject({ level: 50, context: 'Context', msg: 'broken', err: { message: 'broken' } });
  });
});
