export * from './engine.types';
export * from './outbox-signal';
export * from './workflow-engine.service';
export * from './cursor';
export * from './engine.module';
export * from './replay.service';
