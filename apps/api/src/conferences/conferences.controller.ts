import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ParseAgencyKeyPipe, ParseOpaqueIdPipe } from './conference-params';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedRequest } from '../auth';
import { POLICY, Roles } from '../auth';
import { IdempotencyKey } from '../http/idempotency-key';
import { ApiProblems } from '../http/openapi';
import { IdParam } from '../http/params';
import { NoBodyPipe } from '../asv/asv-request.pipes';
import {
  ConferenceRequestedDto,
  ConferenceSummaryPageDto,
  ConferenceTransitionDto,
  ConferenceViewDto,
} from './conference.responses';
import {
  AssignChairDto,
  AddInviteeDto,
  CancelDto,
  ConferenceSlotsDto,
  InvitationResponseDto,
  RemoveInviteeDto,
  ReportDto,
  ReportShareDto,
  ReportSharingDto,
  SlotsForConferenceQuery,
  ListConferencesQuery,
  RequestConferenceDto,
  RescheduleDto,
  ScheduleDto,
  WithdrawDto,
} from './conferences.dto';
import { ConferencesService } from './conferences.service';

/** An action on a conference: where it stands after, and the refusals any action can meet. */
const ActionAnswers = () =>
  applyDecorators(
    HttpCode(200),
    ApiOkResponse({ type: ConferenceTransitionDto }),
    ApiProblems(400, 404, 409, 422),
  );

/**
 * Child protection conferences, in the service's words: each action is one event on the
 * conference's workflow (GET /workflows/:id/history shows them all). Answers: 400 bad input, 403
 * a role without the permission or a new conference in an area outside yours, 404 missing or
 * outside your areas (a covering chair's covered area is theirs), 409 not in this state or a
 * double booking, 422 a rule of the process refuses.
 */
@ApiTags('conferences')
@Controller('conferences')
export class ConferencesController {
  constructor(private readonly conferences: ConferencesService) {}

  @Post()
  @Roles(POLICY.requestConferences)
  @ApiCreatedResponse({ type: ConferenceRequestedDto })
  @ApiProblems(400, 409, 422)
  @ApiOperation({
    summary: 'A conference requested: initial, transfer-in or pre-birth, with its household and due date.',
  })
  request(
    @Req() req: AuthenticatedRequest,
    @Body() body: RequestConferenceDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.conferences.request(req, body, key);
  }

  @Get()
  @Roles(POLICY.readConferences)
  @ApiOkResponse({ type: ConferenceSummaryPageDto })
  @ApiProblems(400)
  @ApiOperation({ summary: 'Conferences in your areas, newest change first.' })
  list(@Req() req: AuthenticatedRequest, @Query() query: ListConferencesQuery) {
    return this.conferences.list(req, query);
  }

  // Before ':id', which would take 'slots' for an id.
  @Get('slots')
  @Roles(POLICY.scheduleChairs)
  @ApiOkResponse({ type: ConferenceSlotsDto })
  @ApiProblems(400, 404, 409, 422)
  @ApiOperation({
    summary:
      "The assigned chair's free slots, working days in office hours, up to the conference's due date.",
  })
  slots(@Req() req: AuthenticatedRequest, @Query() query: SlotsForConferenceQuery) {
    return this.conferences.slots(req, query);
  }

  @Get(':id')
  @Roles(POLICY.readConferences)
  @ApiOkResponse({ type: ConferenceViewDto })
  @ApiProblems(400, 404)
  @ApiOperation({
    summary: 'One conference: its due date, chair, booking, invitees and reports, by person id.',
  })
  get(@Req() req: AuthenticatedRequest, @IdParam() id: string) {
    return this.conferences.get(req, id);
  }

  @Post(':id/withdrawal')
  @Roles(POLICY.requestConferences)
  @ActionAnswers()
  @ApiOperation({
    summary:
      'The request withdrawn with a reason (icpc-not-required: the enquiry found no conference needed).',
  })
  withdraw(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body() body: WithdrawDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.conferences.withdraw(req, id, body, key);
  }

  @Post(':id/chair')
  @Roles(POLICY.administerConferences)
  @ActionAnswers()
  @ApiOperation({
    summary:
      "The chair: the area's chair on the date, or the chair covering the area when they are away; or another chosen with a reason.",
  })
  assignChair(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body() body: AssignChairDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.conferences.assignChair(req, id, body, key);
  }

