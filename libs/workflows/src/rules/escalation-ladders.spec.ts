import { WorkingDayCalendar } from '../calendar';
import { DEFAULT_ESCALATION_LADDERS } from '../processes';
import {
  DEFAULT_LADDER,
  DeadlineTiming,
  escalationLadderProblems,
  latestRepeat,
  ladderFor,
  londonInstant,
  nextRepeat,
  repeatAt,
  ScheduledStep,
  stepAt,
  stepTimes,
} from './escalation-ladders';
import type { EscalationLadder, LadderStep } from './escalation-ladder.types';

// Expected instants below were worked out by hand: 22 Jun 2026 is a Monday (BST, UTC+1);
// 24 Dec 2026 a Thursday, then Christmas Day (Fri) and Boxing Day's substitute (Mon 28) are holidays.
const calendar = new WorkingDayCalendar();
const icpc = DEFAULT_ESCALATION_LADDERS.icpc!;
const screening = DEFAULT_ESCALATION_LADDERS['asv-screening']!;

const timing = (dueDate: string, dueAt: string, openedAt: string): DeadlineTiming => ({
  dueDate,
  dueAt: new Date(dueAt),
  openedAt: new Date(openedAt),
});
const summary = (steps: ScheduledStep[]) =>
  steps.map((s) => [s.step.id, s.occurrence, s.fireAt.toISOString()]);
const repeatOf = (ladder: EscalationLadder) => ladder.steps.find((s) => s.kind === 'repeat')!;

describe('stepTimes', () => {
  const icpcJune = timing('2026-06-22', '2026-06-22T23:00:00Z', '2026-06-01T10:00:00Z');

  it('times the ICPC ladder in London summer time: 5 and 2 working days before at 09:00, dueAt, then the next working day', () => {
    expect(summary(stepTimes(icpc, icpcJune, calendar))).toEqual([
      ['warn-5', 0, '2026-06-15T08:00:00.000Z'],
      ['warn-2', 0, '2026-06-18T08:00:00.000Z'],
      ['due', 0, '2026-06-22T23:00:00.000Z'],
      ['repeat', 1, '2026-06-23T08:00:00.000Z'],
    ]);
  });

  it('times a one-working-day screening clock across Christmas: noon on the due date, the next working day at 09:00 GMT', () => {
    const christmasEve = timing('2026-12-24', '2026-12-25T00:00:00Z', '2026-12-23T10:00:00Z');
    expect(summary(stepTimes(screening, christmasEve, calendar))).toEqual([
      ['warn-noon', 0, '2026-12-24T12:00:00.000Z'],
      ['due', 0, '2026-12-29T09:00:00.000Z'],
      ['repeat', 1, '2026-12-30T09:00:00.000Z'],
    ]);
  });

  it('skips steps timed before the deadline opened instead of firing them late', () => {
    const openedAfterNoon = timing('2026-11-23', '2026-11-24T00:00:00Z', '2026-11-23T13:00:00Z');
    expect(summary(stepTimes(screening, openedAfterNoon, calendar))).toEqual([
      ['due', 0, '2026-11-24T09:00:00.000Z'],
      ['repeat', 1, '2026-11-25T09:00:00.000Z'],
    ]);
  });

  it('counts repeats from the first one after opening when a deadline opens already overdue', () => {
    const openedLate = timing('2026-06-22', '2026-06-22T23:00:00Z', '2026-06-25T12:00:00Z');
    expect(summary(stepTimes(icpc, openedLate, calendar))).toEqual([
      ['repeat', 1, '2026-06-26T08:00:00.000Z'],
    ]);
  });

  it('keeps a step timed exactly at the opening instant', () => {
    const openedAtNoon = timing('2026-11-23', '2026-11-24T00:00:00Z', '2026-11-23T12:00:00Z');
    expect(summary(stepTimes(screening, openedAtNoon, calendar))[0]).toEqual([
      'warn-noon',
      0,
      '2026-11-23T12:00:00.000Z',
    ]);
  });
});

