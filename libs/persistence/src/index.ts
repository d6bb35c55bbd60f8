export * from './config/app-config';
export * from './config/config.module';
export * from './database/data-source-options';
export * from './database/ensure-database';
export * from './database/persistence.module';
export * from './migrations';
export * from './entities';
export * from './access-log';
