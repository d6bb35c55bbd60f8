import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@app/persistence';
import { createApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, '0.0.0.0');
  const base = config.publicBaseUrl.replace(/\/$/, '');
  const logger = new Logger('Main');
  logger.log(
    `Serving (${config.processRole}) on port ${config.port}: health ${base}/health, API docs ${base}/docs, OpenAPI ${base}/docs-json`,
  );
}

main().catch((error: unknown) => {
  // The logger may not exist yet: write a plain line to stderr and exit non-zero.
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`cp-workflows failed to start: ${message}\n`);
  process.exit(1);
});
