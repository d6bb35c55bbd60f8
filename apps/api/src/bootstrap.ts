import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import pinoHttp from 'pino-http';
import { Clock, SystemClock } from '@app/workflows';
import { AppConfig, WorkflowEngine } from '@app/persistence';
import { AppModule, AppModuleOptions } from './app.module';
import { httpLoggerOptions } from './logging/logging';
import { PINO } from './logging/logging.module';
import { PinoNestLogger } from './logging/pino-nest-logger';
import { finishDocument } from './http/openapi-document';
import { isConsoleForm } from './console/http/console-form';
import { isPackForm } from './distribution/pack-form';
import { strictValidationPipe } from './http/validation';
import { DOMAIN_WORKFLOWS } from './workflows/domain-workflows';

/**
 * Applies everything main.ts and the e2e suites share: security headers, CORS, pipes, body limits,
 * docs. /docs and /docs-json stay public: they describe the API's shape and hold no data, and
 * every operation they list needs a token (the Swagger UI's Authorize button takes one).
 */
export function configureApp(app: NestExpressApplication): void {
  const config = app.get(AppConfig);
  app.useLogger(app.get(PinoNestLogger));
  app.use(pinoHttp(httpLoggerOptions(app.get(PINO))));
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
  // A recipient's personal-link page posts its forms too (a code, a correction request).
  app.useBodyParser('urlencoded', { limit: '16kb', extended: false, type: isPackForm });
  app.useGlobalPipes(strictValidationPipe());
  app.enableShutdownHooks();
  // A worker process answers /health only: it has no API to describe.
  if (config.processRole === 'worker') return;
  const registered = [...new Set(app.get(WorkflowEngine).definitions.all().map((d) => d.type))].sort();
  const domainApis = DOMAIN_WORKFLOWS.filter((d) => registered.includes(d.type));
  const document = finishDocument(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Child protection workflow engine')
        .setDescription(
          'Runs the child protection process (ASV and LADO, conferences, plans) as durable workflows with statutory clocks. ' +
            'Every operation needs a bearer token (its description lists the roles it admits, as does `x-roles`). ' +
            'Writes take an optional Idempotency-Key header: repeat it to retry safely. ' +
            'Errors are application/problem+json (RFC 9457), one ProblemDetails schema for all.',
        )
        .setVersion('0.1.0')
        .addBearerAuth()
        .build(),
    ),
    {
      genericTypes: registered.filter((type) => !domainApis.some((d) => d.type === type)),
      domainApis: domainApis.map(({ type, domainApi }) => ({ type, domainApi })),
    },
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
