export * from './access-context';
export * from './log-access.interceptor';
export * from './audit.module';
