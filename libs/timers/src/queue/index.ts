export * from './queue-backend';
export * from './redis-queues';
export * from './postgres-queues';
export * from './pg-error-listeners';
export * from './open-queue-backend';
export * from './queue-contents';
export * from './queue-backend.module';
export * from './scheduler-keeper';
