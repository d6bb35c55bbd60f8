export * from './workflow-definition';
export * from './registry';
export * from './state-value';
export * from './deadlines';
export * from './payload-validation';
export * from './transition';
export * from './replay';
export * from './process-descriptor';
