import { Body, Controller, Get, HttpCode, Param, type PipeTransform, Post, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError, DomainErrorCode } from '@app/workflows';
import type { AuthenticatedRequest } from '../auth';
import { POLICY, Roles } from '../auth';
import { IdempotencyKey } from '../http/idempotency-key';
import { ApiProblems } from '../http/openapi';
import { IdParam } from '../http/params';
import { ParseOpaqueIdPipe } from './conference-params';
import { ConferenceTransitionDto } from './conference.responses';
import {
  LetterPostedDto,
  LetterTaskDto,
  LetterTaskListDto,
  ListLettersQuery,
  ResendInvitationDto,
} from './conference-invitations.dto';
import { ConferenceInvitationsService } from './conference-invitations.service';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A letter task's id in a path: anything else is 400 before a query runs. */
class ParseTaskIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value === 'string' && UUID_V4.test(value)) return value;
    throw new DomainError(DomainErrorCode.InvalidInput, 'taskId must be a letter task id', {
      errors: [{ field: 'taskId', messages: ['taskId must be a letter task id'] }],
    });
  }
}

/**
 * Invitations beyond what the machine sends by itself. Printed letters for invitees without
 * email: the co-ordinators print each (the facts: date, time, venue, reference; the address from
 * the person store), post it and record the day. A rejected invitation sent again.
 */
@ApiTags('conferences')
@Controller()
export class ConferenceInvitationsController {
  constructor(private readonly invitations: ConferenceInvitationsService) {}

  @Get('letters')
  @Roles(POLICY.administerConferences)
  @ApiOkResponse({ type: LetterTaskListDto })
  @ApiProblems(400)
  @ApiOperation({ summary: 'Letters still to post, for the conferences of your areas, oldest first.' })
  toPost(@Req() req: AuthenticatedRequest, @Query() query: ListLettersQuery) {
    return this.invitations.toPost(req, query);
  }

  @Get('conferences/:id/letters')
  @Roles(POLICY.administerConferences)
  @ApiOkResponse({ type: LetterTaskListDto })
  @ApiProblems(400, 404)
  @ApiOperation({ summary: "A conference's letter tasks: to post, posted, or replaced by a newer one." })
  ofConference(@Req() req: AuthenticatedRequest, @IdParam() id: string) {
    return this.invitations.ofConference(req, id);
  }

  @Post('conferences/:id/invitations/:personId/resend')
  @Roles(POLICY.administerConferences)
  @HttpCode(200)
  @ApiOkResponse({ type: ConferenceTransitionDto })
  @ApiProblems(400, 404, 409, 422)
  @ApiOperation({
    summary: 'An invitation the mail server rejected, sent again: by email to the address now on record, or by letter.',
  })
  resend(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Param('personId', new ParseOpaqueIdPipe('personId')) personId: string,
    @Body() body: ResendInvitationDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.invitations.resend(req, id, personId, body, key);
  }

  @Post('conferences/:id/letters/:taskId/posted')
  @Roles(POLICY.administerConferences)
  @HttpCode(200)
  @ApiOkResponse({ type: LetterTaskDto })
  @ApiProblems(400, 404, 409, 422)
  @ApiOperation({ summary: 'A letter recorded as posted, with the day: the invitation counts as sent.' })
  posted(
    @Req() req: AuthenticatedRequest,
    @IdParam() id: string,
    @Param('taskId', new ParseTaskIdPipe()) taskId: string,
    @Body() body: LetterPostedDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.invitations.posted(req, id, taskId, body, key);
  }
}
