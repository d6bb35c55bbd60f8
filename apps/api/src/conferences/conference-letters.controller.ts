import { Body, Controller, Get, HttpCode, Param, type PipeTransform, Post, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError, DomainErrorCode } from '@app/workflows';
import type { AuthenticatedRequest } from '../auth';
import { POLICY, Roles } from '../auth';
import { IdempotencyKey } from '../http/idempotency-key';
import { ApiProblems } from '../http/openapi';
import { IdParam } from '../http/params';
import { LetterPostedDto, LetterTaskDto, LetterTaskListDto, ListLettersQuery } from './conference-letters.dto';
import { ConferenceLettersService } from './conference-letters.service';

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
 * Printed letters for invitees without email: the co-ordinators print each (the facts: date,
 * time, venue, reference; the address from the person store), post it and record the day.
 */
@ApiTags('conferences')
@Controller()
export class ConferenceLettersController {
  constructor(private readonly letters: ConferenceLettersService) {}

  @Get('letters')
  @Roles(POLICY.administerConferences)
  @ApiOkResponse({ type: LetterTaskListDto })
  @ApiProblems(400)
  @ApiOperation({ summary: 'Letters still to post, for the conferences of your areas, oldest first.' })
  toPost(@Req() req: AuthenticatedRequest, @Query() query: ListLettersQuery) {
    return this.letters.toPost(req, query);
  }

  @Get('conferences/:id/letters')
  @Roles(POLICY.administerConferences)
  @ApiOkResponse({ type: LetterTaskListDto })
  @ApiProblems(400, 404)
  @ApiOperation({ summary: "A conference's letter tasks: to post, posted, or replaced by a newer one." })
  ofConference(@Req() req: AuthenticatedRequest, @IdParam() id: string) {
    return this.letters.ofConference(req, id);
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
    return this.letters.posted(req, id, taskId, body, key);
  }
}