describe('repeats', () => {
  const icpcJune = timing('2026-06-22', '2026-06-22T23:00:00Z', '2026-06-01T10:00:00Z');
  const repeat = repeatOf(icpc);

  it('nextRepeat gives the first occurrence strictly after an instant', () => {
    expect(nextRepeat(repeat, icpcJune, new Date('2026-06-23T08:00:00Z'), calendar)).toMatchObject({
      occurrence: 2,
      fireAt: new Date('2026-06-24T08:00:00Z'),
    });
    // Friday evening: the next working day is Monday.
    expect(nextRepeat(repeat, icpcJune, new Date('2026-06-26T18:00:00Z'), calendar)).toMatchObject({
      occurrence: 5,
      fireAt: new Date('2026-06-29T08:00:00Z'),
    });
  });

  it('latestRepeat gives the occurrence due now, or none before the first', () => {
    expect(latestRepeat(repeat, icpcJune, new Date('2026-06-25T10:00:00Z'), calendar)).toMatchObject({
      occurrence: 3,
      fireAt: new Date('2026-06-25T08:00:00Z'),
    });
    expect(latestRepeat(repeat, icpcJune, new Date('2026-06-23T07:59:59Z'), calendar)).toBeUndefined();
    expect(latestRepeat(repeat, icpcJune, new Date('2026-06-23T08:00:00Z'), calendar)).toMatchObject({
      occurrence: 1,
    });
  });

  it('repeatAt numbers occurrences from 1 and refuses anything else', () => {
    expect(repeatAt(repeat, icpcJune, 2, calendar)?.fireAt).toEqual(new Date('2026-06-24T08:00:00Z'));
    expect(repeatAt(repeat, icpcJune, 0, calendar)).toBeUndefined();
    expect(repeatAt(repeat, icpcJune, 1.5, calendar)).toBeUndefined();
  });

  it('repeats every N working days, skipping weekends and bank holidays', () => {
    const everyTwo: LadderStep = { ...repeat, everyWorkingDays: 2 };
    const christmas = timing('2026-12-22', '2026-12-23T00:00:00Z', '2026-12-01T10:00:00Z');
    // First: 1 working day after Tue 22 Dec = Wed 23; then Thu 24, [25, 28 holidays] Tue 29 → 2 working days on; then Thu 31.
    expect([1, 2, 3].map((n) => repeatAt(everyTwo, christmas, n, calendar)?.fireAt.toISOString())).toEqual([
      '2026-12-23T09:00:00.000Z',
      '2026-12-29T09:00:00.000Z',
      '2026-12-31T09:00:00.000Z',
    ]);
  });
});

