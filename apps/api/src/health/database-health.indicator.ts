import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Pings PostgreSQL with SELECT 1, bounded by a timer that is cleared when the answer comes (terminus's own leaves one behind). */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly health: HealthIndicatorService,
  ) {}

  async isHealthy(key = 'database', timeoutMs = 2000) {
    const indicator = this.health.check(key);
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
        }),
      ]);
      return indicator.up({ responseTime: Date.now() - started });
    } catch {
      return indicator.down({ message: 'unreachable' });
    } finally {
      clearTimeout(timer);
    }
  }
}
