import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AppConfig } from '@app/persistence';
import { openQueueBackend } from './open-queue-backend';
import { QueueBackend } from './queue-backend';

/**
 * Provides the one QueueBackend of the application; importers share it (Nest makes modules once).
 * Made after the database is ready (TypeORM's data source: created on a fresh machine, migrated),
 * so queues on the PostgreSQL backend find the database there when they first connect.
 */
@Module({
  providers: [
    {
      provide: QueueBackend,
      inject: [AppConfig, getDataSourceToken()],
      useFactory: (config: AppConfig) => openQueueBackend(config),
    },
  ],
  exports: [QueueBackend],
})
export class QueueBackendModule {}
