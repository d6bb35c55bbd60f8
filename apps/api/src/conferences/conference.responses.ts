import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CONFERENCE_KINDS } from '@app/workflows';
import { pageOf } from '../http/openapi';
import { OpenDeadlineDto } from '../workflows/workflows.responses';

// The answers of /conferences for the OpenAPI description, field for field with the views they
// describe (conference.view.ts, conference.store.ts).

const WORKFLOW_STATUS = {
  enum: ['active', 'done'],
  description: "The engine's status: 'active' until a final state.",
} as const;

export class ConferenceTransitionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'awaitingChair', description: 'The full state (a dot path).' }) state!: string;
  @ApiProperty(WORKFLOW_STATUS) workflowStatus!: 'active' | 'done';
  @ApiProperty() seq!: number;
  @ApiProperty({ type: [String] }) allowedEvents!: string[];
  @ApiPropertyOptional({
    description: 'True when this is the recorded answer to an earlier delivery of the same key.',
  })
  replayed?: boolean;
}

export class ConferenceRequestedDto extends ConferenceTransitionDto {
  @ApiProperty({
    example: 'CPC-2027-000042',
    description: 'CPC-YYYY-NNNNNN: the year of the request and a number from a sequence.',
  })
  reference!: string;
}

export class ConferenceFlagsDto {
  @ApiProperty() lateRequest!: boolean;
  @ApiProperty() dueAtOnce!: boolean;
  @ApiProperty() lateConference!: boolean;
  @ApiProperty() afterIdealDate!: boolean;
  @ApiProperty() movedRepeatedly!: boolean;
}

export class ConferenceViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String, example: 'CPC-2027-000042' }) reference!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'north' }) area!: string | null;
  @ApiProperty({ example: 'booked.invitations.sending' }) state!: string;
  @ApiProperty(WORKFLOW_STATUS) workflowStatus!: 'active' | 'done';
  @ApiProperty({ enum: CONFERENCE_KINDS }) kind!: string;
  @ApiProperty({
    example: '2027-02-22',
    description: 'The statutory date the conference is due by (GET /timescales/{kind} computes the same).',
  })
  dueDate!: string;
  @ApiProperty({ type: ConferenceFlagsDto }) flags!: ConferenceFlagsDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      "The conference's facts: children, parents and carers, professionals and invitees by person id; the chair, booking, moves, invitations and reports. No name, date of birth, address or email.",
  })
  conference!: Record<string, unknown>;
  @ApiProperty({ type: [OpenDeadlineDto] }) deadlines!: OpenDeadlineDto[];
  @ApiProperty() overdue!: boolean;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      "The distribution of the decisions and minutes (GET /distributions/{id}), started by the conference's decision; null until then, or when your role may not read distributions.",
  })
  distributionId!: string | null;
  @ApiProperty({ type: [String] }) allowedEvents!: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ConferenceSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String }) reference!: string | null;
  @ApiProperty({ nullable: true, type: String }) area!: string | null;
  @ApiProperty({ enum: CONFERENCE_KINDS }) kind!: string;
  @ApiProperty({ example: 'booked', description: 'Top-level state.' }) state!: string;
  @ApiProperty({ example: 'booked.invitations.sending' }) stateDetail!: string;
  @ApiProperty({ example: '2027-02-22' }) dueDate!: string;
  @ApiProperty({ nullable: true, type: String, example: '2027-02-18' }) date!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) nextDueAt!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty() stuck!: boolean;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export const ConferenceSummaryPageDto = pageOf(ConferenceSummaryDto, 'ConferenceSummaryPage');
