import { loadConfig } from '@app/persistence';
import { servicesLine } from './services-line';

describe('the start-up line about PostgreSQL and the timer queue', () => {
  it('says what is embedded or chosen for want of Redis, and what to set to use real ones', () => {
    const line = servicesLine(loadConfig({}), {
      embeddedDataDir: '/home/dev/cp-workflows/.local/postgres',
      queue: { kind: 'postgres', schema: 'bullmq' },
    });
    expect(line).toBe(
      'PostgreSQL: embedded, for trying the service only (data in /home/dev/cp-workflows/.local/postgres, kept between runs; set DATABASE_URL to use a real server); ' +
        "timer queue: PostgreSQL (BullMQ's backend, schema bullmq), as no Redis answered at 127.0.0.1:6379; set REDIS_URL to use Redis",
    );
  });

  it('names the servers it was given, without their credentials', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://cpw:s3cret@db.council.example:6432/cp_workflows',
      REDIS_URL: 'redis://:hunter2@cache.council.example:6380',
    });
    const line = servicesLine(config, { queue: { kind: 'redis' } });
    expect(line).toBe(
      'PostgreSQL: db.council.example:6432/cp_workflows; timer queue: Redis cache.council.example:6380',
    );
    expect(
      servicesLine(loadConfig({ DATABASE_URL: 'postgres://cpw:s3cret@db/x', QUEUE_BACKEND: 'postgres' }), {
        queue: { kind: 'postgres', schema: 'bullmq' },
      }),
    ).toBe("PostgreSQL: db:5432/x; timer queue: PostgreSQL (BullMQ's backend, schema bullmq)");
  });
});
