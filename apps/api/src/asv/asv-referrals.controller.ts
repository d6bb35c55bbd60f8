import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ASV_TRACKS, type AsvTrack } from '@app/workflows';
import type { AuthenticatedRequest } from '../auth';
import { POLICY, Roles } from '../auth';
import { WorkflowsService } from '../workflows/workflows.service';
import { NoBodyPipe, ParseTrackPipe } from './asv-request.pipes';
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

const uuid = new ParseUUIDPipe({ version: '4' });
const idempotencyKey = WorkflowsService.idempotencyKey;
const IdempotencyHeader = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Repeat it to retry safely: the first answer is returned and nothing is written again.',
  });
const TrackParam = () => ApiParam({ name: 'track', enum: [...ASV_TRACKS] });

/**
 * Allegations against staff and volunteers, in the service's words: each action is one event on
 * the referral's workflow (GET /workflows/:id/history shows them all). Answers: 400 bad input,
 * 404 missing or outside your areas, 409 not in this state, 422 a rule of the process refuses.
 */
@ApiTags('asv-referrals')
@Controller('asv-referrals')
export class AsvReferralsController {
  constructor(private readonly asv: AsvReferralsService) {}

  @Post()
  @Roles(POLICY.screenAsvReferrals)
  @IdempotencyHeader()
  @ApiOperation({
    summary: 'A contact received: opens the referral in screening with its ASV-YYYY-NNNNNN reference.',
  })
  receive(
    @Req() req: AuthenticatedRequest,
    @Body() body: ReceiveContactDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.asv.receive(req, body, idempotencyKey(key));
  }

  @Post(':id/screening')
  @HttpCode(200)
  @Roles(POLICY.screenAsvReferrals)
  @IdempotencyHeader()
  @ApiOperation({
    summary:
      'The screening decision against the four limbs: threshold met, or a redirect with its route and reason.',
  })
  screen(
    @Req() req: AuthenticatedRequest,
    @Param('id', uuid) id: string,
    @Body() body: ScreeningDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.asv.screen(req, id, body, idempotencyKey(key));
  }

  @Post(':id/lado-referral')
  @HttpCode(200)
  @Roles(POLICY.screenAsvReferrals)
  @IdempotencyHeader()
  @ApiOperation({
    summary: 'Referred to the LADO (threshold met): opens the allegation management meeting clock.',
  })
  referToLado(
    @Req() req: AuthenticatedRequest,
    @Param('id', uuid) id: string,
    @Body(NoBodyPipe) _body: unknown,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.asv.referToLado(req, id, idempotencyKey(key));
  }

  @Post(':id/meetings')
  @HttpCode(200)
  @Roles(POLICY.manageLadoCases)
  @IdempotencyHeader()
  @ApiOperation({
    summary: 'An allegation management meeting held (the first opens the tracks; later ones are reviews).',
  })
  recordMeeting(
    @Req() req: AuthenticatedRequest,
    @Param('id', uuid) id: string,
    @Body() body: MeetingDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.asv.recordMeeting(req, id, body, idempotencyKey(key));
  }

  @Post(':id/tracks/:track/open')
  @HttpCode(200)
  @Roles(POLICY.manageLadoCases)
  @IdempotencyHeader()
  @TrackParam()
  @ApiOperation({
    summary:
      'Opens a track: police investigation, section 47 enquiry or employer disciplinary (several at once).',
  })
  openTrack(
    @Req() req: AuthenticatedRequest,
    @Param('id', uuid) id: string,
    @Param('track', ParseTrackPipe) track: AsvTrack,
    @Body() body: OpenTrackDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.asv.openTrack(req, id, track, body, idempotencyKey(key));
  }

  @Post(':id/tracks/:track/conclude')
  @HttpCode(200)
  @Roles(POLICY.manageLadoCases)
  @IdempotencyHeader()
  @TrackParam()
  @ApiOperation({ summary: 'Concludes an open track.' })
  concludeTrack(
    @Req() req: AuthenticatedRequest,
    @Param('id', uuid) id: string,
    @Param('track', ParseTrackPipe) track: AsvTrack,
    @Body(NoBodyPipe) _body: unknown,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.asv.concludeTrack(req, id, track, idempotencyKey(key));
  }

  @Post(':id/outcome')
  @HttpCode(200)
  @Roles(POLICY.manageLadoCases)
  @IdempotencyHeader()
  @ApiOperation({
    summary: 'The outcome, once every open track has concluded (422 otherwise); sets the DBS/TRA duties.',
  })
  recordOutcome(
    @Req() req: AuthenticatedRequest,
    @Param('id', uuid) id: string,
    @Body() body: OutcomeDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.asv.recordOutcome(req, id, body, idempotencyKey(key));
  }

  @Post(':id/follow-ups')
  @HttpCode(200)
  @Roles(POLICY.manageLadoCases)
  @IdempotencyHeader()
  @ApiOperation({ summary: 'A DBS or TRA referral made.' })
  recordFollowUp(
    @Req() req: AuthenticatedRequest,
    @Param('id', uuid) id: string,
    @Body() body: FollowUpDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.asv.recordFollowUp(req, id, body, idempotencyKey(key));
  }

  @Post(':id/contacts')
  @HttpCode(200)
  @Roles(POLICY.screenAsvReferrals)
  @IdempotencyHeader()
  @ApiOperation({ summary: 'A contact with the referrer or an employer, at any stage.' })
  logContact(
    @Req() req: AuthenticatedRequest,
    @Param('id', uuid) id: string,
    @Body() body: ContactDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.asv.logContact(req, id, body, idempotencyKey(key));
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles(POLICY.manageLadoCases)
  @IdempotencyHeader()
  @ApiOperation({
    summary: 'Closes the case with its retention date, once the required follow-ups are recorded.',
  })
  close(
    @Req() req: AuthenticatedRequest,
    @Param('id', uuid) id: string,
    @Body() body: CloseDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.asv.close(req, id, body, idempotencyKey(key));
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @Roles(POLICY.manageLadoCases)
  @IdempotencyHeader()
  @ApiOperation({
    summary:
      'Reopens a closed case (to LADO consideration) or a redirected contact (to screening), with a reason.',
  })
  reopen(
    @Req() req: AuthenticatedRequest,
    @Param('id', uuid) id: string,
    @Body() body: ReopenDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.asv.reopen(req, id, body, idempotencyKey(key));
  }

  @Get()
  @Roles(POLICY.screenAsvReferrals)
  @ApiOperation({
    summary: 'Referrals in your areas: filter by state, overdue, stuck, date received, outcome.',
  })
  list(@Req() req: AuthenticatedRequest, @Query() query: ListAsvReferralsQuery) {
    return this.asv.list(req, query);
  }

  @Get(':id')
  @Roles(POLICY.screenAsvReferrals)
  @ApiOperation({
    summary:
      'The case: state, record, allowed actions, open deadlines, resolution against the 1/3/12-month targets, retention.',
  })
  get(@Req() req: AuthenticatedRequest, @Param('id', uuid) id: string) {
    return this.asv.get(req, id);
  }
}
