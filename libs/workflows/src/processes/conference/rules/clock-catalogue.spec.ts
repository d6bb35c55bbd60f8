import { InvalidDateError, WorkingDayCalendar } from '../../../calendar';
import { DomainError, DomainErrorCode } from '../../../errors';
import { DEFAULT_STATUTORY_SETTINGS, STATUTORY_SETTING_SOURCES, StatutorySettings } from '../../../settings';
import {
  CLOCK_CATALOGUE,
  CLOCK_KINDS,
  ClockKind,
  computeClock,
  describeClock,
  describeClocks,
  isClockKind,
} from './clock-catalogue';

const calendar = new WorkingDayCalendar();
const settings = DEFAULT_STATUTORY_SETTINGS;

// One row per clock kind: its anchor date and the due date counted by hand with the default figures.
const EVERY_CLOCK: ReadonlyArray<[ClockKind, string, string]> = [
  ['icpc', '2026-03-25', '2026-04-17'],
  ['icpc-request', '2026-12-24', '2026-12-29'],
  ['transfer-in', '2026-08-20', '2026-09-11'],
  ['pre-birth', '2026-10-12', '2026-08-28'],
  ['pre-birth-ideal', '2026-05-31', '2026-02-27'],
  ['first-review', '2026-11-30', '2027-02-26'],
  ['next-review', '2026-08-31', '2027-02-26'],
  ['core-group', '2026-11-02', '2026-11-16'],
  ['post-birth-review', '2026-05-24', '2026-06-08'],
  ['reconvene-initial', '2026-12-14', '2026-12-30'],
  ['reconvene-review', '2026-12-14', '2027-01-14'],
  ['early-review', '2026-11-02', '2026-11-30'],
  ['invitations', '2026-04-08', '2026-03-30'],
  ['agency-reports-initial', '2026-04-08', '2026-04-01'],
  ['agency-reports-review', '2026-04-08', '2026-03-30'],
  ['sw-report-to-parents', '2026-04-08', '2026-04-02'],
  ['decisions', '2026-12-24', '2026-12-29'],
  ['minutes', '2026-11-02', '2026-11-23'],
  ['corrections', '2026-12-21', '2027-01-07'],
  ['correction-answer', '2026-04-01', '2026-04-10'],
];

describe('computeClock (GET /timescales/{kind}?from=)', () => {
  it('has a hand-counted row in this table for every kind in the catalogue', () => {
    expect(EVERY_CLOCK.map(([kind]) => kind).sort()).toEqual([...CLOCK_KINDS].sort());
  });

  it.each(EVERY_CLOCK)('%s from %s is due %s, a working day', (kind, from, dueDate) => {
    expect(computeClock(kind, from, settings, calendar)).toEqual({ kind, from, dueDate });
    expect(calendar.isWorkingDay(dueDate)).toBe(true);
  });

  it('uses the authority figure of each clock', () => {
    const local: StatutorySettings = {
      ...settings,
      minutesDistributionWorkingDays: 20,
      inquorateReviewReconveneWorkingDays: 10,
    };
    expect(computeClock('minutes', '2026-11-02', local, calendar).dueDate).toBe('2026-11-30');
    expect(computeClock('reconvene-review', '2026-12-14', local, calendar).dueDate).toBe('2026-12-30');
  });

  it('answers not_found for an unknown kind and an InvalidDateError naming `from` for an impossible date', () => {
    expect(() => computeClock('icpc-by-magic', '2026-11-02', settings, calendar)).toThrow(
      expect.objectContaining({ code: DomainErrorCode.NotFound }),
    );
    expect(() => computeClock('icpc-by-magic', '2026-11-02', settings, calendar)).toThrow(DomainError);
    for (const bad of ['2026-02-30', '2026-2-3', '', '2026-11-02T10:00:00Z']) {
      expect(() => computeClock('icpc', bad, settings, calendar)).toThrow(InvalidDateError);
      expect(() => computeClock('icpc', bad, settings, calendar)).toThrow(/^from /);
    }
  });

  it('recognises exactly the catalogue kinds', () => {
    expect(CLOCK_KINDS.every(isClockKind)).toBe(true);
    expect(isClockKind('ICPC')).toBe(false);
    expect(isClockKind('toString')).toBe(false);
  });
});

describe('describeClocks (GET /timescales)', () => {
  it('lists every kind once, in catalogue order, each keyed by its own kind', () => {
    expect(describeClocks(settings).map((clock) => clock.kind)).toEqual([...CLOCK_KINDS]);
    for (const kind of CLOCK_KINDS) expect(CLOCK_CATALOGUE[kind].kind).toBe(kind);
  });

  it("gives each clock's setting, the authority's value, its anchor and the source of its default", () => {
    for (const clock of describeClocks(settings)) {
      expect(clock.value).toBe(settings[clock.setting]);
      expect(clock.source).toBe(STATUTORY_SETTING_SOURCES[clock.setting]);
      expect(clock.source.length).toBeGreaterThan(0);
      expect(clock.rule).toContain(String(clock.value));
    }
    expect(describeClock('icpc', settings)).toMatchObject({
      setting: 'icpcWorkingDays',
      value: 15,
      unit: 'working-days-after',
      from: 'strategy-discussion',
      source: 'Working Together to Safeguard Children',
    });
    expect(describeClock('correction-answer', settings).source).toMatch(/local default/i);
  });

  it('words the rule with the figure in force', () => {
    const local: StatutorySettings = {
      ...settings,
      minutesDistributionWorkingDays: 20,
      preBirthLatestWeeksBeforeDelivery: 8,
    };
    expect(describeClock('minutes', local)).toMatchObject({
      value: 20,
      rule: expect.stringContaining('within 20 working days'),
    });
    expect(describeClock('pre-birth', local).rule).toContain('week 32 of pregnancy');
    expect(describeClock('sw-report-to-parents', settings).rule).toContain('by the 2nd working day before');
    expect(describeClock('agency-reports-initial', settings).rule).toContain('by the 3rd working day before');
    expect(describeClock('invitations', { ...settings, invitationsWorkingDaysBefore: 1 }).rule).toContain(
      'at least 1 working day before the conference: by the 1st working day',
    );
  });
});
