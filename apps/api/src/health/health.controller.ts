import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './database-health.indicator';
import { Public } from '../auth/roles.decorator';
import { ApiProblems } from '../http/openapi';
import { QueueHealthIndicator } from './queue-health.indicator';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly queue: QueueHealthIndicator,
  ) {}

  @Get()
  // Above @HealthCheck(): a failed check leaves as problem+json (with the report), as every error does.
  @ApiProblems(503)
  @HealthCheck()
  @ApiOperation({
    summary:
      "Readiness: PostgreSQL and the timer queue's datastore (details.queue.backend: redis or postgres), each reported on its own; 503 when either is down.",
  })
  check() {
    return this.health.check([
      () => this.database.isHealthy('database'),
      () => this.queue.isHealthy('queue'),
    ]);
  }
}
