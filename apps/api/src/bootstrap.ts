import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { Clock, SystemClock } from '@app/workflows';
import { AppConfig } from '@app/persistence';
import { AppModule } from './app.module';
import { strictValidationPipe } from './http/validation';

/** Applies everything main.ts and the e2e suites share: pipes, body limits, docs. */
export function configureApp(app: NestExpressApplication): void {
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: '256kb' });
  app.useGlobalPipes(strictValidationPipe());
  app.enableShutdownHooks();
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

export async function createApp(config: AppConfig, clock: Clock = new SystemClock()): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, clock), {
    bufferLogs: true,
    bodyParser: false,
  });
  configureApp(app);
  return app;
}
