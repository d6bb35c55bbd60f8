import { Inject, Injectable } from '@nestjs/common';
import {
  type AbsenceView,
  AppConfig,
  type BookingView,
  BookingsStore,
  type ChairView,
  ChairsStore,
  type CoverView,
} from '@app/persistence';
import {
  addDays,
  assignChair,
  CLOCK,
  type Clock,
  dateInLondon,
  DomainError,
  DomainErrorCode,
  freeSlots,
  slotQueryProblems,
  WorkingDayCalendar,
} from '@app/workflows';
import { type AuthenticatedRequest, throwIfOutOfScope } from '../auth';
import {
  type AddAbsenceDto,
  type AddCoverDto,
  type BookChairDto,
  MAX_RANGE_DAYS,
  type PutChairDto,
  type SlotsQuery,
  type WhoChairsQuery,
} from './chairs.dto';

export interface WhoChairsAnswer {
  area: string;
  on: string;
  /** home: the area's own chair; cover: the chair covering it that day; none: nobody (the co-ordinator chooses). */
  outcome: 'home' | 'cover' | 'none';
  chair: { sub: string; displayName: string | null } | null;
  /** The area's own chair, away that day, when a cover chairs instead. */
  coveringFor: string | null;
  reason: 'no-chair-for-area' | 'chair-away-and-no-cover' | null;
}

export interface SlotsAnswer {
  chair: string;
  until: string;
  minutes: number;
  slots: { start: string; end: string }[];
}

const invalid = (field: string, message: string) =>
  new DomainError(DomainErrorCode.InvalidInput, message, { errors: [{ field, messages: [message] }] });

/** Date ranges of covers and absences: in order, and no longer than a year. */
function throwIfBadRange(range: { from: string; to: string }): void {
  if (range.to < range.from) throw invalid('to', 'to must not be before from');
  if (range.to > addDays(range.from, MAX_RANGE_DAYS)) throw invalid('to', `to must be at most ${MAX_RANGE_DAYS} days after from`);
}

/**
 * Chairs and their diaries in the service's terms. Chairs serve the whole authority, so their
 * records and diaries are not scoped by area (they hold staff details and workflow ids, no case
 * data); the question "who chairs this area" is, like any question about an area.
 */
@Injectable()
export class ChairsService {
  constructor(
    private readonly chairs: ChairsStore,
    private readonly bookings: BookingsStore,
    private readonly config: AppConfig,
    private readonly calendar: WorkingDayCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  get(sub: string): Promise<ChairView> {
    return this.chairs.get(sub);
  }

  put(sub: string, dto: PutChairDto): Promise<ChairView> {
    return this.chairs.put(sub, { displayName: dto.displayName, email: dto.email, homeAreas: dto.homeAreas });
  }

  addCover(req: AuthenticatedRequest, sub: string, dto: AddCoverDto): Promise<CoverView> {
    throwIfBadRange(dto);
    return this.chairs.addCover(sub, { area: dto.area, from: dto.from, to: dto.to, by: req.principal.sub });
  }

  addAbsence(req: AuthenticatedRequest, sub: string, dto: AddAbsenceDto): Promise<AbsenceView & { bookingsToMove: BookingView[] }> {
    throwIfBadRange(dto);
    return this.chairs.addAbsence(sub, { from: dto.from, to: dto.to, by: req.principal.sub });
  }

  async whoChairs(req: AuthenticatedRequest, query: WhoChairsQuery): Promise<WhoChairsAnswer> {
    throwIfOutOfScope(req.principal, query.area, 'Area');
    const on = query.on ?? dateInLondon(this.clock.now());
    const assignment = assignChair(await this.chairs.assignmentFacts(query.area, on));
    const base = { area: query.area, on };
    if (assignment.outcome === 'none') {
      return { ...base, outcome: 'none', chair: null, coveringFor: null, reason: assignment.reason };
    }
    const displayName = (await this.chairs.displayName(assignment.chairSub)) ?? null;
    return {
      ...base,
      outcome: assignment.outcome,
      chair: { sub: assignment.chairSub, displayName },
      coveringFor: assignment.outcome === 'cover' ? assignment.coveringFor : null,
      reason: null,
    };
  }

  async slots(sub: string, query: SlotsQuery): Promise<SlotsAnswer> {
    const now = this.clock.now();
    const today = dateInLondon(now);
    if (query.until < today) throw invalid('until', 'until must not be before today');
    if (query.until > addDays(today, MAX_RANGE_DAYS)) throw invalid('until', `until must be at most ${MAX_RANGE_DAYS} days ahead`);
    const minutes = query.minutes ?? this.config.slotMinutes;
    const settings = {
      officeHoursStart: this.config.officeHoursStart,
      officeHoursEnd: this.config.officeHoursEnd,
      slotMinutes: this.config.slotMinutes,
      dailyLimit: this.config.chairDailyConferenceLimit,
    };
    const problem = slotQueryProblems(settings, minutes)[0];
    if (problem) throw invalid(problem.field, problem.message);
    // Checked before reading the diary, so a date past the calendar's years is a 422 whatever the chair.
    this.calendar.isWorkingDay(query.until);
    const diary = await this.chairs.diary(sub, today, query.until);
    const slots = freeSlots({
      now,
      until: query.until,
      minutes,
      settings,
      calendar: this.calendar,
      absences: diary.absences,
      bookings: diary.bookings.map((booking) => ({ start: new Date(booking.start), end: new Date(booking.end) })),
    });
    return {
      chair: sub,
      until: query.until,
      minutes,
      slots: slots.map((slot) => ({ start: slot.start.toISOString(), end: slot.end.toISOString() })),
    };
  }

  book(req: AuthenticatedRequest, sub: string, dto: BookChairDto): Promise<BookingView> {
    const start = new Date(dto.start);
    if (start < this.clock.now()) throw invalid('start', 'start must not be in the past');
    const end = new Date(start.getTime() + dto.minutes * 60_000);
    return this.bookings.bookChair({ sub, workflowId: null, start, end, by: req.principal.sub });
  }

  cancel(req: AuthenticatedRequest, sub: string, bookingId: string): Promise<BookingView> {
    return this.bookings.cancel('chair', sub, bookingId, req.principal.sub);
  }
}
