import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import type {
  IncidentView,
  WorkflowLinkView,
  JournalEntryView,
  OpenDeadlineView,
  TransitionResult,
  WorkflowDetails,
  WorkflowSummary,
} from '@app/persistence';
import { pageOf } from '../http/openapi';

// The answers of the generic workflow API, for its OpenAPI description. They describe the
// engine's own types (TransitionResult, WorkflowDetails… in @app/persistence) field for field;
// RESPONSES_IN_STEP at the end keeps the two in step.

const STATUS = ['active', 'done'] as const;

export class TransitionResultDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'asv-referral' }) type!: string;
  @ApiProperty({ example: 1 }) machineVersion!: number;
  @ApiProperty({ example: 'screening', description: 'The state as a dot path (parallel regions joined).' }) state!: string;
  @ApiProperty({ enum: STATUS, description: "The engine's status: done once the machine reaches a final state." })
  status!: 'active' | 'done';
  @ApiProperty({ example: 2, description: 'The journal sequence number of this event.' }) seq!: number;
  @ApiProperty({ type: [String], description: 'Events the state accepts now (a rule may still refuse one).' })
  allowedEvents!: string[];
  @ApiPropertyOptional({ description: 'True when this is the recorded answer to an earlier delivery of the same key.' })
  replayed?: boolean;
}

export class OpenDeadlineDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'asv-screening' }) kind!: string;
  @ApiPropertyOptional({ description: 'The item the clock is about, when a state opens several of one kind.' })
  key?: string;
  @ApiProperty({ example: 'asv-screening', description: 'The escalation ladder it follows.' }) ladder!: string;
  @ApiProperty({ format: 'date', example: '2026-11-20' }) anchorDate!: string;
  @ApiProperty({ format: 'date', example: '2026-11-23' }) dueDate!: string;
  @ApiProperty({ format: 'date-time', description: 'Missed from this instant: London midnight after the due date.' })
  dueAt!: string;
  @ApiProperty({ enum: ['open', 'met', 'cancelled'] }) status!: 'open' | 'met' | 'cancelled';
  @ApiProperty({ type: String, nullable: true, description: 'The last escalation step fired.' }) lastStep!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) warnedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) overdueAt!: string | null;
}

export class IncidentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'effect-failed' }) kind!: string;
  @ApiProperty() detail!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt!: string | null;
}

export class WorkflowLinkDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() type!: string;
  @ApiProperty() state!: string;
  @ApiProperty({ enum: STATUS }) status!: 'active' | 'done';
  @ApiProperty({ description: "The parent's journal entry that started the child." }) parentSeq!: number;
}

export class AssigneeDto {
  @ApiProperty({ description: "The identity provider's subject id of the member of staff." }) sub!: string;
  @ApiProperty({ format: 'date-time', description: 'When it was assigned to them.' }) since!: string;
}

export class WorkflowDetailsDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() type!: string;
  @ApiProperty() machineVersion!: number;
  @ApiProperty() state!: string;
  @ApiProperty({ enum: STATUS }) status!: 'active' | 'done';
  @ApiProperty({ type: String, nullable: true }) area!: string | null;
  @ApiProperty({ type: String, nullable: true }) reference!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The machine's context: the record." })
  context!: Record<string, unknown>;
  @ApiProperty({ type: [String] }) allowedEvents!: string[];
  @ApiProperty({ type: [OpenDeadlineDto] }) deadlines!: OpenDeadlineDto[];
  @ApiProperty({ type: [IncidentDto] }) incidents!: IncidentDto[];
  @ApiProperty({ description: 'An open deadline has passed.' }) overdue!: boolean;
  @ApiProperty({ description: "No transition for longer than the state's limit." }) stuck!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ format: 'date-time' }) lastTransitionAt!: string;
  @ApiProperty() seq!: number;
  @ApiPropertyOptional({ type: AssigneeDto, nullable: true, description: 'Who the workflow is assigned to (POST …/reassign).' })
  assignee?: AssigneeDto | null;
  @ApiPropertyOptional({ type: WorkflowLinkDto, nullable: true, description: 'The workflow that started this one.' })
  parent?: WorkflowLinkDto | null;
  @ApiPropertyOptional({ type: [WorkflowLinkDto], description: 'The workflows this one started (those you may see).' })
  children?: WorkflowLinkDto[];
}

class ActorDto {
  @ApiProperty({ description: "The identity provider's subject id, or 'system'." }) sub!: string;
  @ApiProperty({ example: 'coordinator' }) role!: string;
}

export class JournalEntryDto {
  @ApiProperty() seq!: number;
  @ApiProperty() eventId!: string;
  @ApiProperty({ example: 'screening.threshold-met' }) type!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload!: Record<string, unknown>;
  @ApiProperty({ type: ActorDto }) actor!: ActorDto;
  @ApiProperty({ type: String, nullable: true }) fromState!: string | null;
  @ApiProperty() toState!: string;
  @ApiProperty() machineVersion!: number;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
}

/** A row of GET /workflows: the record's columns, no context. */
export class WorkflowSummaryDto extends PickType(WorkflowDetailsDto, [
  'id',
  'type',
  'machineVersion',
  'state',
  'status',
  'area',
  'reference',
  'overdue',
  'stuck',
  'lastTransitionAt',
  'updatedAt',
] as const) {
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The earliest open deadline.' })
  nextDueAt!: string | null;
  @ApiProperty({ description: 'Incidents not yet resolved.' }) openIncidents!: number;
}

export const WorkflowSummaryPageDto = pageOf(WorkflowSummaryDto, 'WorkflowSummaryPage');

export class WorkflowTypeDto {
  @ApiProperty({ example: 'asv-referral' }) type!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'New instances start on the latest version.' }) latest!: boolean;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: [String] }) events!: string[];
  @ApiProperty({ type: Number, nullable: true }) migratesFrom!: number | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "XState's JSON of the machine, for drawing." })
  definition!: Record<string, unknown>;
}

/** One event of a Stately inspection trace (@statelyai/inspect); members beyond these vary by type. */
export class InspectionEventDto {
  @ApiProperty({ enum: ['@xstate.actor', '@xstate.event', '@xstate.snapshot'] }) type!: string;
  @ApiProperty() id!: string;
  @ApiProperty() sessionId!: string;
  @ApiPropertyOptional() rootId?: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'The event (its type only).' })
  event?: Record<string, unknown>;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'State value and status; context keys with their values redacted.',
  })
  snapshot?: Record<string, unknown>;
  @ApiPropertyOptional({ description: "The machine's definition as JSON (@xstate.actor only)." }) definition?: string;
}

/** The same field names, so a field added to the engine's answer fails the typecheck until it is described here. */
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
export const RESPONSES_IN_STEP: [
  SameKeys<TransitionResultDto, TransitionResult>,
  SameKeys<WorkflowDetailsDto, WorkflowDetails>,
  SameKeys<OpenDeadlineDto, OpenDeadlineView>,
  SameKeys<IncidentDto, IncidentView>,
  SameKeys<WorkflowLinkDto, WorkflowLinkView>,
  SameKeys<JournalEntryDto, JournalEntryView>,
  SameKeys<WorkflowSummaryDto, WorkflowSummary>,
] = [true, true, true, true, true, true, true];
