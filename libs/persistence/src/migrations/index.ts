import type { MigrationInterface } from 'typeorm';
import { WorkflowEngine1764000001000 } from './1764000001000-workflow-engine';
import { AccessLog1764000002000 } from './1764000002000-access-log';
import { DeadlineTimers1764000003000 } from './1764000003000-deadline-timers';
import { Notifications1764000004000 } from './1764000004000-notifications';
import { AsvReferral1764000005000 } from './1764000005000-asv-referral';
import { DropRedundantInstanceIndex1764000006000 } from './1764000006000-drop-redundant-instance-index';
import { People1764000007300 } from './1764000007300-people';
import { Chairs1764000007400 } from './1764000007400-chairs';
import { DeadlineItemKey1764000010000 } from './1764000010000-deadline-item-key';
import { WorkflowLinks1764000011000 } from './1764000011000-workflow-links';
import { WorkflowSubjects1764000012000 } from './1764000012000-workflow-subjects';
import { IncidentOnce1764000013000 } from './1764000013000-incident-once';
import { Console1764000015000 } from './1764000015000-console';
import { Conferences1764000020000 } from './1764000020000-conferences';
import { ConferenceRecipients1764000021000 } from './1764000021000-conference-recipients';
import { Invitations1764000030000 } from './1764000030000-invitations';
import { Documents1764000035000 } from './1764000035000-documents';
import { PlanRegister1764000040000 } from './1764000040000-plan-register';
import { Distribution1764000045000 } from './1764000045000-distribution';
import { WorkflowAssignee1764000050000 } from './1764000050000-workflow-assignee';
import { BoardFilterColumns1764000051000 } from './1764000051000-board-filter-columns';
import { DistributionDeliveryReports1764000065000 } from './1764000065000-distribution-delivery-reports';
import { DistributionLinkTokens1764000070000 } from './1764000070000-distribution-link-tokens';
import { DistributionDeliveryTime1764000080000 } from './1764000080000-distribution-delivery-time';
import { IncidentReason1764000085000 } from './1764000085000-incident-reason';

// Every migration, in order. Listed explicitly (not globbed) so the same list runs from
// TypeScript under jest and from compiled JavaScript in production.
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  WorkflowEngine1764000001000,
  AccessLog1764000002000,
  DeadlineTimers1764000003000,
  Notifications1764000004000,
  AsvReferral1764000005000,
  DropRedundantInstanceIndex1764000006000,
  People1764000007300,
  Chairs1764000007400,
  DeadlineItemKey1764000010000,
  WorkflowLinks1764000011000,
  WorkflowSubjects1764000012000,
  IncidentOnce1764000013000,
  Console1764000015000,
  Conferences1764000020000,
  ConferenceRecipients1764000021000,
  Invitations1764000030000,
  Documents1764000035000,
  PlanRegister1764000040000,
  Distribution1764000045000,
  WorkflowAssignee1764000050000,
  BoardFilterColumns1764000051000,
  DistributionDeliveryReports1764000065000,
  DistributionLinkTokens1764000070000,
  DistributionDeliveryTime1764000080000,
  IncidentReason1764000085000,
];
