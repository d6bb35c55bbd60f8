export * from './people.types';
export * from './people.store';
export * from './people.module';
export * from './safe-database-error';
