import { Injectable } from '@nestjs/common';
import { ENGINE_EFFECTS } from '@app/workflows';
import { EffectFailure, EffectHandler, OutboxEffect } from '../outbox/effect-handler';
import { DeadlineTimers } from './deadline-timers.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * 'deadline.opened' and 'deadline.moved': schedules the steps of the deadline's current revision
 * and removes older revisions' jobs. 'deadline.closed': removes its jobs (harmless if gone). All
 * three re-read the deadline, so each is idempotent and their order does not matter.
 */
@Injectable()
export class DeadlineEffectsHandler implements EffectHandler {
  readonly effectTypes = [
    ENGINE_EFFECTS.deadlineOpened,
    ENGINE_EFFECTS.deadlineMoved,
    ENGINE_EFFECTS.deadlineClosed,
  ] as const;

  constructor(private readonly timers: DeadlineTimers) {}

  async handle(effect: OutboxEffect): Promise<void> {
    const deadlineId = effect.payload.deadlineId;
    if (typeof deadlineId !== 'string' || !UUID.test(deadlineId))
      throw new EffectFailure(`${effect.type} has no deadline id`);
    if (!(await this.timers.sync(deadlineId))) throw new EffectFailure(`${effect.type} names no deadline`);
  }
}
