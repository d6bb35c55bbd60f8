import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_MESSAGE = '$property must be a date in YYYY-MM-DD format';

export class AddWorkingDaysQuery {
  @ApiProperty({ example: '2026-12-23', description: 'Day 0: the anchor date itself.' })
  @Matches(ISO_DATE, { message: ISO_DATE_MESSAGE })
  from!: string;

  @ApiProperty({ example: 15, minimum: 0, maximum: 1000 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1000)
  days!: number;
}

export class WorkingDaysBetweenQuery {
  @ApiProperty({ example: '2026-12-23' })
  @Matches(ISO_DATE, { message: ISO_DATE_MESSAGE })
  from!: string;

  @ApiProperty({ example: '2027-01-15' })
  @Matches(ISO_DATE, { message: ISO_DATE_MESSAGE })
  to!: string;
}

export class DateAnswer {
  @ApiProperty({ example: '2026-12-30' }) date!: string;
}

export class DaysAnswer {
  @ApiProperty({ example: 15 }) days!: number;
}
