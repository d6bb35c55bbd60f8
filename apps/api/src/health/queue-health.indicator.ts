import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { QueueBackend } from '@app/timers';

/**
 * Checks the timer queue's datastore, whichever the configuration chose, and says which it is:
 * on Redis a PING on a connection that never queues a command while disconnected (an outage
 * answers at once, and a Redis that comes back is seen again without a restart); on PostgreSQL
 * that BullMQ's schema is there at a version this BullMQ can use.
 */
@Injectable()
export class QueueHealthIndicator {
  constructor(
    private readonly queues: QueueBackend,
    private readonly health: HealthIndicatorService,
  ) {}

  async isHealthy(key = 'queue', timeoutMs = 2000) {
    const indicator = this.health.check(key);
    const details = { backend: this.queues.kind };
    try {
      await this.queues.check(timeoutMs);
      return indicator.up(details);
    } catch (error) {
      const schema = error instanceof Error && /Schema/.test(error.name);
      return indicator.down({ ...details, message: schema ? 'queue schema not usable' : 'unreachable' });
    }
  }
}
