import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ListEntryInput, REVOCATION_REASONS } from '@app/workflows';
import { pageOf } from '../http/openapi';
import { OpenDeadlineDto } from '../workflows/workflows.responses';

// The answers of /distributions for the OpenAPI description (distribution.service.ts's views).

export class SendingDto {
  @ApiProperty() packId!: string;
  @ApiProperty({ description: 'The sending: 1, then one more for each resending of the pack.' }) attempt!: number;
  @ApiProperty({ format: 'date-time', description: 'When its personal link was issued, just before the email went to the relay (the last try’s).' })
  linkIssuedAt!: string;
  @ApiProperty({
    enum: ['delivered', 'failed'],
    nullable: true,
    type: String,
    description:
      'What the relay’s delivery report said (RFC 3464): delivered to the mailbox, or failed for good (the pack is then `rejected`). Null until a report is read, and always without DISTRIBUTION_RETURN_PATH (no report asked).',
  })
  delivery!: 'delivered' | 'failed' | null;
  @ApiProperty({ nullable: true, type: String, example: '5.1.1', description: 'The report’s RFC 3463 status code.' })
  deliveryStatus!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description:
      'When the relay says it delivered or gave up (the report’s Last-Attempt-Date, else its Date), as the relay’s clock gave it; null when the report gave no time. The pack’s `deliveredAt` is this time bounded by the sending’s and the reading’s.',
  })
  deliveryAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the service read and recorded the report.' })
  deliveryReportedAt!: string | null;
}

export class DistributionViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiPropertyOptional({ example: 'CPC-2026-000042', nullable: true }) reference!: string | null;
  @ApiPropertyOptional({ nullable: true }) area!: string | null;
  @ApiProperty({ description: 'The full state (the three regions: decisions, minutes, corrections).' })
  state!: string;
  @ApiProperty({ enum: ['active', 'done'] }) workflowStatus!: 'active' | 'done';
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'The distribution as the workflow holds it, ids only: recipients, exclusions, reports, documents and versions (parts with their SHA-256), approvals, packs (status, sending, first opened), corrections, incidents, clocks.',
  })
  distribution!: Record<string, unknown>;
  @ApiProperty({
    type: [SendingDto],
    description:
      'Every emailed sending of every pack, one per pack and attempt, with its delivery report: a resent pack keeps its earlier sendings here.',
  })
  sendings!: SendingDto[];
  @ApiProperty({ type: [OpenDeadlineDto] }) deadlines!: OpenDeadlineDto[];
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ type: [String] }) allowedEvents!: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class DraftListDto {
  @ApiProperty({ type: [ListEntryInput] }) recipients!: ListEntryInput[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  addressNeeds!: unknown[];
}

export class PartWithholdingDto {
  @ApiProperty() documentId!: string;
  @ApiProperty() partId!: string;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'Each recipient who may not receive the part, with the rules that withhold it.',
  })
  withheldFrom!: { recipientId: string; rules: string[] }[];
}

export class DistributionListDto {
  @ApiProperty({ enum: ['decisions', 'minutes'] }) round!: string;
  @ApiProperty({ type: DraftListDto }) draft!: DraftListDto;
  @ApiProperty({ type: [PartWithholdingDto] }) withholdings!: PartWithholdingDto[];
}

export class DataProtectionIncidentDto {
  @ApiProperty({ format: 'uuid' }) workflowId!: string;
  @ApiProperty() incidentId!: string;
  @ApiProperty() area!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() packId!: string;
  @ApiProperty({ description: 'The recipient’s person id.' }) recipientId!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The part ids and document versions exposed.',
  })
  exposed!: unknown;
  @ApiProperty() statusAtRevocation!: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) sentAt!: string | null;
  @ApiProperty() opened!: boolean;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) firstOpenedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) revokedAt!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    enum: REVOCATION_REASONS,
    description: 'Why the pack was revoked; null for incidents recorded before this was kept.',
  })
  reason!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Who revoked it (their sign-in id); null for incidents recorded before this was kept.',
  })
  revokedBy!: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class DataProtectionIncidentsDto {
  @ApiProperty({ type: [DataProtectionIncidentDto] }) incidents!: DataProtectionIncidentDto[];
}

export class DistributionSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'The conference that started it (GET /conferences/{id}).' })
  conferenceId!: string;
  @ApiProperty({ nullable: true, type: String, example: 'CPC-2026-000042' }) reference!: string | null;
  @ApiProperty({ nullable: true, type: String }) area!: string | null;
  @ApiProperty() state!: string;
  @ApiProperty({ enum: ['active', 'done'] }) workflowStatus!: 'active' | 'done';
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) nextDueAt!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export const DistributionSummaryPageDto = pageOf(DistributionSummaryDto, 'DistributionSummaryPage');
