import { Body, Controller, Get, Put, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../http/openapi';
import { RotaDto, TeamDto } from './notifications.responses';
import type { AuthenticatedRequest } from '../auth';
import { POLICY, Roles } from '../auth';
import { PutRotaDto, PutTeamDto, RotaRangeQuery, TeamsQuery } from './notifications.dto';
import { NotificationsService } from './notifications.service';

/**
 * Who is told: a team per area and recipient kind, and its duty rota. Staff contact details only.
 * Reading and writing both need POLICY.manageSettings (managers and duty managers): the rota holds
 * colleagues' work addresses, and only those who run it need them.
 */
@ApiTags('duty rota')
@Controller()
export class DutyRotaController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('duty-teams')
  @Roles(POLICY.manageSettings)
  @ApiOperation({
    summary: 'The teams that can be told, per area and recipient kind, with their fallback addresses.',
  })
  @ApiOkResponse({ type: [TeamDto] })
  @ApiProblems(400)
  listTeams(@Query() query: TeamsQuery) {
    return this.notifications.listTeams(query);
  }

  @Put('duty-teams')
  @Roles(POLICY.manageSettings)
  @ApiOperation({
    summary: 'Create or replace the team for an area and recipient kind (its name and fallback address).',
  })
  @ApiOkResponse({ type: TeamDto })
  @ApiProblems(400)
  putTeam(@Req() req: AuthenticatedRequest, @Body() body: PutTeamDto) {
    return this.notifications.putTeam(req, body);
  }

  @Get('duty-rota')
  @Roles(POLICY.manageSettings)
  @ApiOperation({ summary: "A team's duty rota from one date to another (inclusive)." })
  @ApiOkResponse({ type: RotaDto })
  @ApiProblems(400, 404)
  readRota(@Query() query: RotaRangeQuery) {
    return this.notifications.readRota(query);
  }

  @Put('duty-rota')
  @Roles(POLICY.manageSettings)
  @ApiOperation({
    summary:
      "Replace a team's duty rota for every date from `from` to `to` (inclusive) with the entries given.",
  })
  @ApiOkResponse({ type: RotaDto })
  @ApiProblems(400, 404)
  putRota(@Req() req: AuthenticatedRequest, @Body() body: PutRotaDto) {
    return this.notifications.putRota(req, body);
  }
}
