import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsOptional, Matches, ValidateNested } from 'class-validator';
import {
  CoreGroupMetPayload,
  LeadSocialWorkerChangedPayload,
  IsCalendarDate,
  PlanEndedWithoutConferencePayload,
  PreviousPlansRecordedPayload,
} from '@app/workflows';
import { withOpenApi } from '../http/openapi-from-validation';
import { PageQuery } from '../http/query';
import { AREA, AREA_MESSAGE, PersonToResolveDto } from '../people/people.dto';

const OPAQUE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

export class CoreGroupMetDto extends withOpenApi(CoreGroupMetPayload) {}
export class PreviousPlansDto extends withOpenApi(PreviousPlansRecordedPayload) {}
export class EndPlanDto extends withOpenApi(PlanEndedWithoutConferencePayload) {}
/** The new lead social worker (a person on record) and their team. */
export class LeadSocialWorkerDto extends withOpenApi(LeadSocialWorkerChangedPayload) {}

/** The born child: found or created in the person store by their external ids, with the date of birth. */
export class BirthDto {
  @ApiProperty({
    type: PersonToResolveDto,
    description:
      "The child's new person record (kind child, with the date of birth and an external id): the date of birth stays in the person store; the plan gets the person id and the post-birth due date.",
  })
  @IsDefined()
  @ValidateNested()
  @Type(() => PersonToResolveDto)
  person!: PersonToResolveDto;
}

export class ListPlansQuery extends PageQuery {
  @ApiPropertyOptional({ description: "A child's person id (or the id they had before birth)" })
  @IsOptional()
  @Matches(OPAQUE)
  child?: string;

  @ApiPropertyOptional({ description: 'A household id' })
  @IsOptional()
  @Matches(OPAQUE)
  household?: string;

  @ApiPropertyOptional({ enum: ['active', 'done'], description: 'active: on the plan now; done: ended' })
  @IsOptional()
  @IsIn(['active', 'done'])
  status?: 'active' | 'done';
}

export class RegisterQuery extends PickType(PageQuery, ['limit'] as const) {
  @ApiPropertyOptional({ example: 'north', description: 'One of your areas; all of yours when left out' })
  @IsOptional()
  @Matches(AREA, { message: AREA_MESSAGE })
  area?: string;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}~[0-9a-f-]{36}$/)
  cursor?: string;
}

export class CensusQuery {
  @ApiProperty({ example: '2026-04-01', description: 'The first day of the period' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ example: '2027-03-31', description: 'The last day of the period' })
  @IsCalendarDate()
  to!: string;

  @ApiPropertyOptional({ example: 'north', description: 'One of your areas; all of yours when left out' })
  @IsOptional()
  @Matches(AREA, { message: AREA_MESSAGE })
  area?: string;
}
