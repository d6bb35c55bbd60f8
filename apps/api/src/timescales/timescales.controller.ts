import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '@app/persistence';
import { CLOCK_KINDS, computeClock, describeClocks, WorkingDayCalendar } from '@app/workflows';
import { POLICY, Roles } from '../auth';
import { ApiProblems } from '../http/openapi';
import { ClockListDto, ComputedClockDto, ComputeClockQuery } from './timescales.dto';

/**
 * The statutory clocks as the service computes them, from the authority's own settings: reference
 * data with no personal data. A conference's own due dates come from the same rules, so this is
 * what a co-ordinator checks a date against.
 */
@ApiTags('timescales')
@Roles(POLICY.readCalendar)
@Controller('timescales')
export class TimescalesController {
  constructor(
    private readonly config: AppConfig,
    private readonly calendar: WorkingDayCalendar,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Every clock: its rule in words, the setting holding its figure, the value and its source.',
  })
  @ApiOkResponse({ type: ClockListDto })
  list(): ClockListDto {
    return { items: describeClocks(this.config.statutory) };
  }

  @Get(':kind')
  @ApiOperation({ summary: 'One clock computed from a date: its due date on the working-day calendar.' })
  @ApiParam({ name: 'kind', enum: CLOCK_KINDS })
  @ApiOkResponse({ type: ComputedClockDto })
  @ApiProblems(400, 404, 422)
  compute(@Param('kind') kind: string, @Query() query: ComputeClockQuery): ComputedClockDto {
    return computeClock(kind, query.from, this.config.statutory, this.calendar);
  }
}
