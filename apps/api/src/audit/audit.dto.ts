import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { ACCESS_ACTIONS, AccessAction } from '@app/persistence';

export const MAX_AUDIT_PAGE = 200;

// A date or an RFC 3339 date-time in years PostgreSQL and Date agree on; IsISO8601 then checks the calendar.
const DATE_TIME = /^(19|20|21)\d{2}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const DATE_TIME_MESSAGE = '$property must be an ISO 8601 date or date-time with a zone (Z or ±hh:mm)';

export class AuditQuery {
  @ApiPropertyOptional({ description: "The identity provider's subject id of the member of staff." })
  @IsOptional()
  @Length(1, 255)
  subject?: string;

  @ApiPropertyOptional({ example: 'workflow' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{0,39}$/, { message: '$property must be a kebab-case record type' })
  recordType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Length(1, 200)
  recordId?: string;

  @ApiPropertyOptional({ enum: ACCESS_ACTIONS })
  @IsOptional()
  @IsIn(ACCESS_ACTIONS)
  action?: AccessAction;

  @ApiPropertyOptional({ description: 'Inclusive, ISO 8601 date-time.', example: '2026-01-05T00:00:00Z' })
  @IsOptional()
  @Matches(DATE_TIME, { message: DATE_TIME_MESSAGE })
  @IsISO8601({ strict: true, strictSeparator: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Exclusive, ISO 8601 date-time.', example: '2026-01-06T00:00:00Z' })
  @IsOptional()
  @Matches(DATE_TIME, { message: DATE_TIME_MESSAGE })
  @IsISO8601({ strict: true, strictSeparator: true })
  to?: string;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page.' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: '$property is not a valid cursor' })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_AUDIT_PAGE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_AUDIT_PAGE)
  limit?: number;
}

export class AuditEntry {
  @ApiProperty() id!: string;
  @ApiProperty() at!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() role!: string;
  @ApiProperty({ enum: ACCESS_ACTIONS }) action!: AccessAction;
  @ApiProperty({ example: 'workflow' }) recordType!: string;
  @ApiProperty() recordId!: string;
  @ApiProperty({ example: 'GET /workflows/:id' }) route!: string;
  @ApiProperty({ nullable: true, type: String }) ip!: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId!: string | null;
}

export class AuditPage {
  @ApiProperty({ type: [AuditEntry] }) items!: AuditEntry[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as cursor for the next page; null on the last.',
  })
  nextCursor!: string | null;
}
