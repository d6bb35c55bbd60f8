export * from './access-log.service';
export * from './access-log.module';
export * from './access-log.cursor';
