import { toBoolean, WorkflowFlagsQuery } from '../http/query';
import { ApiProperty, ApiPropertyOptional, type SchemaObject } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  ValidateIf,
  Matches,
  Max,
  Min,
} from 'class-validator';

const TYPE_PATTERN = /^[a-z][a-z0-9-]{0,62}$/;

export class StartWorkflowDto {
  @ApiProperty({
    example: 'demo-case',
    description:
      'A registered workflow type without a domain API (GET /workflow-types; the operation says which). A type with one answers 403 naming it.',
  })
  @IsString()
  @Matches(TYPE_PATTERN, { message: 'type must be a workflow type id (lower case, digits, dashes)' })
  type!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "Validated by the type's input class: unknown fields are refused.",
    example: { reference: 'DEMO-1', area: 'north', receivedAt: '2026-01-05T09:00:00Z' },
  })
  @IsObject()
  input!: Record<string, unknown>;
}

export class MigrateWorkflowDto {
  @ApiProperty({ example: 2 }) @IsInt() @Min(1) @Max(10000) toVersion!: number;
  @ApiProperty({ example: 'Move to v2 so the review step applies' })
  @IsString()
  @Length(5, 1000)
  reason!: string;
}

/** A staff member's subject id as the identity provider issues it: no whitespace (the column's CHECK). */
export const STAFF_SUB_PATTERN = /^[^\s]{1,255}$/;

export class ReassignWorkflowDto {
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'lado-2',
    description: "The identity provider's subject id of the member of staff to assign the workflow to; null: to no one.",
  })
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Matches(STAFF_SUB_PATTERN, { message: 'assignee must be a subject id (no spaces)' })
  assignee!: string | null;
  @ApiProperty({ example: 'Allocated to the duty LADO while the case holder is on leave' })
  @IsString()
  @Length(5, 1000)
  reason!: string;
}

export class ListWorkflowsQuery extends WorkflowFlagsQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(TYPE_PATTERN) type?: string;
  @ApiPropertyOptional({ description: "Canonical state, e.g. 'screening'" })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  state?: string;
  @ApiPropertyOptional({ enum: ['active', 'done'] }) @IsOptional() @IsIn(['active', 'done']) status?:
    'active' | 'done';
  @ApiPropertyOptional({ description: "A deadline's warning has fired" })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  atRisk?: boolean;
  @ApiPropertyOptional({ description: 'An effect or timer has exhausted its retries' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  failed?: boolean;
  @ApiPropertyOptional({ example: '2026-11-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  updatedBefore?: string;
  @ApiPropertyOptional({
    example: 'child-1',
    description: 'Every workflow about this subject: the opaque id of a child, an unborn child, a household or a person (the lookup is access-logged)',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, { message: 'subject must be an opaque id (letters, digits, . _ : -)' })
  subject?: string;
}

export class ForceStateDto {
  @ApiProperty({
    example: 'ladoInitialConsideration',
    description: 'Dot path of the target state (GET /workflow-types).',
  })
  @IsString()
  @Matches(/^[A-Za-z][A-Za-z0-9-]*(\.[A-Za-z][A-Za-z0-9-]*)*$/, {
    message: 'toState must be a dot path of state names',
  })
  @Length(1, 300)
  toState!: string;

  @ApiProperty({ example: 'Screening recorded on paper during the outage; moving the case on' })
  @IsString()
  @Length(5, 1000)
  reason!: string;
}

export class ResolveIncidentDto {
  @ApiProperty({ example: 'Receiving system back up; retrying' })
  @IsString()
  @Length(5, 1000)
  reason!: string;
  @ApiPropertyOptional({
    default: false,
    description: 'Put the failed effect back in the outbox with fresh attempts',
  })
  @IsOptional()
  @IsBoolean()
  retry?: boolean;
}

export const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9.-]{0,99}$/;

/**
 * The body of POST /workflows/:id/events, for the OpenAPI description: an event type and that
 * event's payload beside it. The payload's fields depend on the workflow's type and the event
 * (GET /workflow-types lists each type's events), so the machine's payload class checks them.
 */
export const SEND_EVENT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['type'],
  properties: {
    type: {
      type: 'string',
      pattern: EVENT_TYPE_PATTERN.source,
      description: "An event the workflow's type accepts; deadline.*, engine.* and workflow.* are the engine's own.",
      example: 'note.added',
    },
  },
  additionalProperties: true,
  example: { type: 'note.added', text: 'Spoke to the school' },
};
