import type { INestApplication } from '@nestjs/common';
import { Clock, ManualClock, WorkflowDefinition } from '@app/workflows';
import { AppConfig, loadConfig } from '@app/persistence';
import { createApp } from '../../apps/api/src/bootstrap';
import { createTestDatabase } from './database';
import { deleteQueueKeys } from './timers';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  clock: ManualClock;
  databaseUrl: string;
  close: () => Promise<void>;
}

/**
 * The real service against a fresh database of its own and the real Redis (or the suite's own
 * redis-server), on an injected clock. Settings come from environment-style overrides, so the
 * same parsing and validation as production applies.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  clock: ManualClock = new ManualClock(),
  options: { definitions?: WorkflowDefinition[]; databaseUrl?: string } = {},
): Promise<TestApp> {
  const database = options.databaseUrl
    ? { name: new URL(options.databaseUrl).pathname.slice(1), url: options.databaseUrl, drop: async () => undefined }
    : await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    MIGRATE_ON_START: 'false',
    DATABASE_URL: database.url,
    QUEUE_PREFIX: `t${database.name.slice(-10)}`,
    // No reconciler pass on its own schedule while a suite runs (one still runs at start): suites
    // that test the timers call DeadlineReconciler.reconcile() themselves (test/support/timers.ts).
    RECONCILE_PERIOD_SECONDS: '3600',
    ...env,
  });
  const app = await createApp(config, clock as Clock, { definitions: options.definitions });
  await app.init();
  return {
    app,
    config,
    clock,
    databaseUrl: database.url,
    close: async () => {
      await app.close();
      await database.drop();
      // The suite's BullMQ keys (its prefix is its own); a suite's private Redis may be gone already.
      await deleteQueueKeys(config).catch(() => undefined);
    },
  };
}
