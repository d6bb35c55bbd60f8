import type { MigrationInterface } from 'typeorm';

// Every migration, in order. Listed explicitly (not globbed) so the same list runs from
// TypeScript under jest and from compiled JavaScript in production.
export const MIGRATIONS: (new () => MigrationInterface)[] = [];
