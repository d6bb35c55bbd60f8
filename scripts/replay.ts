// `npm run replay`: replays every journal in the database through its pinned machine versions
// and compares with the stored snapshots. Exits 1 when any differs, so a machine change that
// would break running workflows fails before it ships. Prints ids only.
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfigModule, EngineModule, loadConfig, PersistenceModule, ReplayService } from '@app/persistence';
import { SystemClock, WORKFLOW_DEFINITIONS } from '@app/workflows';

async function main(): Promise<void> {
  const config = loadConfig();
  config.migrateOnStart = false;

  @Module({ imports: [AppConfigModule.register(config, new SystemClock()), PersistenceModule, EngineModule.register(WORKFLOW_DEFINITIONS)] })
  class ReplayModule {}

  const app = await NestFactory.createApplicationContext(ReplayModule, { logger: ['error'] });
  try {
    const report = await app.get(ReplayService).check();
    console.log(`replayed ${report.checked} workflow(s): ${report.mismatched.length} mismatch(es)`);
    for (const m of report.mismatched) console.log(`  ${m.id} ${m.type} v${m.machineVersion}: ${m.problem}`);
    process.exitCode = report.mismatched.length > 0 ? 1 : 0;
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
