import { PageQuery, toBoolean } from '../http/query';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { RECIPIENT_KINDS, RecipientKind } from '@app/timers';

/** An area as workflows carry it, or '*' for a team serving the whole authority. */
const AREA = /^(\*|[A-Za-z0-9][A-Za-z0-9 _.-]{0,39})$/;
const AREA_MESSAGE =
  "$property must be an area (letters, digits, space, _ . -; up to 40) or '*' for the whole authority";
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_MESSAGE = '$property must be a date in YYYY-MM-DD format';
const SUBJECT = /^\S{1,255}$/;
const SUBJECT_MESSAGE = "$property must be the identity provider's subject id (no spaces, up to 255)";
const EMAIL_OPTIONS = { require_tld: false, allow_ip_domain: false } as const;

/** Most days one team keeps on its rota in one request: a year, a few people a day. */
export const MAX_ROTA_DAYS = 366;
export const MAX_ROTA_ENTRIES = 2000;

export class PutTeamDto {
  @ApiProperty({
    example: 'north',
    description: "The workflows' area, or '*' for the whole authority (e.g. the LADO).",
  })
  @IsString()
  @Matches(AREA, { message: AREA_MESSAGE })
  area!: string;

  @ApiProperty({ enum: RECIPIENT_KINDS })
  @IsIn(RECIPIENT_KINDS)
  recipient!: RecipientKind;

  @ApiProperty({ example: 'North duty managers' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({
    example: 'north-duty@council.example',
    description: "The team's shared work address: used when nobody is on the rota.",
  })
  @IsEmail(EMAIL_OPTIONS)
  @MaxLength(254)
  fallbackEmail!: string;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description:
      "Whose in-app inbox gets the team's items when nobody is on the rota (identity provider subject id).",
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(SUBJECT, { message: SUBJECT_MESSAGE })
  fallbackSubject?: string | null;
}

export class TeamsQuery {
  @ApiPropertyOptional({ example: 'north' })
  @IsOptional()
  @Matches(AREA, { message: AREA_MESSAGE })
  area?: string;
  @ApiPropertyOptional({ enum: RECIPIENT_KINDS })
  @IsOptional()
  @IsIn(RECIPIENT_KINDS)
  recipient?: RecipientKind;
}

export class RotaEntryDto {
  @ApiProperty({ example: '2026-11-23' })
  @Matches(ISO_DATE, { message: ISO_DATE_MESSAGE })
  @IsISO8601({ strict: true })
  date!: string;

  @ApiProperty({
    example: 'a1b2c3',
    description: "The identity provider's subject id of the person on duty.",
  })
  @IsString()
  @Matches(SUBJECT, { message: SUBJECT_MESSAGE })
  subject!: string;

  @ApiProperty({ example: 'duty.manager@council.example', description: 'Their work address.' })
  @IsEmail(EMAIL_OPTIONS)
  @MaxLength(254)
  email!: string;
}

export class RotaRangeQuery {
  @ApiProperty({ example: 'north' }) @IsString() @Matches(AREA, { message: AREA_MESSAGE }) area!: string;
  @ApiProperty({ enum: RECIPIENT_KINDS }) @IsIn(RECIPIENT_KINDS) recipient!: RecipientKind;

  @ApiProperty({ example: '2026-11-01', description: 'First date, inclusive.' })
  @Matches(ISO_DATE, { message: ISO_DATE_MESSAGE })
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({
    example: '2026-11-30',
    description: `Last date, inclusive; at most ${MAX_ROTA_DAYS} days after from.`,
  })
  @Matches(ISO_DATE, { message: ISO_DATE_MESSAGE })
  @IsISO8601({ strict: true })
  to!: string;
}

export class PutRotaDto extends RotaRangeQuery {
  @ApiProperty({
    type: [RotaEntryDto],
    description:
      'Who is on duty on each date of the range; a date without entries has nobody (the team address is used).',
  })
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(MAX_ROTA_ENTRIES)
  @ValidateNested({ each: true })
  @Type(() => RotaEntryDto)
  entries!: RotaEntryDto[];
}

export class InboxQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only items not yet acknowledged' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  unacknowledged?: boolean;
}
