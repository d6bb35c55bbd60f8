// The real service in a process of its own, running the service's machines and the engine's test
// machines (the demo case, and the parent and child that start and signal each other), so a test can SIGKILL it at a chosen moment or watch it survive a fault. Configured
// from the environment like production; prints "READY <port>" once listening. TEST_CLOCK_AT (an
// ISO instant) runs it on a clock stopped at that instant, as the in-process suites' injected clock.
import { loadConfig } from '@app/persistence';
import { ManualClock, WORKFLOW_DEFINITIONS } from '@app/workflows';
import { createApp } from '../../apps/api/src/bootstrap';
import { demoCaseV1, demoCaseV2 } from '../fixtures/demo-case.machine';
import { linkChild, linkParent } from '../fixtures/workflow-links.machine';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const clock = process.env.TEST_CLOCK_AT ? new ManualClock(new Date(process.env.TEST_CLOCK_AT)) : undefined;
  const app = await createApp(config, clock, {
    definitions: [...WORKFLOW_DEFINITIONS, demoCaseV1, demoCaseV2, linkParent, linkChild],
  });
  await app.listen(config.port, '127.0.0.1');
  process.stdout.write(`READY ${config.port}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`child failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
