import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { QueueBackendModule } from '@app/timers';
import { HealthController } from './health.controller';
import { DatabaseHealthIndicator } from './database-health.indicator';
import { QueueHealthIndicator } from './queue-health.indicator';

@Module({
  imports: [TerminusModule.forRoot({ logger: false, errorLogStyle: 'json' }), QueueBackendModule],
  controllers: [HealthController],
  providers: [DatabaseHealthIndicator, QueueHealthIndicator],
})
export class HealthModule {}
