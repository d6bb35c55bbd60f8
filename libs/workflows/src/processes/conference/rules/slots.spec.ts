import { WorkingDayCalendar } from '../../../calendar';
import { freeSlots, londonTime, minutesOfDay, type FreeSlotFacts, slotQueryProblems } from './slots';

const SETTINGS = { officeHoursStart: '09:30', officeHoursEnd: '16:30', slotMinutes: 90, dailyLimit: 3 };
const calendar = new WorkingDayCalendar();

const facts = (overrides: Partial<FreeSlotFacts> = {}): FreeSlotFacts => ({
  now: new Date('2026-03-06T08:00:00Z'), // Friday, GMT
  until: '2026-03-09', // Monday
  minutes: 90,
  settings: SETTINGS,
  calendar,
  absences: [],
  bookings: [],
  ...overrides,
});

const starts = (f: FreeSlotFacts) => freeSlots(f).map((slot) => slot.start.toISOString());
const at = (iso: string) => new Date(iso);

describe('freeSlots', () => {
  it('offers the office-hours grid on working days only: Friday and Monday, not the weekend', () => {
    expect(starts(facts())).toEqual([
      '2026-03-06T09:30:00.000Z',
      '2026-03-06T11:00:00.000Z',
      '2026-03-06T12:30:00.000Z',
      '2026-03-06T14:00:00.000Z',
      '2026-03-09T09:30:00.000Z',
      '2026-03-09T11:00:00.000Z',
      '2026-03-09T12:30:00.000Z',
      '2026-03-09T14:00:00.000Z',
    ]);
    // 15:30 + 90 minutes would end at 17:00, after 16:30.
    expect(
      freeSlots(facts()).every((slot) => slot.end.getTime() - slot.start.getTime() === 90 * 60_000),
    ).toBe(true);
  });

  it('leaves out the Easter bank holidays and keeps London wall-clock times in summer time', () => {
    const days = starts(facts({ now: at('2026-04-02T00:00:00Z'), until: '2026-04-07' })).map((s) =>
      s.slice(0, 10),
    );
    expect([...new Set(days)]).toEqual(['2026-04-02', '2026-04-07']); // Good Friday 3rd, Easter Monday 6th
    // After the clocks went forward on 29 March, 09:30 in London is 08:30 UTC.
    expect(starts(facts({ now: at('2026-04-02T00:00:00Z'), until: '2026-04-02' }))[0]).toBe(
      '2026-04-02T08:30:00.000Z',
    );
  });

  it("leaves out the authority's own closure days", () => {
    const closed = new WorkingDayCalendar({ extraClosureDays: ['2026-03-09'] });
    expect(starts(facts({ calendar: closed })).map((s) => s.slice(0, 10))).not.toContain('2026-03-09');
  });

  it("leaves out the chair's absences, both ends included", () => {
    const f = facts({ until: '2026-03-11', absences: [{ from: '2026-03-06', to: '2026-03-10' }] });
    expect([...new Set(starts(f).map((s) => s.slice(0, 10)))]).toEqual(['2026-03-11']);
  });

  it('leaves out every slot that overlaps a booking, and keeps one that touches it', () => {
    const bookings = [{ start: at('2026-03-09T10:00:00Z'), end: at('2026-03-09T11:30:00Z') }];
    expect(starts(facts({ now: at('2026-03-09T00:00:00Z'), bookings }))).toEqual([
      '2026-03-09T12:30:00.000Z',
      '2026-03-09T14:00:00.000Z',
    ]);
    const touching = [{ start: at('2026-03-09T11:00:00Z'), end: at('2026-03-09T12:30:00Z') }];
    expect(starts(facts({ now: at('2026-03-09T00:00:00Z'), bookings: touching }))).toEqual([
      '2026-03-09T09:30:00.000Z',
      '2026-03-09T12:30:00.000Z',
      '2026-03-09T14:00:00.000Z',
    ]);
  });

  it('leaves out a day on which the chair already has the daily limit of bookings', () => {
    const evening = (day: string, hour: number) => ({
      start: at(`${day}T${hour}:00:00Z`),
      end: at(`${day}T${hour}:30:00Z`),
    });
    const three = [evening('2026-03-06', 17), evening('2026-03-06', 18), evening('2026-03-06', 19)];
    expect(starts(facts({ bookings: three })).every((s) => s.startsWith('2026-03-09'))).toBe(true);
    expect(
      starts(facts({ bookings: three.slice(0, 2) })).filter((s) => s.startsWith('2026-03-06')),
    ).toHaveLength(4);
    expect(starts(facts({ bookings: three.slice(0, 2), settings: { ...SETTINGS, dailyLimit: 2 } }))[0]).toBe(
      '2026-03-09T09:30:00.000Z',
    );
  });

  it('offers nothing that starts before now, and nothing after the last date', () => {
    expect(starts(facts({ now: at('2026-03-06T12:00:00Z'), until: '2026-03-06' }))).toEqual([
      '2026-03-06T12:30:00.000Z',
      '2026-03-06T14:00:00.000Z',
    ]);
    expect(starts(facts({ until: '2026-03-05' }))).toEqual([]);
  });

  it('fits a longer conference on the same grid', () => {
    expect(starts(facts({ until: '2026-03-06', minutes: 120 }))).toEqual([
      '2026-03-06T09:30:00.000Z',
      '2026-03-06T11:00:00.000Z',
      '2026-03-06T12:30:00.000Z',
      '2026-03-06T14:00:00.000Z',
    ]);
    expect(starts(facts({ until: '2026-03-06', minutes: 420 }))).toEqual(['2026-03-06T09:30:00.000Z']);
  });

  it('refuses a length that does not fit in office hours', () => {
    expect(slotQueryProblems(SETTINGS, 421)).toEqual([{ field: 'minutes', message: expect.any(String) }]);
    expect(slotQueryProblems(SETTINGS, 0)).toHaveLength(1);
    expect(slotQueryProblems({ ...SETTINGS, officeHoursEnd: '09:00' }, 60)).toEqual([
      { field: 'officeHours', message: expect.any(String) },
    ]);
    expect(() => freeSlots(facts({ minutes: 421 }))).toThrow(RangeError);
  });
});

describe('londonTime', () => {
  it('gives the instant of a London wall-clock time either side of the clock changes', () => {
    expect(londonTime('2026-03-28', 570).toISOString()).toBe('2026-03-28T09:30:00.000Z');
    expect(londonTime('2026-03-30', 570).toISOString()).toBe('2026-03-30T08:30:00.000Z');
    expect(londonTime('2026-10-23', 990).toISOString()).toBe('2026-10-23T15:30:00.000Z');
    expect(londonTime('2026-10-26', 990).toISOString()).toBe('2026-10-26T16:30:00.000Z');
  });

  it('reads HH:MM', () => {
    expect(minutesOfDay('09:30')).toBe(570);
    expect(minutesOfDay('9:30')).toBeUndefined();
    expect(minutesOfDay('24:00')).toBeUndefined();
  });
});
