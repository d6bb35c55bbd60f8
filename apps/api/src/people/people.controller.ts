import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedRequest } from '../auth';
import { POLICY, Roles } from '../auth';
import { IdempotencyKey } from '../http/idempotency-key';
import { ApiProblems } from '../http/openapi';
import { IdParam } from '../http/params';
import { CorrectPersonDto, ErasePersonDto, ResolvePeopleDto } from './people.dto';
import { CorrectedPersonDto, ErasedPersonDto, PersonViewDto, ResolvedPeopleDto } from './people.responses';
import { PeopleService } from './people.service';

/**
 * People kept apart from workflows: children, unborn children, parents, carers and professionals,
 * referred to everywhere else by the id this API gives them. Answers: 400 bad input, 404 missing
 * or outside your areas (an area named outside yours too), 409 a conflict (external ids of two
 * people, a record still referred to, an Idempotency-Key used for another request).
 */
@ApiTags('people')
@Controller('people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Post()
  @HttpCode(200)
  @Roles(POLICY.resolvePeople)
  @ApiOkResponse({ type: ResolvedPeopleDto })
  @ApiProblems(400, 404, 409)
  @ApiOperation({
    summary:
      'Finds each person by any of their external ids, or creates them: answers their ids in the order given (found records keep their details).',
  })
  resolve(@Req() req: AuthenticatedRequest, @Body() body: ResolvePeopleDto, @IdempotencyKey() key?: string) {
    return this.people.resolve(req, body, key);
  }

  @Get(':id')
  @Roles(POLICY.readPeople)
  @ApiOkResponse({ type: PersonViewDto })
  @ApiProblems(400, 404)
  @ApiOperation({ summary: "A person's record (access-logged)." })
  get(@Req() req: AuthenticatedRequest, @IdParam() id: string) {
    return this.people.get(req, id);
  }

  @Patch(':id')
  @Roles(POLICY.correctPeople)
  @ApiOkResponse({ type: CorrectedPersonDto })
  @ApiProblems(400, 404, 409)
  @ApiOperation({
    summary:
      'Corrects a record with a reason: each field given replaces the stored one (null clears it); which fields changed, why and by whom is kept.',
  })
  correct(@Req() req: AuthenticatedRequest, @IdParam() id: string, @Body() body: CorrectPersonDto) {
    return this.people.correct(req, id, body);
  }

  @Delete(':id')
  @Roles(POLICY.erasePeople)
  @ApiOkResponse({ type: ErasedPersonDto })
  @ApiProblems(400, 404, 409)
  @ApiOperation({
    summary:
      'Erases the record, with a reason: refused (409, naming the referrers) while a record that must be retained refers to the person.',
  })
  erase(@Req() req: AuthenticatedRequest, @IdParam() id: string, @Body() body: ErasePersonDto) {
    return this.people.erase(req, id, body);
  }
}
