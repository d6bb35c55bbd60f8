import { ApiProperty, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';
import {
  AdjournedPayload,
  ApologyInput,
  AttendanceRecordedPayload,
  AttendeeInput,
  ChildDecisionInput,
  DissentInput,
  ExclusionInput,
  ProceededExceptionallyPayload,
} from '@app/workflows';
import { withOpenApi } from '../http/openapi-from-validation';

// Part 2's request bodies, derived from the machine's payload classes (libs/workflows,
// conference.outcome.payloads.ts): the schema a client sees is the rule the machine applies.

withOpenApi(AttendeeInput);
withOpenApi(ApologyInput);
withOpenApi(ExclusionInput);
withOpenApi(DissentInput);

/**
 * Who came (an invitee, or a professional who came uninvited: agency, professional group and the
 * children they have had direct contact with), who sent apologies (with or without a report), and
 * who was excluded from which part of the meeting (each part's id, the reason, the chair's decision).
 */
export class AttendanceDto extends withOpenApi(AttendanceRecordedPayload) {}

/** The interim protection plan; a manager's override reason for a second inquorate conference in a row. */
export class AdjournmentDto extends withOpenApi(AdjournedPayload) {}

/** Why delay would harm the child, and why the information is enough to decide. */
export class ExceptionalQuorumDto extends withOpenApi(ProceededExceptionallyPayload) {}

/**
 * One child's decision as the chair gives it: the plan's workflow at a review and the count of
 * the child's earlier plans are found by the service, never sent.
 */
export class ChildDecisionDto extends OmitType(withOpenApi(ChildDecisionInput), [
  'planWorkflowId',
  'earlierPlansHere',
] as const) {}

export class DecisionDto {
  @ApiProperty({ type: [ChildDecisionDto], minItems: 1, maxItems: 20 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ChildDecisionDto)
  children!: ChildDecisionDto[];
}
