import { ApiProperty, ApiPropertyOptional, OmitType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CONFERENCE_FIELD_PATTERNS as P,
  CONFERENCE_KINDS,
  CONFERENCE_STATES,
  CancelPayload,
  ChairAssignedPayload,
  type ConferenceKind,
  PROFESSIONAL_GROUPS,
  type ProfessionalGroup,
  RELATIONSHIPS,
  type Relationship,
  ReschedulePayload,
  SchedulePayload,
  SocialWorkerInput,
  StrategyDiscussionInput,
  TransferInput,
  WithdrawPayload,
  InviteePayload,
  InviteeRemovedPayload,
  InvitationAnsweredPayload,
  ReportReceivedPayload,
  ReportSharedPayload,
  WithholdingDecidedPayload,
  AGENCY_KEY_PATTERN,
} from '@app/workflows';
import { withOpenApi } from '../http/openapi-from-validation';
import { WorkflowFlagsQuery } from '../http/query';
import { PersonToResolveDto } from '../people/people.dto';

const MAX_CHILDREN = 20;
const CHILD_INDEX = () => [
  IsInt({ each: true }),
  Min(0, { each: true }),
  Max(MAX_CHILDREN - 1, { each: true }),
];
function ChildIndexes(): PropertyDecorator {
  return (target, key) => CHILD_INDEX().forEach((decorate) => decorate(target, key));
}

/**
 * A child of the household, named by the ids the case-management system (or the NHS) knows them
 * by, with their details: found or created in the person store. The date of birth (or, for an
 * unborn child, the expected date of delivery) goes to the person store only: the API computes the
 * age band and the pre-birth clock from it, and the workflow never holds the date.
 */
export class ConferenceChildDto {
  @ApiProperty({
    type: PersonToResolveDto,
    description: 'kind child or unborn-child; at least one external id.',
  })
  @IsDefined()
  @ValidateNested()
  @Type(() => PersonToResolveDto)
  person!: PersonToResolveDto;

