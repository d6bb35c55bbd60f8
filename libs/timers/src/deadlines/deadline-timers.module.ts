import { Module } from '@nestjs/common';
import { DeadlineEffectsHandler } from './deadline-effects.handler';
import { DeadlineQueue } from './deadline-queue';
import { DeadlineReconciler } from './deadline-reconciler';
import { DeadlineStepProcessor } from './deadline-step.processor';
import { DeadlineStore } from './deadline-store';
import { DeadlineTimers } from './deadline-timers.service';
import { DeadlineWorker } from './deadline-worker';
import { QueueBackendModule } from '../queue/queue-backend.module';

/**
 * Statutory clocks on BullMQ: a job per escalation step, the processor that sends the step into
 * its workflow, the reconciler, and the worker (in 'worker' and 'all' processes), on the queue
 * backend the configuration names (QueueBackendModule). The outbox registers
 * DeadlineEffectsHandler; the API shows DeadlineQueue on Bull Board.
 */
@Module({
  imports: [QueueBackendModule],
  providers: [
    DeadlineStore,
    DeadlineQueue,
    DeadlineTimers,
    DeadlineStepProcessor,
    DeadlineReconciler,
    DeadlineWorker,
    DeadlineEffectsHandler,
  ],
  exports: [
    QueueBackendModule,
    DeadlineQueue,
    DeadlineTimers,
    DeadlineStepProcessor,
    DeadlineReconciler,
    DeadlineWorker,
    DeadlineEffectsHandler,
  ],
})
export class DeadlineTimersModule {}
