import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

/** Query strings carry 'true'/'false': turn them into booleans, leave anything else for the validator to refuse. */
export const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/** Cursor pagination, the same on every list: an opaque cursor from the previous page and a bounded page size. */
export class PageQuery {
  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

/** The deadline flags every list of workflows offers, with cursor pagination. */
export class WorkflowFlagsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'A deadline has passed' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: "No transition for longer than the state's limit" })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  stuck?: boolean;
}
