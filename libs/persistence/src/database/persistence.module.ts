import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { ensureDatabaseExists } from './ensure-database';

/** The TypeORM connection: creates the database on a fresh machine and runs pending migrations at start unless told not to. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: async (config: AppConfig) => {
        await ensureDatabaseExists(config.databaseUrl);
        return { ...dataSourceOptions(config.databaseUrl), migrationsRun: config.migrateOnStart };
      },
    }),
  ],
  exports: [TypeOrmModule],
})
export class PersistenceModule {}