describe('londonInstant', () => {
  it('follows GMT and BST', () => {
    expect(londonInstant('2026-03-27', '09:00').toISOString()).toBe('2026-03-27T09:00:00.000Z'); // Friday, GMT
    expect(londonInstant('2026-03-30', '09:00').toISOString()).toBe('2026-03-30T08:00:00.000Z'); // Monday, BST
    expect(londonInstant('2026-10-26', '09:00').toISOString()).toBe('2026-10-26T09:00:00.000Z'); // GMT again
  });

  it('takes a time in the spring gap as an hour later, and the first of an autumn repeat', () => {
    expect(londonInstant('2026-03-29', '01:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(londonInstant('2026-10-25', '01:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('ladderFor', () => {
  it("uses the ladder's own entry, else the default", () => {
    expect(ladderFor(DEFAULT_ESCALATION_LADDERS, 'icpc')).toBe(icpc);
    expect(ladderFor(DEFAULT_ESCALATION_LADDERS, 'allegation-meeting')).toBe(
      DEFAULT_ESCALATION_LADDERS[DEFAULT_LADDER],
    );
    expect(ladderFor(DEFAULT_ESCALATION_LADDERS, 'constructor')).toBe(
      DEFAULT_ESCALATION_LADDERS[DEFAULT_LADDER],
    );
  });
});

describe('escalationLadderProblems', () => {
  const valid: LadderStep = {
    id: 'warn-1',
    kind: 'warning',
    offsetWorkingDays: -1,
    at: '09:00',
    notify: ['coordinator'],
  };
  const problems = (steps: unknown[]) => escalationLadderProblems({ icpc: { steps } });

  it('accepts the defaults', () => {
    expect(escalationLadderProblems(DEFAULT_ESCALATION_LADDERS)).toEqual([]);
  });

  it.each([
    ['a time that is not HH:MM', { ...valid, at: '9am' }, 'escalationLadders.icpc.steps[0].at'],
    ['24:00', { ...valid, at: '24:00' }, 'escalationLadders.icpc.steps[0].at'],
    [
      'a recipient not on the allowed list',
      { ...valid, notify: ['the_press'] },
      'escalationLadders.icpc.steps[0].notify',
    ],
    ['nobody to notify', { ...valid, notify: [] }, 'escalationLadders.icpc.steps[0].notify'],
    ['an unknown kind', { ...valid, kind: 'panic' }, 'escalationLadders.icpc.steps[0].kind'],
    [
      'a fractional offset',
      { ...valid, offsetWorkingDays: 1.5 },
      'escalationLadders.icpc.steps[0].offsetWorkingDays',
    ],
    ['an id with a colon', { ...valid, id: 'warn:1' }, 'escalationLadders.icpc.steps[0].id'],
    ['a warning without a time', { ...valid, at: undefined }, 'escalationLadders.icpc.steps[0].at'],
    [
      'a due step at dueAt with an offset',
      { id: 'due', kind: 'due', offsetWorkingDays: 1, notify: ['duty_manager'] },
      'escalationLadders.icpc.steps[0].offsetWorkingDays',
    ],
    [
      'a repeat without its interval',
      { ...valid, kind: 'repeat' },
      'escalationLadders.icpc.steps[0].everyWorkingDays',
    ],
    [
      'an interval on a warning',
      { ...valid, everyWorkingDays: 1 },
      'escalationLadders.icpc.steps[0].everyWorkingDays',
    ],
    ['an unknown field', { ...valid, sms: true }, 'escalationLadders.icpc.steps[0]'],
  ])('names the field for %s', (_name, step, path) => {
    expect(problems([step])).toEqual([path]);
  });

  it('refuses duplicate step ids, two repeats, a bad shape and a bad ladder name', () => {
    expect(problems([valid, valid])).toEqual(['escalationLadders.icpc.steps']);
    const repeat = { ...valid, kind: 'repeat', everyWorkingDays: 1 };
    expect(
      problems([
        { ...repeat, id: 'a' },
        { ...repeat, id: 'b' },
      ]),
    ).toEqual(['escalationLadders.icpc.steps']);
    expect(escalationLadderProblems({ icpc: { steps: 'daily' } })).toEqual(['escalationLadders.icpc.steps']);
    expect(escalationLadderProblems({ icpc: [] })).toEqual(['escalationLadders.icpc']);
    expect(escalationLadderProblems({ 'Bad Name': { steps: [] } })).toEqual(['escalationLadders']);
    expect(escalationLadderProblems([])).toEqual(['escalationLadders']);
  });
});

describe('steps timed in hours (hour clocks)', () => {
  // A 24-working-hour enquiry target set Friday 20 Nov 2026 at 15:00: due Monday 23 Nov at 15:00 (GMT).
  const enquiry = timing('2026-11-23', '2026-11-23T15:00:00Z', '2026-11-20T15:00:00Z');
  const hourLadder: EscalationLadder = {
    steps: [
      { id: 'warn-2h', kind: 'warning', offsetHours: -2, notify: ['coordinator'] },
      { id: 'due', kind: 'due', offsetHours: 0, notify: ['duty_manager'] },
      { id: 'late-1h', kind: 'due', offsetHours: 1, notify: ['service_manager'] },
      {
        id: 'repeat',
        kind: 'repeat',
        offsetWorkingDays: 1,
        at: '09:00',
        everyWorkingDays: 1,
        notify: ['duty_manager'],
      },
    ],
  };

  it('times them from dueAt on the wall clock, and repeats on working days as before', () => {
    expect(summary(stepTimes(hourLadder, enquiry, calendar))).toEqual([
      ['warn-2h', 0, '2026-11-23T13:00:00.000Z'],
      ['due', 0, '2026-11-23T15:00:00.000Z'],
      ['late-1h', 0, '2026-11-23T16:00:00.000Z'],
      ['repeat', 1, '2026-11-24T09:00:00.000Z'],
    ]);
  });

  it('counts hours on the wall clock across a change of clocks', () => {
    // Due Monday 30 March 2026 15:00 BST (14:00Z): four hours before is Monday 10:00 BST.
    const warn = hourLadder.steps[0]!;
    const due = timing('2026-03-30', '2026-03-30T14:00:00Z', '2026-03-27T15:00:00Z');
    expect(stepAt({ ...warn, offsetHours: -4 }, due, calendar).toISOString()).toBe(
      '2026-03-30T10:00:00.000Z',
    );
    expect(stepAt({ ...warn, offsetHours: -72 }, due, calendar).toISOString()).toBe(
      '2026-03-27T14:00:00.000Z',
    );
  });

  it('skips an hour step timed before the clock opened', () => {
    const openedLate = timing('2026-11-23', '2026-11-23T15:00:00Z', '2026-11-23T14:00:00Z');
    expect(summary(stepTimes(hourLadder, openedLate, calendar)).map(([id]) => id)).toEqual([
      'due',
      'late-1h',
      'repeat',
    ]);
  });

  const valid: LadderStep = { id: 'warn-2h', kind: 'warning', offsetHours: -2, notify: ['coordinator'] };
  const problems = (steps: unknown[]) => escalationLadderProblems({ enquiry: { steps } });

  it('accepts a warning before dueAt and a due step at or after it', () => {
    expect(escalationLadderProblems({ enquiry: hourLadder })).toEqual([]);
    expect(problems([{ ...valid, offsetHours: -24 * 14 }])).toEqual([]);
    expect(problems([{ id: 'due', kind: 'due', offsetHours: 24 * 14, notify: ['duty_manager'] }])).toEqual(
      [],
    );
  });

  it.each([
    [
      'a warning at or after dueAt',
      { ...valid, offsetHours: 0 },
      'escalationLadders.enquiry.steps[0].offsetHours',
    ],
    [
      'a due step before dueAt',
      { ...valid, kind: 'due', offsetHours: -1 },
      'escalationLadders.enquiry.steps[0].offsetHours',
    ],
    ['a fractional hour', { ...valid, offsetHours: -1.5 }, 'escalationLadders.enquiry.steps[0].offsetHours'],
    [
      'more than two weeks before',
      { ...valid, offsetHours: -24 * 14 - 1 },
      'escalationLadders.enquiry.steps[0].offsetHours',
    ],
    [
      'more than two weeks after',
      { ...valid, kind: 'due', offsetHours: 24 * 14 + 1 },
      'escalationLadders.enquiry.steps[0].offsetHours',
    ],
    ['hours as text', { ...valid, offsetHours: '-2' }, 'escalationLadders.enquiry.steps[0].offsetHours'],
    [
      'a repeat in hours',
      { ...valid, kind: 'repeat', offsetHours: 1, everyWorkingDays: 1 },
      'escalationLadders.enquiry.steps[0].offsetHours',
    ],
    [
      'working days beside hours',
      { ...valid, offsetWorkingDays: 0 },
      'escalationLadders.enquiry.steps[0].offsetWorkingDays',
    ],
    ['a time of day beside hours', { ...valid, at: '09:00' }, 'escalationLadders.enquiry.steps[0].at'],
  ])('names the field for %s', (_name, step, path) => {
    expect(problems([step])).toEqual([path]);
  });
});
