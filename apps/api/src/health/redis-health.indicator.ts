import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { AppConfig } from '@app/persistence';

/**
 * Pings Redis on a connection of its own that never queues commands while disconnected, so a
 * Redis outage answers at once (503) and a Redis that comes back is seen again without a restart.
 */
@Injectable()
export class RedisHealthIndicator implements OnApplicationShutdown {
  private readonly client: Redis;

  constructor(
    config: AppConfig,
    private readonly health: HealthIndicatorService,
  ) {
    this.client = new Redis(config.redisUrl, {
      lazyConnect: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
      connectionName: 'cpw-health',
    });
    // Errors are reported through the health check; an unhandled 'error' event would crash the process.
    this.client.on('error', () => undefined);
  }

  async isHealthy(key = 'redis') {
    const indicator = this.health.check(key);
    let timer: NodeJS.Timeout | undefined;
    try {
      const answer = await Promise.race([
        this.client.ping(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), 2000);
        }),
      ]);
      return answer === 'PONG' ? indicator.up() : indicator.down({ message: 'unexpected answer' });
    } catch {
      return indicator.down({ message: 'unreachable' });
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.client.disconnect();
  }
}