  @Post(':id/schedule')
  @Roles(POLICY.administerConferences)
  @ActionAnswers()
  @ApiOperation({
    summary:
      'The date, time, length, venue or link and minute taker; the chair and minute taker are booked. A date after the due date waits for both agreements.',
  })
  schedule(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body() body: ScheduleDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.conferences.schedule(req, id, body, key);
  }

  @Post(':id/reschedule')
  @Roles(POLICY.administerConferences)
  @ActionAnswers()
  @ApiOperation({ summary: 'Moved, with a reason: the diaries follow and everyone invited is asked again.' })
  reschedule(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body() body: RescheduleDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.conferences.reschedule(req, id, body, key);
  }

  @Post(':id/late-approvals')
  @Roles(POLICY.agreeLateConferences)
  @ActionAnswers()
  @ApiOperation({
    summary:
      "A date after the due date agreed: by the social worker's team manager, and by the conference's chair.",
  })
  agreeLateDate(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body(NoBodyPipe) _body: unknown,
    @IdempotencyKey() key?: string,
  ) {
    return this.conferences.agreeLateDate(req, id, key);
  }

  @Post(':id/invitees')
  @Roles(POLICY.administerConferences)
  @ActionAnswers()
  @ApiOperation({ summary: 'Someone added to the invitee list (the chair agrees additions made by others).' })
  addInvitee(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body() body: AddInviteeDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.conferences.addInvitee(req, id, body, key);
  }

  @Post(':id/invitees/agreement')
  @Roles(POLICY.chairConferences)
  @ActionAnswers()
  @ApiOperation({ summary: "The conference's chair agrees the invitee list: the invitations go out." })
  agreeInvitees(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body(NoBodyPipe) _body: unknown,
    @IdempotencyKey() key?: string,
  ) {
    return this.conferences.agreeInvitees(req, id, key);
  }

  @Post(':id/invitees/:personId/removal')
  @Roles(POLICY.administerConferences)
  @ActionAnswers()
  @ApiOperation({
    summary: 'Someone taken off the invitee list, with a reason (a sent invitation is cancelled).',
  })
  removeInvitee(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Param('personId', new ParseOpaqueIdPipe('personId')) personId: string,
    @Body() body: RemoveInviteeDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.conferences.removeInvitee(req, id, personId, body, key);
  }

  @Post(':id/invitations/:personId/response')
  @Roles(POLICY.administerConferences)
  @ActionAnswers()
  @ApiOperation({
    summary: "An invitee's answer: attending, not attending, or apologies (with or without a report).",
  })
  answerInvitation(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Param('personId', new ParseOpaqueIdPipe('personId')) personId: string,
    @Body() body: InvitationResponseDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.conferences.answerInvitation(req, id, personId, body, key);
  }

  @Post(':id/reports')
  @Roles(POLICY.submitConferenceReports)
  @ActionAnswers()
  @ApiOperation({
    summary:
      "A report received: an agency's or the social worker's, as the case-management system's document reference.",
  })
  receiveReport(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body() body: ReportDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.conferences.receiveReport(req, id, body, key);
  }

  @Post(':id/reports/:key/sharing')
  @Roles(POLICY.administerConferences)
  @ActionAnswers()
  @ApiOperation({
    summary:
      'An agency asks that its report not be shared with parents (no withhold), or the chair decides (withhold).',
  })
  reportSharing(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Param('key', new ParseAgencyKeyPipe()) agencyId: string,
    @Body() body: ReportSharingDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.conferences.reportSharing(req, id, agencyId, body, key);
  }

  @Post(':id/social-worker-report/shared')
  @Roles(POLICY.requestConferences)
  @ActionAnswers()
  @ApiOperation({ summary: "The social worker's report shared with the parents, on the date given." })
  socialWorkerReportShared(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body() body: ReportShareDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.conferences.socialWorkerReportShared(req, id, body, key);
  }

  @Post(':id/cancellation')
  @Roles(POLICY.administerConferences)
  @ActionAnswers()
  @ApiOperation({ summary: 'Cancelled with a reason: the diaries are freed and invitations cancelled.' })
  cancel(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body() body: CancelDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.conferences.cancel(req, id, body, key);
  }
}
