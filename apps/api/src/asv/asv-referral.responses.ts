import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { ALLEGATION_OUTCOMES, ASV_REFERRAL_STATES, RETENTION_BASES } from '@app/workflows';
import { pageOf } from '../http/openapi';
import { OpenDeadlineDto } from '../workflows/workflows.responses';
import type { AsvReferralSummary } from './asv-referral.store';
import {
  ASV_CASE_STATUSES,
  type AsvAction,
  type AsvReferralView,
  type AsvResolutionView,
  type AsvTransitionView,
} from './asv-referral.view';

// The answers of /asv-referrals for the OpenAPI description, field for field with the views
// they describe (asv-referral.view.ts, asv-referral.store.ts); ASV_RESPONSES_IN_STEP keeps them so.

const CASE_STATUS = {
  enum: ASV_CASE_STATUSES,
  description: "open, closed or redirected: what a person means by the case's status.",
} as const;
const WORKFLOW_STATUS = {
  enum: ['active', 'done'],
  description: "The engine's status: 'active' until the machine reaches a final state (a case can be reopened).",
} as const;
// A band is a number of months or 'beyond': a union the options' types do not offer, though OpenAPI does.
const band = (description: string) =>
  ({
    oneOf: [{ type: 'integer' }, { type: 'string', enum: ['beyond'] }],
    nullable: true,
    description,
  }) as unknown as ApiPropertyOptions;

export class AsvActionDto {
  @ApiProperty({ example: 'screen' }) action!: string;
  @ApiProperty({ enum: ['POST'] }) method!: 'POST';
  @ApiProperty({ example: '/asv-referrals/7a0b3d4e-5f60-4718-8a9b-0c1d2e3f4a5b/screening' }) href!: string;
}

export class AsvTransitionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'asv-referral' }) type!: string;
  @ApiProperty() machineVersion!: number;
  @ApiProperty({ example: 'screening', description: 'The full state (a dot path).' }) state!: string;
  @ApiProperty(CASE_STATUS) status!: AsvTransitionView['status'];
  @ApiProperty(WORKFLOW_STATUS) workflowStatus!: AsvTransitionView['workflowStatus'];
  @ApiProperty() seq!: number;
  @ApiProperty({ type: [String] }) allowedEvents!: string[];
  @ApiPropertyOptional({ description: 'True when this is the recorded answer to an earlier delivery of the same key.' })
  replayed?: boolean;
  @ApiProperty({ type: [AsvActionDto], description: 'What may be done next, as the request to make.' })
  allowedActions!: AsvAction[];
}

export class AsvReceivedDto extends AsvTransitionDto {
  @ApiProperty({ example: 'ASV-2026-000123', description: 'ASV-YYYY-NNNNNN: the year of receipt and a number from a sequence.' })
  reference!: string;
}

export class AsvResolutionDto {
  @ApiProperty({ type: [Number], example: [1, 3, 12] }) targetMonths!: number[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt!: string | null;
  @ApiProperty(band('The first target (months) met, or beyond the last.')) band!: AsvResolutionView['band'];
  @ApiProperty(band('Until the outcome: the target it would still meet if resolved today.'))
  bandIfResolvedToday!: AsvResolutionView['bandIfResolvedToday'];
}

export class AsvRetentionDto {
  @ApiProperty({ format: 'date' }) retainUntil!: string;
  @ApiProperty({ enum: RETENTION_BASES }) basis!: string;
  @ApiProperty({ description: 'A malicious allegation: the employer must remove it from the personnel file.' })
  flagForEmployer!: boolean;
}

export class AsvReferralViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'ASV-2026-000123' }) reference!: string;
  @ApiProperty({ example: 'north' }) area!: string;
  @ApiProperty({ enum: ASV_REFERRAL_STATES, description: "Top-level state ('tracks' for any combination of the tracks)." })
  state!: string;
  @ApiProperty({ description: "The full state, with each track's own state." }) stateDetail!: string;
  @ApiProperty(CASE_STATUS) status!: AsvReferralView['status'];
  @ApiProperty(WORKFLOW_STATUS) workflowStatus!: AsvReferralView['workflowStatus'];
  @ApiProperty() machineVersion!: number;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The record: opaque ids, decisions, meetings, tracks, outcome, follow-ups, contacts, reopenings.',
  })
  context!: AsvReferralView['context'];
  @ApiProperty({ type: [AsvActionDto] }) allowedActions!: AsvAction[];
  @ApiProperty({ type: [String] }) allowedEvents!: string[];
  @ApiProperty({ type: [OpenDeadlineDto] }) deadlines!: OpenDeadlineDto[];
  @ApiProperty() overdue!: boolean;
  @ApiProperty() stuck!: boolean;
  @ApiProperty({ type: AsvResolutionDto, nullable: true, description: 'Once referred to the LADO; null otherwise.' })
  resolution!: AsvResolutionDto | null;
  @ApiProperty({ type: AsvRetentionDto, nullable: true, description: 'Once closed; null while open.' })
  retention!: AsvRetentionDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ format: 'date-time' }) lastTransitionAt!: string;
  @ApiProperty() seq!: number;
}

export class AsvReferralSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) reference!: string | null;
  @ApiProperty({ type: String, nullable: true }) area!: string | null;
  @ApiProperty({ enum: ASV_REFERRAL_STATES }) state!: string;
  @ApiProperty() stateDetail!: string;
  @ApiProperty(CASE_STATUS) status!: AsvReferralSummary['status'];
  @ApiProperty(WORKFLOW_STATUS) workflowStatus!: AsvReferralSummary['workflowStatus'];
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ enum: ALLEGATION_OUTCOMES, nullable: true }) outcome!: AsvReferralSummary['outcome'];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextDueAt!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty() stuck!: boolean;
  @ApiProperty({ format: 'date-time' }) lastTransitionAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export const AsvReferralSummaryPageDto = pageOf(AsvReferralSummaryDto, 'AsvReferralSummaryPage');

type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
/** The same field names as the views, so a field added to one fails the typecheck until it is described. */
export const ASV_RESPONSES_IN_STEP: [
  SameKeys<AsvTransitionDto, AsvTransitionView>,
  SameKeys<AsvReferralViewDto, AsvReferralView>,
  SameKeys<AsvResolutionDto, AsvResolutionView>,
  SameKeys<AsvReferralSummaryDto, AsvReferralSummary>,
] = [true, true, true, true];
