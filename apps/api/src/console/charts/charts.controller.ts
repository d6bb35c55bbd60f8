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
import { byStateSpec, chartSvg, deadlinesSpec } from './chart-svg';
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
    this.views.send(res, 'charts.njk', {
      ...pageContext(req, 'charts'),
      states,
      weeks,
      statesSvg: states.length ? await chartSvg(byStateSpec(states), 'Bar chart of active workflows by state; the figures are in the table below') : null,
      weeksSvg: weeks.length ? await chartSvg(deadlinesSpec(deadlineValues), 'Bar chart of deadlines met on time and late by week; the figures are in the table below') : null,
    });
  }
}
