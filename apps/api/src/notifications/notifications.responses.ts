import { ApiProperty } from '@nestjs/swagger';
import {
  type DeliveryAttemptView,
  type DeliveryView,
  type InboxItem,
  NOTIFICATION_CHANNELS,
  RECIPIENT_KINDS,
  type RotaView,
  type TeamView,
  type WorkflowNotificationView,
} from '@app/timers';
import { DEADLINE_STEP } from '@app/workflows';
import { pageOf } from '../http/openapi';

// The answers of the notification routes for the OpenAPI description, field for field with the
// views of libs/timers they describe; NOTIFICATION_RESPONSES_IN_STEP keeps them so.

export class TeamDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'north', description: "An area, or '*' for the whole authority." }) area!: string;
  @ApiProperty({ enum: RECIPIENT_KINDS }) recipient!: TeamView['recipient'];
  @ApiProperty({ example: 'North duty managers' }) name!: string;
  @ApiProperty({ example: 'north.duty@council.example' }) fallbackEmail!: string;
  @ApiProperty({ type: String, nullable: true }) fallbackSubject!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class RotaEntryViewDto {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ description: "The identity provider's subject id of the person on duty." }) subject!: string;
  @ApiProperty({ description: 'Their work address.' }) email!: string;
}

export class RotaDto {
  @ApiProperty() area!: string;
  @ApiProperty({ enum: RECIPIENT_KINDS }) recipient!: RotaView['recipient'];
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ type: [RotaEntryViewDto] }) entries!: RotaEntryViewDto[];
}

export class DeadlineFactsDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'asv-screening' }) kind!: string;
  @ApiProperty({ enum: Object.values(DEADLINE_STEP) }) step!: string;
  @ApiProperty() occurrence!: number;
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
}

export class InboxItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) workflowId!: string;
  @ApiProperty() workflowType!: string;
  @ApiProperty({ type: String, nullable: true }) reference!: string | null;
  @ApiProperty({ enum: RECIPIENT_KINDS }) recipient!: InboxItem['recipient'];
  @ApiProperty() template!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: DeadlineFactsDto, nullable: true }) deadline!: DeadlineFactsDto | null;
  @ApiProperty({ description: 'Where the workflow is, for a person to open.' }) link!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acknowledgedAt!: string | null;
}

export const InboxPageDto = pageOf(InboxItemDto, 'InboxPage');

export class DeliveryAttemptDto {
  @ApiProperty() attempt!: number;
  @ApiProperty({ enum: ['delivered', 'failed'] }) outcome!: DeliveryAttemptView['outcome'];
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time' }) finishedAt!: string;
}

export class DeliveryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: NOTIFICATION_CHANNELS }) channel!: DeliveryView['channel'];
  @ApiProperty() target!: string;
  @ApiProperty({ enum: ['pending', 'retrying', 'delivered', 'failed'] }) status!: DeliveryView['status'];
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastAttemptAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acknowledgedAt!: string | null;
  @ApiProperty({ type: [DeliveryAttemptDto] }) history!: DeliveryAttemptDto[];
}

export class WorkflowNotificationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: RECIPIENT_KINDS }) recipient!: WorkflowNotificationView['recipient'];
  @ApiProperty() template!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true }) reference!: string | null;
  @ApiProperty({ enum: ['rota', 'team', 'none'] }) resolvedVia!: WorkflowNotificationView['resolvedVia'];
  @ApiProperty({ format: 'date' }) onDutyDate!: string;
  @ApiProperty({ type: DeadlineFactsDto, nullable: true }) deadline!: DeadlineFactsDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: [DeliveryDto] }) deliveries!: DeliveryDto[];
}

type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
export const NOTIFICATION_RESPONSES_IN_STEP: [
  SameKeys<TeamDto, TeamView>,
  SameKeys<RotaDto, RotaView>,
  SameKeys<InboxItemDto, InboxItem>,
  SameKeys<DeliveryDto, DeliveryView>,
  SameKeys<WorkflowNotificationDto, WorkflowNotificationView>,
] = [true, true, true, true, true];
