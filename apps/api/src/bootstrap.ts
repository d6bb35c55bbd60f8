import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { Clock, SystemClock } from '@app/workflows';
import { AppConfig } from '@app/persistence';
import { AppModule, AppModuleOptions } from './app.module';
import { isConsoleForm } from './console/http/console-form';
import { strictValidationPipe } from './http/validation';

/**
 * Applies everything main.ts and the e2e suites share: security headers, CORS, pipes, body limits,
 * docs. /docs and /docs-json stay public: they describe the API's shape and hold no data, and
 * every operation they list needs a token (the Swagger UI's Authorize button takes one).
 */
export function configureApp(app: NestExpressApplication): void {
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  if (config.trustProxyHops > 0) app.set('trust proxy', config.trustProxyHops);
  // Outside production the service runs over plain http, where upgrading the Swagger UI's own
  // requests to https would break it.
  const upgradeInsecureRequests = config.nodeEnv === 'production' ? [] : null;
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests } } }));
  // Closed unless origins are listed: without CORS headers a browser on another origin gets nothing.
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
      maxAge: 600,
    });
  }
  app.useBodyParser('json', { limit: '256kb' });
  // The console's forms (apps/api/src/console), and only there: the API itself takes JSON.
  app.useBodyParser('urlencoded', { limit: '16kb', extended: false, type: isConsoleForm });
  app.useGlobalPipes(strictValidationPipe());
  app.enableShutdownHooks();
  // A worker process answers /health only: it has no API to describe.
  if (config.processRole === 'worker') return;
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Child protection workflow engine')
      .setDescription(
        'Runs the child protection process (ASV and LADO, conferences, plans) as durable workflows with statutory clocks. Errors are application/problem+json (RFC 9457).',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

export async function createApp(
  config: AppConfig,
  clock: Clock = new SystemClock(),
  options: AppModuleOptions = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, clock, options), {
    bufferLogs: true,
    bodyParser: false,
  });
  configureApp(app);
  return app;
}
