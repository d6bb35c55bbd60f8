import type { MigrationInterface } from 'typeorm';
import { WorkflowEngine1764000001000 } from './1764000001000-workflow-engine';
import { AccessLog1764000002000 } from './1764000002000-access-log';
import { DeadlineTimers1764000003000 } from './1764000003000-deadline-timers';
import { Notifications1764000004000 } from './1764000004000-notifications';
import { AsvReferral1764000005000 } from './1764000005000-asv-referral';
import { DropRedundantInstanceIndex1764000006000 } from './1764000006000-drop-redundant-instance-index';
import { Console1764000015000 } from './1764000015000-console';

// Every migration, in order. Listed explicitly (not globbed) so the same list runs from
// TypeScript under jest and from compiled JavaScript in production.
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  WorkflowEngine1764000001000,
  AccessLog1764000002000,
  DeadlineTimers1764000003000,
  Notifications1764000004000,
  AsvReferral1764000005000,
  DropRedundantInstanceIndex1764000006000,
  Console1764000015000,
];
