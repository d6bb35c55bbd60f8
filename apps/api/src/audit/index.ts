export * from './access-context';
export * from './audit.module';
