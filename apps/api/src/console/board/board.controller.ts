import { Body, Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { WorkflowEngine } from '@app/persistence';
import { POLICY } from '../../auth/policy';
import { Public, Roles } from '../../auth/roles.decorator';
import { scopeAreas } from '../../auth/scope';
import { hiddenTypes } from '../../workflows/type-access';
import { BatchRetryForm, BoardQueryDto } from '../console.dto';
import { pageContext } from '../console-page';
import { ConsoleExceptionFilter } from '../http/console-exception.filter';
import { ConsoleViews, words } from '../http/views';
import type { ConsoleRequest } from '../session/console-request';
import { ConsoleSessionGuard } from '../session/console-session.guard';
import { WorkflowPageService } from '../workflow/workflow-page.service';
import { BatchRetryService } from './batch-retry.service';
import { BOARD_VIEWS, BoardQuery } from './board.query';

const VIEW_TITLES = { overdue: 'Overdue', 'at-risk': 'At risk', stuck: 'Stuck', failed: 'Failed' } as const;

/** The board: overdue, at-risk, stuck and failed workflows in the caller's areas, soonest deadline first. */
@ApiExcludeController()
@Public()
@UseGuards(ConsoleSessionGuard)
@UseFilters(ConsoleExceptionFilter)
@Controller('console')
export class BoardController {
  constructor(
    private readonly board: BoardQuery,
    private readonly engine: WorkflowEngine,
    private readonly pages: WorkflowPageService,
    private readonly views: ConsoleViews,
    private readonly batch: BatchRetryService,
  ) {}

  /** Retry the failed steps of the workflows selected on the failed list, with one reason. */
  @Post('retry')
  @Roles(POLICY.forceWorkflows)
  async retry(@Req() req: ConsoleRequest, @Body() form: BatchRetryForm, @Res() res: Response) {
    const reason = form.reason?.trim() ?? '';
    const ids = form.ids ?? [];
    if (ids.length === 0) return res.redirect(303, '/console?view=failed&error=selection');
    if (!reason) return res.redirect(303, '/console?view=failed&error=reason');
    const outcome = await this.batch.retry(req, ids, reason);
    res.redirect(303, `/console?view=failed&retried=${outcome.retried}&skipped=${outcome.skipped}`);
  }

  @Get()
  @Roles(POLICY.readWorkflows)
  async show(@Req() req: ConsoleRequest, @Query() query: BoardQueryDto, @Res() res: Response) {
    const view = query.view ?? 'overdue';
    const filters = {
      type: query.type,
      state: query.state,
      area: query.area,
      minDaysInState: query.days,
      deadlineKind: query.deadline,
      chair: query.chair,
      assignee: query.assignee,
    };
    const hidden = hiddenTypes(req.principal);
    const page = await this.board.page(view, filters, { areas: scopeAreas(req.principal), excludeTypes: hidden }, query.cursor);
    const latest = this.engine.definitions.all().filter((d) => !hidden.includes(d.type) && this.engine.definitions.latest(d.type) === d);
    const kinds = [...new Set(latest.flatMap((d) => this.pages.graphOf(d.type, d.version).deadlineKinds))].sort();
    const states = query.type && latest.find((d) => d.type === query.type)
      ? this.pages.graphOf(query.type, this.engine.definitions.latest(query.type).version).paths
      : [];
    const filterQuery = new URLSearchParams(
      Object.entries({
        type: query.type,
        state: query.state,
        area: query.area,
        days: query.days,
        deadline: query.deadline,
        chair: query.chair,
        assignee: query.assignee,
      })
        .filter(([, v]) => v !== undefined && v !== '')
        .map(([k, v]): [string, string] => [k, String(v)]),
    ).toString();
    this.views.send(res, 'board.njk', {
      ...pageContext(req, 'board'),
      view,
      viewTitle: VIEW_TITLES[view],
      tabs: BOARD_VIEWS.map((v) => ({ view: v, title: VIEW_TITLES[v], count: page.counts[v], active: v === view })),
      rows: page.rows,
      nextCursor: page.nextCursor,
      filterQuery,
      filters: query,
      typeOptions: latest.map((d) => ({ value: d.type, text: words(d.type) })),
      stateOptions: states.map((s) => ({ value: s, text: words(s) })),
      kindOptions: kinds.map((k) => ({ value: k, text: words(k) })),
      chairOptions: (await this.board.chairs()).map((c) => ({ value: c.sub, text: `${c.name} (${c.sub})` })),
      retryError:
        query.error === 'reason'
          ? { href: '#retry-reason', text: 'Enter the reason for retrying the failed steps' }
          : query.error === 'selection'
            ? { href: '#retry-selection', text: 'Select at least one workflow to retry' }
            : undefined,
      retried: query.retried,
      skipped: query.skipped,
    });
  }
}
