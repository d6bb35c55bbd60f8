import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { CLOCK_KINDS, type ClockAnchor, type ClockKind, type ClockUnit } from '@app/workflows';

const UNITS: ClockUnit[] = [
  'working-days-after',
  'months-after',
  'working-days-before',
  'weeks-before',
  'months-before',
];
const ANCHORS: ClockAnchor[] = [
  'strategy-discussion',
  'notification',
  'expected-delivery',
  'initial-conference',
  'last-review',
  'conference',
  'adjourned-conference',
  'birth',
  'minutes-received',
  'correction-requested',
];

export class ComputeClockQuery {
  @ApiProperty({
    example: '2027-02-01',
    description: "The date the clock counts from (see the clock's `from`).",
  })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date in YYYY-MM-DD format' })
  from!: string;
}

/** One clock the service computes, with the authority's figure and where that figure comes from. */
export class ClockDescriptionDto {
  @ApiProperty({ enum: CLOCK_KINDS, example: 'icpc' }) kind!: ClockKind;
  @ApiProperty({ example: 'Initial conference within 15 working days of the strategy discussion …' })
  rule!: string;
  @ApiProperty({ example: 'icpcWorkingDays', description: 'The setting that holds the figure.' })
  setting!: string;
  @ApiProperty({ example: 15 }) value!: number;
  @ApiProperty({ enum: UNITS }) unit!: ClockUnit;
  @ApiProperty({ enum: ANCHORS, description: 'What the `from` date of GET /timescales/{kind} is.' })
  from!: ClockAnchor;
  @ApiProperty({ example: 'Working Together to Safeguard Children 2023, …' }) source!: string;
}

export class ClockListDto {
  @ApiProperty({ type: [ClockDescriptionDto] }) items!: ClockDescriptionDto[];
}

export class ComputedClockDto {
  @ApiProperty({ enum: CLOCK_KINDS, example: 'icpc' }) kind!: ClockKind;
  @ApiProperty({ example: '2027-02-01' }) from!: string;
  @ApiProperty({ example: '2027-02-22' }) dueDate!: string;
}
