import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PERSON_PATTERNS } from '@app/workflows';
import { AREA, AREA_MESSAGE } from '../people/people.dto';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_MESSAGE = '$property must be a date in YYYY-MM-DD format';
const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const EMAIL_OPTIONS = { require_tld: false, allow_ip_domain: false } as const;

/** The longest cover, absence or slot search one request may ask for: a year. */
export const MAX_RANGE_DAYS = 366;
/** The longest booking: a working day. */
export const MAX_BOOKING_MINUTES = 600;

export class PutChairDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 100,
    example: 'Sam Patel (CP chair, north)',
    description: 'How colleagues see the chair: a work name.',
  })
  @IsString()
  @Length(1, 100)
  @Matches(PERSON_PATTERNS.singleLine, { message: '$property must be one line of text' })
  displayName!: string;

  @ApiProperty({ format: 'email', maxLength: 254, example: 'sam.patel@council.example', description: 'Work address.' })
  @IsEmail(EMAIL_OPTIONS)
  @MaxLength(254)
  email!: string;

  @ApiProperty({
    type: [String],
    example: ['north'],
    maxItems: 20,
    uniqueItems: true,
    description: 'The areas this chair chairs: one chair per area.',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(AREA, { each: true, message: AREA_MESSAGE })
  homeAreas!: string[];
}

class DateRangeDto {
  @ApiProperty({ format: 'date', example: '2026-03-09', description: 'First day, inclusive.' })
  @Matches(ISO_DATE, { message: ISO_DATE_MESSAGE })
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({
    format: 'date',
    example: '2026-03-13',
    description: `Last day, inclusive; at most ${MAX_RANGE_DAYS} days after from.`,
  })
  @Matches(ISO_DATE, { message: ISO_DATE_MESSAGE })
  @IsISO8601({ strict: true })
  to!: string;
}

export class AddCoverDto extends DateRangeDto {
  @ApiProperty({ example: 'west', description: 'The area this chair covers from `from` to `to`.' })
  @IsString()
  @Matches(AREA, { message: AREA_MESSAGE })
  area!: string;
}

export class AddAbsenceDto extends DateRangeDto {}

export class WhoChairsQuery {
  @ApiProperty({ example: 'north' })
  @IsString()
  @Matches(AREA, { message: AREA_MESSAGE })
  area!: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-03-10', description: 'The date (Europe/London); today by default.' })
  @IsOptional()
  @Matches(ISO_DATE, { message: ISO_DATE_MESSAGE })
  @IsISO8601({ strict: true })
  on?: string;
}

export class SlotsQuery {
  @ApiProperty({
    format: 'date',
    example: '2026-03-27',
    description: 'The last date a slot may fall on (the due date), inclusive.',
  })
  @Matches(ISO_DATE, { message: ISO_DATE_MESSAGE })
  @IsISO8601({ strict: true })
  until!: string;

  @ApiPropertyOptional({
    example: 90,
    minimum: 15,
    maximum: MAX_BOOKING_MINUTES,
    description: 'How long the conference lasts; SLOT_MINUTES by default.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(15)
  @Max(MAX_BOOKING_MINUTES)
  minutes?: number;
}

export class BookChairDto {
  @ApiProperty({ format: 'date-time', example: '2026-03-10T09:30:00Z', description: 'Start, an ISO date-time with its offset.' })
  @IsISO8601({ strict: true })
  @Matches(DATE_TIME_WITH_OFFSET, { message: '$property must be an ISO date-time with its offset' })
  start!: string;

  @ApiProperty({ example: 90, minimum: 15, maximum: MAX_BOOKING_MINUTES })
  @IsInt()
  @Min(15)
  @Max(MAX_BOOKING_MINUTES)
  minutes!: number;
}
