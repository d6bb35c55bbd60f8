import { Controller, Get, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { POLICY } from '../../auth/policy';
import { Public, Roles } from '../../auth/roles.decorator';
import { scopeAreas } from '../../auth/scope';
import { hiddenTypes } from '../../workflows/type-access';
import { pageContext } from '../console-page';
import { ConsoleExceptionFilter } from '../http/console-exception.filter';
import { ConsoleViews, words } from '../http/views';
import type { ConsoleRequest } from '../session/console-request';
import { ConsoleSessionGuard } from '../session/console-session.guard';
import { byStateSpec, chartSvg, conferencesSpec, deadlinesSpec, TIMESCALE_OUTCOMES } from './chart-svg';
import { ChartsQuery } from './charts.query';

/** Charts of the caller's areas, each with its figures as a table. */
@ApiExcludeController()
@Public()
@UseGuards(ConsoleSessionGuard)
@UseFilters(ConsoleExceptionFilter)
@Controller('console/charts')
export class ChartsController {
  constructor(
    private readonly charts: ChartsQuery,
    private readonly views: ConsoleViews,
  ) {}

  @Get()
  @Roles(POLICY.readWorkflows)
  async show(@Req() req: ConsoleRequest, @Res() res: Response) {
    const scope = { areas: scopeAreas(req.principal), excludeTypes: hiddenTypes(req.principal) };
    const states = (await this.charts.byState(scope)).map((s) => ({ ...s, label: `${words(s.type)}: ${words(s.state)}` }));
    const weeks = await this.charts.deadlinesByWeek(scope);
    const deadlineValues = weeks.flatMap((w) => [
      { week: w.week, outcome: 'On time', count: w.metOnTime },
      { week: w.week, outcome: 'Late', count: w.metLate },
    ]);
    const months = await this.charts.conferencesByMonth(scope);
    const monthValues = months.flatMap((m) =>
      [m.within, m.outside, m.notYetBooked].map((count, i) => ({ month: m.month, outcome: TIMESCALE_OUTCOMES[i]!, count })),
    );
    this.views.send(res, 'charts.njk', {
      ...pageContext(req, 'charts'),
      states,
      weeks,
      statesSvg: states.length ? await chartSvg(byStateSpec(states), 'Bar chart of active workflows by state; the figures are in the table below') : null,
      months,
      monthsSvg: months.length
        ? await chartSvg(conferencesSpec(monthValues), 'Bar chart of conferences within and outside their timescale by the month they were due; the figures are in the table below')
        : null,
      weeksSvg: weeks.length ? await chartSvg(deadlinesSpec(deadlineValues), 'Bar chart of deadlines met on time and late by week; the figures are in the table below') : null,
    });
  }
}
