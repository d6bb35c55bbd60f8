import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ASV_TRACKS, type AsvTrack } from '@app/workflows';
import type { AuthenticatedRequest } from '../auth';
import { POLICY, Roles } from '../auth';
import { IdempotencyKey } from '../http/idempotency-key';
import { ApiProblems } from '../http/openapi';
import { IdParam } from '../http/params';
import { NoBodyPipe, ParseTrackPipe } from './asv-request.pipes';
import {
  AsvReceivedDto,
  AsvReferralSummaryPageDto,
  AsvReferralViewDto,
  AsvTransitionDto,
} from './asv-referral.responses';
import {
  CloseDto,
  ContactDto,
  FollowUpDto,
  ListAsvReferralsQuery,
  MeetingDto,
  OpenTrackDto,
  OutcomeDto,
  ReceiveContactDto,
  ReopenDto,
  ScreeningDto,
} from './asv-referrals.dto';
import { AsvReferralsService } from './asv-referrals.service';

const TrackParam = () => ApiParam({ name: 'track', enum: [...ASV_TRACKS] });
/** An action on a referral: where it stands after, and the refusals any action can meet. */
const ActionAnswers = () => applyDecorators(ApiOkResponse({ type: AsvTransitionDto }), ApiProblems(400, 404, 409, 422));

/**
 * Allegations against staff and volunteers, in the service's words: each action is one event on
 * the referral's workflow (GET /workflows/:id/history shows them all). Answers: 400 bad input,
 * 403 a role without the permission or a new referral in an area outside yours, 404 missing or
 * outside your areas, 409 not in this state, 422 a rule of the process refuses.
 */
@ApiTags('asv-referrals')
@Controller('asv-referrals')
export class AsvReferralsController {
  constructor(private readonly asv: AsvReferralsService) {}

  @Post()
  @Roles(POLICY.screenAsvReferrals)
  @ApiCreatedResponse({ type: AsvReceivedDto })
  @ApiProblems(400, 409)
  @ApiOperation({
    summary: 'A contact received: opens the referral in screening with its ASV-YYYY-NNNNNN reference.',
  })
  receive(
    @Req() req: AuthenticatedRequest,
    @Body() body: ReceiveContactDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.asv.receive(req, body, key);
  }

  @Post(':id/screening')
  @HttpCode(200)
  @Roles(POLICY.screenAsvReferrals)
  @ActionAnswers()
  @ApiOperation({
    summary:
      'The screening decision against the four limbs: threshold met, or a redirect with its route and reason.',
  })
  screen(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body() body: ScreeningDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.asv.screen(req, id, body, key);
  }

  @Post(':id/lado-referral')
  @HttpCode(200)
  @Roles(POLICY.screenAsvReferrals)
  @ActionAnswers()
  @ApiOperation({
    summary: 'Referred to the LADO (threshold met): opens the allegation management meeting clock.',
  })
  referToLado(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body(NoBodyPipe) _body: unknown,
    @IdempotencyKey() key?: string,
  ) {
    return this.asv.referToLado(req, id, key);
  }

  @Post(':id/meetings')
  @HttpCode(200)
  @Roles(POLICY.manageLadoCases)
  @ActionAnswers()
  @ApiOperation({
    summary: 'An allegation management meeting held (the first opens the tracks; later ones are reviews).',
  })
  recordMeeting(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body() body: MeetingDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.asv.recordMeeting(req, id, body, key);
  }

  @Post(':id/tracks/:track/open')
  @HttpCode(200)
  @Roles(POLICY.manageLadoCases)
  @TrackParam()
  @ActionAnswers()
  @ApiOperation({
    summary:
      'Opens a track: police investigation, section 47 enquiry or employer disciplinary (several at once).',
  })
  openTrack(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Param('track', ParseTrackPipe) track: AsvTrack,
    @Body() body: OpenTrackDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.asv.openTrack(req, id, track, body, key);
  }

  @Post(':id/tracks/:track/conclude')
  @HttpCode(200)
  @Roles(POLICY.manageLadoCases)
  @TrackParam()
  @ActionAnswers()
  @ApiOperation({ summary: 'Concludes an open track.' })
  concludeTrack(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Param('track', ParseTrackPipe) track: AsvTrack,
    @Body(NoBodyPipe) _body: unknown,
    @IdempotencyKey() key?: string,
  ) {
    return this.asv.concludeTrack(req, id, track, key);
  }

  @Post(':id/outcome')
  @HttpCode(200)
  @Roles(POLICY.manageLadoCases)
  @ActionAnswers()
  @ApiOperation({
    summary: 'The outcome, once every open track has concluded (422 otherwise); sets the DBS/TRA duties.',
  })
  recordOutcome(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body() body: OutcomeDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.asv.recordOutcome(req, id, body, key);
  }

  @Post(':id/follow-ups')
  @HttpCode(200)
  @Roles(POLICY.manageLadoCases)
  @ActionAnswers()
  @ApiOperation({ summary: 'A DBS or TRA referral made.' })
  recordFollowUp(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body() body: FollowUpDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.asv.recordFollowUp(req, id, body, key);
  }

  @Post(':id/contacts')
  @HttpCode(200)
  @Roles(POLICY.screenAsvReferrals)
  @ActionAnswers()
  @ApiOperation({ summary: 'A contact with the referrer or an employer, at any stage.' })
  logContact(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body() body: ContactDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.asv.logContact(req, id, body, key);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles(POLICY.manageLadoCases)
  @ActionAnswers()
  @ApiOperation({
    summary: 'Closes the case with its retention date, once the required follow-ups are recorded.',
  })
  close(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body() body: CloseDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.asv.close(req, id, body, key);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @Roles(POLICY.manageLadoCases)
  @ActionAnswers()
  @ApiOperation({
    summary:
      'Reopens a closed case (to LADO consideration) or a redirected contact (to screening), with a reason.',
  })
  reopen(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Body() body: ReopenDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.asv.reopen(req, id, body, key);
  }

  @Get()
  @Roles(POLICY.screenAsvReferrals)
  @ApiOkResponse({ type: AsvReferralSummaryPageDto })
  @ApiProblems(400)
  @ApiOperation({
    summary: 'Referrals in your areas: filter by state, overdue, stuck, date received, outcome.',
  })
  list(@Req() req: AuthenticatedRequest, @Query() query: ListAsvReferralsQuery) {
    return this.asv.list(req, query);
  }

  @Get(':id')
  @Roles(POLICY.screenAsvReferrals)
  @ApiOkResponse({ type: AsvReferralViewDto })
  @ApiProblems(400, 404)
  @ApiOperation({
    summary:
      'The case: state, record, allowed actions, open deadlines, resolution against the 1/3/12-month targets, retention.',
  })
  get(@Req() req: AuthenticatedRequest, @IdParam() id: string) {
    return this.asv.get(req, id);
  }
}
