import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { InvitationResentPayload, LetterPostedPayload } from '@app/workflows';
import { withOpenApi } from '../http/openapi-from-validation';

/** The day the co-ordinator posted the letter (London date, not after today). */
export class LetterPostedDto extends PickType(withOpenApi(LetterPostedPayload), ['postedOn'] as const) {}

/** How to send a rejected invitation again: by email (to the address now on record) or by letter. */
export class ResendInvitationDto extends PickType(withOpenApi(InvitationResentPayload), ['contactBy'] as const) {}

export class ListLettersQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class LetterSlotDto {
  @ApiProperty({ example: '2027-02-18' }) date!: string;
  @ApiProperty({ example: '10:00', description: 'Europe/London.' }) startTime!: string;
  @ApiProperty() durationMinutes!: number;
  @ApiProperty({ type: String, nullable: true }) venueId!: string | null;
  @ApiProperty({ type: String, nullable: true }) onlineLink!: string | null;
}

export class LetterTaskDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'The conference.' }) conferenceId!: string;
  @ApiProperty({ example: 'CPC-2027-000042' }) reference!: string;
  @ApiProperty({
    format: 'uuid',
    description: 'Whom to post it to: their address is in the person store (GET /people/{id}, access-logged).',
  })
  personId!: string;
  @ApiProperty({ description: 'The sending this letter is: the SEQUENCE of the booking it tells.' }) sequence!: number;
  @ApiProperty({ enum: ['REQUEST', 'CANCEL'], description: 'An invitation, or word that the conference will not take place.' })
  method!: 'REQUEST' | 'CANCEL';
  @ApiProperty({ type: LetterSlotDto, description: 'The facts the letter gives: date, time, venue or link; the reference.' })
  slot!: LetterSlotDto;
  @ApiProperty({ enum: ['to-post', 'posted', 'superseded'], description: 'superseded: a newer letter replaced it; do not post it.' })
  status!: 'to-post' | 'posted' | 'superseded';
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) postedOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) postedBy!: string | null;
}

export class LetterTaskListDto {
  @ApiProperty({ type: [LetterTaskDto] }) items!: LetterTaskDto[];
}
