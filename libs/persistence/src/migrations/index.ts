import type { MigrationInterface } from 'typeorm';
import { AccessLog1764000002000 } from './1764000002000-access-log';

// Every migration, in order. Listed explicitly (not globbed) so the same list runs from
// TypeScript under jest and from compiled JavaScript in production.
export const MIGRATIONS: (new () => MigrationInterface)[] = [AccessLog1764000002000];
