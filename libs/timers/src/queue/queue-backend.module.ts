import { Module } from '@nestjs/common';
import { AppConfig } from '@app/persistence';
import { openQueueBackend } from './open-queue-backend';
import { QueueBackend } from './queue-backend';

/** Provides the one QueueBackend of the application; importers share it (Nest makes modules once). */
@Module({
  providers: [{ provide: QueueBackend, inject: [AppConfig], useFactory: openQueueBackend }],
  exports: [QueueBackend],
})
export class QueueBackendModule {}
