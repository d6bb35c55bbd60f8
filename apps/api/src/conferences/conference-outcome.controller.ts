import { applyDecorators, Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedRequest } from '../auth';
import { POLICY, Roles } from '../auth';
import { NoBodyPipe } from '../asv/asv-request.pipes';
import { IdempotencyKey } from '../http/idempotency-key';
import { ApiProblems } from '../http/openapi';
import { IdParam } from '../http/params';
import { AdjournmentDto, AttendanceDto, DecisionDto, ExceptionalQuorumDto } from './conference-outcome.dto';
import { AdjournedDto, AttendanceRecordedDto } from './conference-outcome.responses';
import { ConferenceOutcomeService } from './conference-outcome.service';
import { ConferenceTransitionDto } from './conference.responses';

const Answers = (type: new () => object) =>
  applyDecorators(HttpCode(200), ApiOkResponse({ type }), ApiProblems(400, 404, 409, 422));

/**
 * The conference itself, in the service's words: it sits, attendance is recorded and answered
 * with the quoracy per child, an inquorate one is adjourned or proceeds exceptionally, and the
 * chair records the decision for each child. Each is one event on the conference's workflow.
 */
@ApiTags('conferences')
@Controller('conferences')
export class ConferenceOutcomeController {
  constructor(private readonly outcome: ConferenceOutcomeService) {}

  @Post(':id/sitting')
  @Roles(POLICY.administerConferences)
  @Answers(ConferenceTransitionDto)
  @ApiOperation({ summary: 'The conference sits on its booked day (not before).' })
  sit(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body(NoBodyPipe) _body: unknown,
    @IdempotencyKey() key?: string,
  ) {
    return this.outcome.sit(req, id, key);
  }

  @Post(':id/attendance')
  @Roles(POLICY.recordConferenceAttendance)
  @Answers(AttendanceRecordedDto)
  @ApiOperation({
    summary:
      "Who came, who sent apologies, who was excluded from which part: answered with the quoracy per child and what is missing (the conference's chair, or a co-ordinator).",
  })
  attendance(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body() body: AttendanceDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.outcome.recordAttendance(req, id, body, key);
  }

  @Post(':id/adjournment')
  @Roles(POLICY.adjournConferences)
  @Answers(AdjournedDto)
  @ApiOperation({
    summary:
      'Not quorate: adjourned with an interim protection plan, back to scheduling with a new due date. A second inquorate conference in a row only by a manager, with overrideReason.',
  })
  adjourn(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body() body: AdjournmentDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.outcome.adjourn(req, id, body, key);
  }

  @Post(':id/exceptional-quorum')
  @Roles(POLICY.chairConferences)
  @Answers(ConferenceTransitionDto)
  @ApiOperation({
    summary:
      "Not quorate, but children's social care and one agency attend: the chair proceeds, with why delay would harm the child and why the information is enough (the first review is early).",
  })
  proceedExceptionally(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body() body: ExceptionalQuorumDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.outcome.proceedExceptionally(req, id, body, key);
  }

  @Post(':id/decision')
  @Roles(POLICY.chairConferences)
  @Answers(ConferenceTransitionDto)
  @ApiOperation({
    summary:
      "The chair's decision for each child: a plan with categories, or a child in need plan, or no further action; dissent; the decision record. Starts the plans and the household's next review.",
  })
  decide(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body() body: DecisionDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.outcome.decide(req, id, body, key);
  }
}
