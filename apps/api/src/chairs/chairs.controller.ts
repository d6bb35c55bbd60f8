import { Body, Controller, Delete, Get, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedRequest } from '../auth';
import { POLICY, Roles } from '../auth';
import { ApiProblems } from '../http/openapi';
import { IdParam } from '../http/params';
import { AddAbsenceDto, AddCoverDto, BookChairDto, PutChairDto, SlotsQuery, WhoChairsQuery } from './chairs.dto';
import { AbsenceAddedDto, BookingViewDto, ChairViewDto, CoverViewDto, SlotsDto, WhoChairsDto } from './chairs.responses';
import { ChairsService } from './chairs.service';
import { ParseSubjectPipe, SubjectParam } from './parse-subject.pipe';

/**
 * Chairs (independent CP co-ordinators): who they are and which areas they chair, who covers an
 * area when, their absences, free slots in their diary and bookings in it. Answers: 400 bad input,
 * 404 no such chair or booking (or an area outside yours), 409 an overlap the database refuses,
 * 422 a rule (away that day, the daily limit).
 */
@ApiTags('chairs')
@Controller('chairs')
export class ChairsController {
  constructor(private readonly chairs: ChairsService) {}

  @Get()
  @Roles(POLICY.scheduleChairs)
  @ApiOkResponse({ type: WhoChairsDto })
  @ApiProblems(400, 404)
  @ApiOperation({
    summary: "Who chairs an area on a date: the area's chair unless away that day, else the chair covering it.",
  })
  whoChairs(@Req() req: AuthenticatedRequest, @Query() query: WhoChairsQuery) {
    return this.chairs.whoChairs(req, query);
  }

  @Get(':sub')
  @Roles(POLICY.manageChairs)
  @ApiOkResponse({ type: ChairViewDto })
  @ApiProblems(400, 404)
  @SubjectParam()
  @ApiOperation({ summary: 'A chair: name, work address, the areas they chair, covers and absences not yet ended.' })
  get(@Param('sub', ParseSubjectPipe) sub: string) {
    return this.chairs.get(sub);
  }

  @Put(':sub')
  @Roles(POLICY.manageChairs)
  @ApiOkResponse({ type: ChairViewDto })
  @ApiProblems(400, 409)
  @SubjectParam()
  @ApiOperation({ summary: "Creates or replaces a chair's name, work address and the areas they chair (one chair per area)." })
  put(@Param('sub', ParseSubjectPipe) sub: string, @Body() body: PutChairDto) {
    return this.chairs.put(sub, body);
  }

  @Post(':sub/cover')
  @Roles(POLICY.manageChairs)
  @ApiCreatedResponse({ type: CoverViewDto })
  @ApiProblems(400, 404, 409, 422)
  @SubjectParam()
  @ApiOperation({ summary: 'The chair covers an area from one date to another (both included): they see its records then.' })
  addCover(@Req() req: AuthenticatedRequest, @Param('sub', ParseSubjectPipe) sub: string, @Body() body: AddCoverDto) {
    return this.chairs.addCover(req, sub, body);
  }

  @Post(':sub/absences')
  @Roles(POLICY.recordChairAbsences)
  @ApiCreatedResponse({ type: AbsenceAddedDto })
  @ApiProblems(400, 404, 409)
  @SubjectParam()
  @ApiOperation({ summary: 'The chair is away from one date to another (both included); answers the bookings to move.' })
  addAbsence(@Req() req: AuthenticatedRequest, @Param('sub', ParseSubjectPipe) sub: string, @Body() body: AddAbsenceDto) {
    return this.chairs.addAbsence(req, sub, body);
  }

  @Get(':sub/slots')
  @Roles(POLICY.scheduleChairs)
  @ApiOkResponse({ type: SlotsDto })
  @ApiProblems(400, 404, 422)
  @SubjectParam()
  @ApiOperation({
    summary:
      "Free slots in the chair's diary up to a date: working days, office hours, not while away, not over a booking, not on a day at the daily limit.",
  })
  slots(@Param('sub', ParseSubjectPipe) sub: string, @Query() query: SlotsQuery) {
    return this.chairs.slots(sub, query);
  }

  @Post(':sub/bookings')
  @Roles(POLICY.scheduleChairs)
  @ApiCreatedResponse({ type: BookingViewDto })
  @ApiProblems(400, 404, 409, 422)
  @SubjectParam()
  @ApiOperation({ summary: "Books time in the chair's diary (a meeting other than a conference); the database refuses a double booking." })
  book(@Req() req: AuthenticatedRequest, @Param('sub', ParseSubjectPipe) sub: string, @Body() body: BookChairDto) {
    return this.chairs.book(req, sub, body);
  }

  @Delete(':sub/bookings/:bookingId')
  @Roles(POLICY.scheduleChairs)
  @ApiOkResponse({ type: BookingViewDto })
  @ApiProblems(400, 404)
  @SubjectParam()
  @ApiOperation({ summary: 'Cancels a booking: its time is free again (the booking is kept, marked cancelled).' })
  cancel(
    @Req() req: AuthenticatedRequest,
    @Param('sub', ParseSubjectPipe) sub: string,
    @IdParam('bookingId') bookingId: string,
  ) {
    return this.chairs.cancel(req, sub, bookingId);
  }
}