  @ApiPropertyOptional({
    description:
      "An unborn child's mother: her index among parentsAndCarers (required for an unborn child only).",
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(19)
  motherIndex?: number;

  @ApiPropertyOptional({
    description: "A child of the invitation age: their supporter or advocate, by the service's person id.",
  })
  @IsOptional()
  @IsUUID('4')
  advocatePersonId?: string;
}

export class ConferenceParentDto {
  @ApiProperty({ type: PersonToResolveDto, description: 'kind adult; at least one external id.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => PersonToResolveDto)
  person!: PersonToResolveDto;

  @ApiProperty({ enum: RELATIONSHIPS }) @IsIn(RELATIONSHIPS) relationship!: Relationship;
  @ApiProperty() @IsBoolean() parentalResponsibility!: boolean;

  @ApiProperty({
    type: [Number],
    example: [0, 1, 2],
    description: 'The children (indexes into children) this person is a parent or carer of.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CHILDREN)
  @ArrayUnique()
  @ChildIndexes()
  children!: number[];

  @ApiPropertyOptional({ description: "A supporter who comes with them, by the service's person id." })
  @IsOptional()
  @IsUUID('4')
  supporterPersonId?: string;

  @ApiPropertyOptional({ description: "An advocate, by the service's person id." })
  @IsOptional()
  @IsUUID('4')
  advocatePersonId?: string;
}

export class ConferenceProfessionalDto {
  @ApiProperty({ description: "The professional's person record (the service's id, from POST /people)." })
  @IsUUID('4')
  personId!: string;

  @ApiProperty({ example: 'police:met', pattern: AGENCY_KEY_PATTERN.source })
  @Matches(AGENCY_KEY_PATTERN)
  agencyId!: string;

  @ApiProperty({ enum: PROFESSIONAL_GROUPS })
  @IsIn(PROFESSIONAL_GROUPS)
  professionalGroup!: ProfessionalGroup;

  @ApiProperty({
    type: [Number],
    example: [0],
    description: 'The children (indexes into children) they have had direct contact with.',
  })
  @IsArray()
  @ArrayMaxSize(MAX_CHILDREN)
  @ArrayUnique()
  @ChildIndexes()
  directContactWith!: number[];
}

export class StrategyDiscussionDto extends withOpenApi(StrategyDiscussionInput) {}
export class TransferDto extends withOpenApi(TransferInput) {}

/** The social worker, their team and team manager: person ids in the person store (uuids). */
export class SocialWorkerDto extends OmitType(withOpenApi(SocialWorkerInput), [
  'personId',
  'teamManagerPersonId',
] as const) {
  @ApiProperty() @IsUUID('4') personId!: string;
  @ApiProperty({ description: 'The team manager (role team_manager): invited, and agrees a late date.' })
  @IsUUID('4')
  teamManagerPersonId!: string;
}

/**
 * A conference request. The API assigns the reference, fills the statutory figures from the
 * authority's settings, resolves the family through the person store, computes each child's age
 * band on the due date and a pre-birth conference's dates from the expected date of delivery.
 */
export class RequestConferenceDto {
  @ApiProperty({ enum: CONFERENCE_KINDS.filter((kind) => kind !== 'review') })
  @IsIn(CONFERENCE_KINDS.filter((kind) => kind !== 'review'))
  kind!: Exclude<ConferenceKind, 'review'>;

  @ApiProperty({ example: 'north' })
  @IsString()
  @Length(1, 40)
  @Matches(/^[a-z0-9][a-z0-9-]*$/)
  area!: string;

  @ApiProperty({ example: 'HH-20418', description: "The household's id in the case-management system." })
  @Matches(P.opaqueId)
  householdId!: string;

  @ApiProperty({ type: [ConferenceChildDto], minItems: 1, maxItems: MAX_CHILDREN })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CHILDREN)
  @ValidateNested({ each: true })
  @Type(() => ConferenceChildDto)
  children!: ConferenceChildDto[];

  @ApiProperty({ type: [ConferenceParentDto], maxItems: 20 })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ConferenceParentDto)
  parentsAndCarers!: ConferenceParentDto[];

  @ApiProperty({ type: [StrategyDiscussionDto], maxItems: 20 })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => StrategyDiscussionDto)
  strategyDiscussions!: StrategyDiscussionDto[];

  @ApiPropertyOptional({ example: '2027-02-01', description: 'Initial and pre-birth conferences.' })
  @IsOptional()
  @Matches(P.dateOnly)
  section47StartDate?: string;

  @ApiProperty({ type: SocialWorkerDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => SocialWorkerDto)
  socialWorker!: SocialWorkerDto;

  @ApiProperty({ type: [ConferenceProfessionalDto], maxItems: 60 })
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => ConferenceProfessionalDto)
  professionals!: ConferenceProfessionalDto[];

  @ApiPropertyOptional({ type: TransferDto, description: 'A transfer-in conference only.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TransferDto)
  transfer?: TransferDto;
}

export class WithdrawDto extends withOpenApi(WithdrawPayload) {}

export class AssignChairDto extends PickType(withOpenApi(ChairAssignedPayload), ['reason'] as const) {
  @ApiPropertyOptional({
    description:
      "A co-ordinator's choice of another chair (with a reason); without it the area's chair or cover on the due date.",
  })
  @IsOptional()
  @Matches(P.opaqueId)
  chairSub?: string;
}

export class ScheduleDto extends withOpenApi(SchedulePayload) {}
export class RescheduleDto extends withOpenApi(ReschedulePayload) {}
export class CancelDto extends withOpenApi(CancelPayload) {}

export class SlotsForConferenceQuery {
  @ApiProperty({ format: 'uuid', description: "The conference: its chair's free slots up to its due date." })
  @IsUUID('4')
  conference!: string;

  @ApiPropertyOptional({
    example: 90,
    description: 'How long the conference lasts; SLOT_MINUTES by default.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(15)
  @Max(480)
  minutes?: number;
}

export class FreeSlotDto {
  @ApiProperty({ format: 'date-time' }) start!: string;
  @ApiProperty({ format: 'date-time' }) end!: string;
}

export class ConferenceSlotsDto {
  @ApiProperty({ example: 'chair-north' }) chair!: string;
  @ApiProperty({ example: '2027-02-22', description: 'The due date: the last day a slot may fall on.' })
  until!: string;
  @ApiProperty({ example: 90 }) minutes!: number;
  @ApiProperty({ type: [FreeSlotDto] }) slots!: FreeSlotDto[];
}

export class AddInviteeDto extends withOpenApi(InviteePayload) {}
export class RemoveInviteeDto extends PickType(withOpenApi(InviteeRemovedPayload), ['reason'] as const) {}
export class InvitationResponseDto extends OmitType(withOpenApi(InvitationAnsweredPayload), [
  'personId',
] as const) {}
export class ReportDto extends OmitType(withOpenApi(ReportReceivedPayload), ['documentId'] as const) {}
export class ReportShareDto extends withOpenApi(ReportSharedPayload) {}

/** Without `withhold`, an agency's request that its report not be shared with parents; with it, the chair's decision. */
export class ReportSharingDto extends PickType(withOpenApi(WithholdingDecidedPayload), ['reason'] as const) {
  @ApiPropertyOptional({
    description:
      "The chair's decision: true keeps the report from the parents. Absent: the agency's request.",
  })
  @IsOptional()
  @IsBoolean()
  withhold?: boolean;
}

export class ListConferencesQuery extends WorkflowFlagsQuery {
  @ApiPropertyOptional({ enum: Object.values(CONFERENCE_STATES) })
  @IsOptional()
  @IsIn(Object.values(CONFERENCE_STATES))
  state?: string;
}
