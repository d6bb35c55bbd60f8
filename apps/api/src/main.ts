import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@app/persistence';
import { createApp } from './bootstrap';
import { startLocalIdp } from './startup/local-idp';
import { servicesInUse, servicesLine } from './startup/services-line';

async function main(): Promise<void> {
  let config = loadConfig();
  // Outside production, without an identity provider configured: the local one, a user per role.
  const idp = await startLocalIdp(config, (line) => new Logger('Main').warn(line));
  if (idp) config = loadConfig({ ...process.env, OIDC_ISSUER_URL: idp.issuer, OIDC_CLIENT_SECRET: idp.clientSecret });
  const app = await createApp(config);
  await app.listen(config.port, '0.0.0.0');
  const base = config.publicBaseUrl.replace(/\/$/, '');
  const logger = new Logger('Main');
  // The role decides what this process does (AppModule, OutboxDispatcher, DeadlineWorker): 'worker'
  // runs the outbox, timers and reconciler and answers /health only; 'api' serves the API and runs
  // no timer or effect; 'all' (the default) does both.
  logger.log(
    config.processRole === 'worker'
      ? `Working (worker: outbox, deadline timers, reconciler) on port ${config.port}: health ${base}/health only`
      : `Serving (${config.processRole}) on port ${config.port}: health ${base}/health, API docs ${base}/docs, OpenAPI ${base}/docs-json, queues ${base}/admin/queues`,
  );
  // Which parts are embedded or chosen for want of a server, and how to point at real ones.
  logger.log(servicesLine(config, await servicesInUse(app, config)));
  if (idp) {
    logger.log(
      `Console ${base}/console: signed in through the local development provider ${idp.issuer} (any password): ` +
        'manager, duty-manager, coordinator-north, coordinator-south, chair-north, social-worker-south, lado, auditor',
    );
  }
}

main().catch((error: unknown) => {
  // The logger may not exist yet: write a plain line to stderr and exit non-zero.
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`cp-workflows failed to start: ${message}\n`);
  process.exit(1);
});
