import { Controller, Get, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { POLICY } from '../../auth/policy';
import { Public, Roles } from '../../auth/roles.decorator';
import { DistributionService } from '../../distribution/distribution.service';
import { pageContext } from '../console-page';
import { ConsoleExceptionFilter } from '../http/console-exception.filter';
import { ConsoleViews } from '../http/views';
import type { ConsoleRequest } from '../session/console-request';
import { ConsoleSessionGuard } from '../session/console-session.guard';

/**
 * Data-protection incidents (packs sent in error, revoked) for the data protection officer, the
 * managers and the auditors, through the same service as GET /distributions/incidents: in the
 * caller's areas, newest first, ids and references only (what was exposed, to whom by person id,
 * when, whether it was opened).
 */
@ApiExcludeController()
@Public()
@UseGuards(ConsoleSessionGuard)
@UseFilters(ConsoleExceptionFilter)
@Controller('console/data-protection')
export class DataProtectionPageController {
  constructor(
    private readonly distributions: DistributionService,
    private readonly views: ConsoleViews,
  ) {}

  @Get()
  @Roles(POLICY.readDataProtectionIncidents)
  async show(@Req() req: ConsoleRequest, @Res() res: Response) {
    const { incidents } = await this.distributions.allIncidents(req);
    this.views.send(res, 'data-protection.njk', { ...pageContext(req, 'data-protection'), incidents });
  }
}
