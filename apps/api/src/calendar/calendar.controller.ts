import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../http/openapi';
import { parseIsoDate, WorkingDayCalendar } from '@app/workflows';
import { POLICY, Roles } from '../auth';
import { AddWorkingDaysQuery, DateAnswer, DaysAnswer, WorkingDaysBetweenQuery } from './calendar.dto';

/** The working-day calendar the statutory clocks use: bank holidays of England and Wales plus local closure days. */
@ApiTags('calendar')
@Roles(POLICY.readCalendar)
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: WorkingDayCalendar) {}

  @Get('add-working-days')
  @ApiOperation({ summary: 'The Nth working day after a date (day 0 is the date itself).' })
  @ApiOkResponse({ type: DateAnswer })
  @ApiProblems(400, 422)
  addWorkingDays(@Query() query: AddWorkingDaysQuery): DateAnswer {
    return { date: this.calendar.addWorkingDays(parseIsoDate(query.from, 'from'), query.days) };
  }

  @Get('working-days-between')
  @ApiOperation({ summary: 'Working days d with from < d <= to (negative when to is before from).' })
  @ApiOkResponse({ type: DaysAnswer })
  @ApiProblems(400, 422)
  workingDaysBetween(@Query() query: WorkingDaysBetweenQuery): DaysAnswer {
    return { days: this.calendar.workingDaysBetween(parseIsoDate(query.from, 'from'), parseIsoDate(query.to, 'to')) };
  }
}
