import { WorkingDayCalendar } from '../calendar';
import { DEFAULT_STATUTORY_SETTINGS, StatutorySettings } from '../settings';
import {
  anchorDate,
  anchorInstant,
  computeDeadline,
  computeDeadlines,
  deadlineIdentity,
  desiredDeadlines,
  measureOf,
  resolveFigure,
  stuckAfterHours,
  valueAtPath,
} from './deadlines';
import type { DeadlineDecl } from './workflow-definition';

// Expected dates were worked out by hand from the published calendar. 2026: Friday 20 November,
// Good Friday 3 April and Easter Monday 6 April, early May Monday 4 May, summer Monday 31 August,
// Christmas Friday 25 December and Boxing Day's substitute Monday 28 December; New Year's Day 2027
// is a Friday. British Summer Time from Sunday 29 March to Sunday 25 October.
const calendar = new WorkingDayCalendar();
const settings: StatutorySettings = DEFAULT_STATUTORY_SETTINGS;
const one = (decl: DeadlineDecl, context: unknown) => computeDeadline(decl, context, settings, calendar);
const all = (decl: DeadlineDecl, context: unknown) => computeDeadlines(decl, context, settings, calendar);
/** A day clock due on `date`: missed at the London midnight that ends it. */
const missedAfter = (date: string, utcMidnight: string) => ({ dueDate: date, dueAt: utcMidnight });

describe('a clock of N working days from its anchor', () => {
  const screening: DeadlineDecl = {
    kind: 'asv-screening',
    anchor: 'receivedAt',
    workingDays: 'asvScreeningWorkingDays',
  };

  it('is due the next working day after a Friday and missed at London midnight after that', () => {
    expect(one(screening, { receivedAt: '2026-11-20T10:00:00Z' })).toEqual({
      kind: 'asv-screening',
      ladder: 'asv-screening',
      anchorDate: '2026-11-20',
      dueDate: '2026-11-23',
      dueAt: '2026-11-24T00:00:00.000Z',
    });
  });

  it('reads a date-time as its London date and misses it at 23:00 UTC in summer', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London; 1 July + 1 working day is Thursday 2 July.
    expect(one(screening, { receivedAt: '2026-06-30T23:30:00Z' })).toMatchObject({
      anchorDate: '2026-07-01',
      ...missedAfter('2026-07-02', '2026-07-02T23:00:00.000Z'),
    });
  });

  it('counts over Easter and over Christmas and New Year', () => {
    const icpc: DeadlineDecl = {
      kind: 'icpc',
      anchor: 'strategyDiscussion.date',
      workingDays: 'icpcWorkingDays',
    };
    expect(one(icpc, { strategyDiscussion: { date: '2026-04-01' } })).toMatchObject({
      dueDate: '2026-04-24',
    });
    expect(one({ ...screening, workingDays: 3 }, { receivedAt: '2026-12-23' })).toMatchObject(
      missedAfter('2026-12-30', '2026-12-31T00:00:00.000Z'),
    );
    expect(one({ ...screening, workingDays: 2 }, { receivedAt: '2026-12-30' })).toMatchObject({
      dueDate: '2027-01-04',
    });
  });

  it('uses the ladder it names, else its kind', () => {
    expect(one({ ...screening, ladder: 'default' }, { receivedAt: '2026-11-20' })?.ladder).toBe('default');
  });
});

describe('a clock of N working days BEFORE its anchor (reports before a conference)', () => {
  const reports: DeadlineDecl = {
    kind: 'agency-reports',
    anchor: 'conference.date',
    workingDaysBefore: 'agencyReportWorkingDaysBeforeIcpc',
  };
  const before = (date: string, decl = reports) => one(decl, { conference: { date } });

  it('counts back 3 working days from the conference: Thursday → Monday, Tuesday → the Thursday before', () => {
    expect(before('2026-11-26')).toEqual({
      kind: 'agency-reports',
      ladder: 'agency-reports',
      anchorDate: '2026-11-26',
      dueDate: '2026-11-23',
      dueAt: '2026-11-24T00:00:00.000Z',
    });
    expect(before('2026-11-24')?.dueDate).toBe('2026-11-19');
  });

  it('counts back over Easter and over Christmas and New Year, landing on a working day', () => {
    // Wed 8 Apr: Tue 7 (1), [Easter Monday, Good Friday], Thu 2 (2), Wed 1 (3).
    expect(before('2026-04-08')?.dueDate).toBe('2026-04-01');
    // Tue 5 Jan 2027: Mon 4 (1), [New Year's Day], Thu 31 (2), Wed 30 Dec (3).
    expect(before('2027-01-05')?.dueDate).toBe('2026-12-30');
  });

  it('with 0 is the anchor itself, or the working day before a non-working one', () => {
    expect(before('2026-11-26', { ...reports, workingDaysBefore: 0 })?.dueDate).toBe('2026-11-26');
    expect(before('2026-11-28', { ...reports, workingDaysBefore: 0 })?.dueDate).toBe('2026-11-27');
  });

  it('follows the authority setting', () => {
    const local = { ...settings, agencyReportWorkingDaysBeforeIcpc: 5 };
    expect(computeDeadline(reports, { conference: { date: '2026-11-26' } }, local, calendar)?.dueDate).toBe(
      '2026-11-19',
    );
  });
});

describe('clocks in months and weeks', () => {
  it('clamps a month to the end of a shorter one, then falls back to a working day', () => {
    const review: DeadlineDecl = { kind: 'first-review', anchor: 'icpcDate', months: 'firstReviewMonths' };
    // 30 Nov + 3 months = Sun 28 Feb 2027 → Fri 26 Feb; 31 Jan 2026 + 1 = Sat 28 Feb → Fri 27 Feb.
    expect(one(review, { icpcDate: '2026-11-30' })?.dueDate).toBe('2027-02-26');
    expect(one({ ...review, months: 1 }, { icpcDate: '2026-01-31' })?.dueDate).toBe('2026-02-27');
    expect(one({ ...review, months: 1 }, { icpcDate: '2028-01-31' })?.dueDate).toBe('2028-02-29');
  });

  it('counts weeks after an anchor, falling back from a bank holiday', () => {
    const afterBirth: DeadlineDecl = { kind: 'post-birth-review', anchor: 'bornOn', weeks: 4 };
    expect(one(afterBirth, { bornOn: '2026-12-03' })?.dueDate).toBe('2026-12-31');
    expect(one({ ...afterBirth, weeks: 3 }, { bornOn: '2026-12-04' })?.dueDate).toBe('2026-12-24');
  });

  it('counts weeks before an anchor (EDD − 6 weeks), falling back from a bank holiday', () => {
    const preBirthLimit: DeadlineDecl = {
      kind: 'pre-birth-icpc',
      anchor: 'expectedDeliveryDate',
      weeksBefore: 6,
    };
    expect(one(preBirthLimit, { expectedDeliveryDate: '2027-01-20' })).toMatchObject({
      anchorDate: '2027-01-20',
      ...missedAfter('2026-12-09', '2026-12-10T00:00:00.000Z'),
    });
    expect(one(preBirthLimit, { expectedDeliveryDate: '2026-10-12' })?.dueDate).toBe('2026-08-28');
  });
});

describe('the earlier of two rules (a pre-birth conference)', () => {
  const preBirth: DeadlineDecl = {
    kind: 'pre-birth-icpc',
    earliestOf: [
      { anchor: 'expectedDeliveryDate', weeksBefore: 6 },
      { anchor: 'strategyDiscussion.date', workingDays: 'icpcWorkingDays' },
    ],
  };

  it('takes the week-of-pregnancy limit when it comes first', () => {
    // EDD Wed 20 Jan 2027 − 6 weeks = Wed 9 Dec; strategy discussion Fri 20 Nov + 15 = Fri 11 Dec.
    expect(
      one(preBirth, { expectedDeliveryDate: '2027-01-20', strategyDiscussion: { date: '2026-11-20' } }),
    ).toEqual({
      kind: 'pre-birth-icpc',
      ladder: 'pre-birth-icpc',
      anchorDate: '2027-01-20',
      dueDate: '2026-12-09',
      dueAt: '2026-12-10T00:00:00.000Z',
    });
  });

  it('takes the initial-conference rule when it comes first, with its own anchor', () => {
    // Strategy discussion Mon 16 Nov + 15 working days = Mon 7 Dec, before Wed 9 Dec.
    expect(
      one(preBirth, { expectedDeliveryDate: '2027-01-20', strategyDiscussion: { date: '2026-11-16' } }),
    ).toMatchObject({
      anchorDate: '2026-11-16',
      dueDate: '2026-12-07',
    });
  });

  it('takes the first rule when both give the same time', () => {
    // EDD Fri 22 Jan 2027 − 6 weeks = Fri 11 Dec, as is Fri 20 Nov + 15 working days.
    expect(
      one(preBirth, { expectedDeliveryDate: '2027-01-22', strategyDiscussion: { date: '2026-11-20' } }),
    ).toMatchObject({
      anchorDate: '2027-01-22',
      dueDate: '2026-12-11',
    });
  });

  it('leaves out a rule whose anchor is absent, and opens nothing when every anchor is', () => {
    expect(one(preBirth, { expectedDeliveryDate: '2027-01-20' })).toMatchObject({ dueDate: '2026-12-09' });
    expect(one(preBirth, { strategyDiscussion: { date: '2026-11-20' } })).toMatchObject({
      dueDate: '2026-12-11',
    });
    expect(one(preBirth, { strategyDiscussion: null })).toBeUndefined();
  });

  it('compares an hour rule and a day rule by the instant each is missed', () => {
    const firstContact: DeadlineDecl = {
      kind: 'first-contact',
      earliestOf: [
        { anchor: 'referredOn', workingDays: 1 },
        { anchor: 'referredAt', hours: 6, hoursCounted: 'wall-clock' },
      ],
    };
    // Referred Monday 23 Nov at 09:00: six hours (15:00 the same day) come before the end of Tuesday.
    expect(one(firstContact, { referredOn: '2026-11-23', referredAt: '2026-11-23T09:00:00Z' })).toMatchObject(
      {
        dueDate: '2026-11-23',
        dueAt: '2026-11-23T15:00:00.000Z',
      },
    );
    // Referred Monday at 22:00 (a date of Sunday given for the day rule): Monday's end comes first.
    expect(one(firstContact, { referredOn: '2026-11-22', referredAt: '2026-11-23T22:00:00Z' })).toMatchObject(
      {
        dueDate: '2026-11-23',
        dueAt: '2026-11-24T00:00:00.000Z',
      },
    );
  });
});

describe('clocks in hours', () => {
  const enquiry: DeadlineDecl = {
    kind: 'enquiry-response',
    anchor: 'receivedAt',
    hours: 'serviceDeskResponseHours',
    hoursCounted: 'working-days',
  };
  const breach: DeadlineDecl = {
    kind: 'breach-report',
    anchor: 'awareAt',
    hours: 72,
    hoursCounted: 'wall-clock',
  };

  it('counts working hours: Friday 15:00 + 24 h is Monday 15:00, due at that exact instant', () => {
    expect(one(enquiry, { receivedAt: '2026-11-20T15:00:00Z' })).toEqual({
      kind: 'enquiry-response',
      ladder: 'enquiry-response',
      anchorDate: '2026-11-20',
      dueDate: '2026-11-23',
      dueAt: '2026-11-23T15:00:00.000Z',
    });
  });

  it('skips a bank holiday Monday: due Tuesday 15:00', () => {
    expect(one(enquiry, { receivedAt: '2026-05-01T14:00:00Z' })).toMatchObject({
      dueDate: '2026-05-05',
      dueAt: '2026-05-05T14:00:00.000Z',
    });
  });

  it('counts the wall clock for a breach report: 72 hours on from Friday, weekend included', () => {
    expect(one(breach, { awareAt: '2026-11-20T15:00:00Z' })).toEqual({
      kind: 'breach-report',
      ladder: 'breach-report',
      anchorDate: '2026-11-20',
      dueDate: '2026-11-23',
      dueAt: '2026-11-23T15:00:00.000Z',
    });
    // Over Christmas the wall clock does not stop: Thursday 24 Dec 10:00 + 72 h = Sunday 27 Dec 10:00.
    expect(one(breach, { awareAt: '2026-12-24T10:00:00Z' })).toMatchObject({
      dueDate: '2026-12-27',
      dueAt: '2026-12-27T10:00:00.000Z',
    });
  });

  it('keeps instants exact when the clocks change inside the hours', () => {
    // Friday 27 March 15:00 GMT: 24 working hours end Monday 15:00 BST; 72 wall-clock hours at 16:00 BST.
    expect(one(enquiry, { receivedAt: '2026-03-27T15:00:00Z' })?.dueAt).toBe('2026-03-30T14:00:00.000Z');
    expect(one(breach, { awareAt: '2026-03-27T15:00:00Z' })?.dueAt).toBe('2026-03-30T15:00:00.000Z');
    // Friday 23 October 15:00 BST: Monday 15:00 GMT, and 72 hours later 14:00 GMT.
    expect(one(enquiry, { receivedAt: '2026-10-23T14:00:00Z' })?.dueAt).toBe('2026-10-26T15:00:00.000Z');
    expect(one(breach, { awareAt: '2026-10-23T14:00:00Z' })?.dueAt).toBe('2026-10-26T14:00:00.000Z');
  });

  it('dates a clock that runs out at midnight on the day that midnight ends', () => {
    // From Saturday the count starts Monday 00:00; 24 working hours end at the midnight after Monday.
    expect(one(enquiry, { receivedAt: '2026-11-21T10:00:00Z' })).toMatchObject({
      anchorDate: '2026-11-21',
      dueDate: '2026-11-23',
      dueAt: '2026-11-24T00:00:00.000Z',
    });
  });

  it('takes a date-only anchor as London midnight at its start', () => {
    expect(one(breach, { awareAt: '2026-06-01' })).toMatchObject({
      anchorDate: '2026-06-01',
      dueDate: '2026-06-03',
      dueAt: '2026-06-03T23:00:00.000Z',
    });
  });

  it('never dates a clock before its anchor, even one of no hours', () => {
    expect(one({ ...breach, hours: 0 }, { awareAt: '2026-06-01' })).toMatchObject({
      anchorDate: '2026-06-01',
      dueDate: '2026-06-01',
      dueAt: '2026-05-31T23:00:00.000Z',
    });
  });

  it('refuses an hour clock that does not say how its hours are counted', () => {
    expect(() =>
      one({ kind: 'enquiry-response', anchor: 'receivedAt', hours: 24 }, { receivedAt: '2026-11-20' }),
    ).toThrow('An hour clock says how its hours are counted');
  });
});

describe('an absent anchor', () => {
  const screening: DeadlineDecl = { kind: 'asv-screening', anchor: 'clocks.screeningFrom', workingDays: 1 };

  it.each([
    ['missing', {}],
    ['missing on the way', { clocks: null }],
    ['null', { clocks: { screeningFrom: null } }],
    ['empty', { clocks: { screeningFrom: '' } }],
    ['not a date', { clocks: { screeningFrom: 'soon' } }],
    ['not a string', { clocks: { screeningFrom: 20261120 } }],
  ])('opens no clock while the anchor is %s', (_name, context) => {
    expect(one(screening, context)).toBeUndefined();
    expect(all(screening, context)).toEqual([]);
  });
});

describe('a rule without an anchor (refused at registration)', () => {
  it('opens no clock', () => {
    expect(one({ kind: 'screening', workingDays: 1 }, { receivedAt: '2026-11-20' })).toBeUndefined();
    expect(
      one(
        {
          kind: 'screening',
          earliestOf: [{ workingDays: 1 } as never, { anchor: 'receivedAt', workingDays: 2 }],
        },
        { receivedAt: '2026-11-20' },
      ),
    ).toMatchObject({ dueDate: '2026-11-24' });
  });
});

describe('one clock per item (forEach)', () => {
  const reports: DeadlineDecl = {
    kind: 'agency-report',
    forEach: 'reports',
    key: 'agencyId',
    anchor: 'conference.date',
    workingDaysBefore: 3,
    ladder: 'agency-report',
  };
  const invitations: DeadlineDecl = {
    kind: 'invitation-reply',
    forEach: 'invitations',
    key: 'inviteeId',
    anchor: '$item.sentAt',
    workingDays: 5,
  };

  it('opens one keyed clock per item, anchored in the context', () => {
    expect(
      all(reports, {
        conference: { date: '2026-11-26' },
        reports: [{ agencyId: 'police' }, { agencyId: 'health' }],
      }),
    ).toEqual([
      {
        kind: 'agency-report',
        key: 'police',
        ladder: 'agency-report',
        anchorDate: '2026-11-26',
        dueDate: '2026-11-23',
        dueAt: '2026-11-24T00:00:00.000Z',
      },
      {
        kind: 'agency-report',
        key: 'health',
        ladder: 'agency-report',
        anchorDate: '2026-11-26',
        dueDate: '2026-11-23',
        dueAt: '2026-11-24T00:00:00.000Z',
      },
    ]);
  });

  it('anchors in the item with $item, and opens none for an item whose anchor is absent', () => {
    const context = {
      invitations: [
        { inviteeId: 'person-1', sentAt: '2026-11-20T10:00:00Z' },
        { inviteeId: 'person-2', sentAt: null },
        { inviteeId: 'person-3', sentAt: '2026-11-23T10:00:00Z' },
      ],
    };
    expect(all(invitations, context).map((d) => [d.key, d.dueDate])).toEqual([
      ['person-1', '2026-11-27'],
      ['person-3', '2026-11-30'],
    ]);
  });

  it('takes an item that is itself its key, or an integer key', () => {
    const byId: DeadlineDecl = { ...reports, key: '$item' };
    expect(
      all(byId, { conference: { date: '2026-11-26' }, reports: ['police', 'school'] }).map((d) => d.key),
    ).toEqual(['police', 'school']);
    const byNumber: DeadlineDecl = { ...reports, key: 'n' };
    expect(
      all(byNumber, { conference: { date: '2026-11-26' }, reports: [{ n: 7 }, { n: 0 }] }).map((d) => d.key),
    ).toEqual(['7', '0']);
    const itemDate: DeadlineDecl = { ...invitations, key: '$item', anchor: '$item' };
    expect(all(itemDate, { invitations: ['2026-11-20'] })).toMatchObject([
      { key: '2026-11-20', dueDate: '2026-11-27' },
    ]);
  });

  it('opens nothing while the list is absent or empty', () => {
    expect(all(reports, { conference: { date: '2026-11-26' } })).toEqual([]);
    expect(all(reports, { conference: { date: '2026-11-26' }, reports: null })).toEqual([]);
    expect(all(reports, { conference: { date: '2026-11-26' }, reports: [] })).toEqual([]);
    expect(all(reports, { reports: [{ agencyId: 'police' }] })).toEqual([]);
  });

  it('throws, naming the item but no value, for an item without a key', () => {
    for (const item of [
      {},
      { agencyId: '' },
      { agencyId: null },
      { agencyId: 1.5 },
      { agencyId: { id: 'x' } },
      null,
    ]) {
      expect(() =>
        all(reports, { conference: { date: '2026-11-26' }, reports: [{ agencyId: 'police' }, item] }),
      ).toThrow('Deadline agency-report: item 1 of reports has no key at agencyId');
    }
  });

  it('throws for two items with one key, and for a list that is not one', () => {
    expect(() =>
      all(reports, {
        conference: { date: '2026-11-26' },
        reports: [{ agencyId: 'police' }, { agencyId: 'police' }],
      }),
    ).toThrow('Deadline agency-report: two items of reports have one key');
    expect(() => all(reports, { conference: { date: '2026-11-26' }, reports: { police: true } })).toThrow(
      'Deadline agency-report: reports is not a list',
    );
  });

  it('is not computed as one clock', () => {
    expect(() => one(reports, { reports: [] })).toThrow(
      'Deadline agency-report is one per item: use computeDeadlines',
    );
  });
});

describe('desiredDeadlines: every clock the active states declare', () => {
  const context = {
    receivedAt: '2026-11-20T10:00:00Z',
    conference: { date: '2026-11-26' },
    reports: [{ agencyId: 'school' }, { agencyId: 'police' }],
  };
  const desired = (metaByNode: Record<string, unknown>, ctx: unknown = context) =>
    desiredDeadlines(metaByNode, ctx, settings, calendar);

  it('opens two clocks declared at once, sorted by kind then key', () => {
    const deadlines = desired({
      'case.intake': {
        deadlines: [
          { kind: 'screening', anchor: 'receivedAt', workingDays: 1 },
          {
            kind: 'agency-report',
            forEach: 'reports',
            key: 'agencyId',
            anchor: 'conference.date',
            workingDaysBefore: 3,
          },
        ],
      },
      'case.other': { deadlines: [{ kind: 'acknowledgement', anchor: 'receivedAt', workingDays: 2 }] },
    });
    expect(deadlines.map((d) => [d.kind, d.key, d.dueDate])).toEqual([
      ['acknowledgement', undefined, '2026-11-24'],
      ['agency-report', 'police', '2026-11-23'],
      ['agency-report', 'school', '2026-11-23'],
      ['screening', undefined, '2026-11-23'],
    ]);
  });

  it('keeps the first declaration of one kind (parallel states sharing a clock)', () => {
    const deadlines = desired({
      'case.a': { deadlines: [{ kind: 'screening', anchor: 'receivedAt', workingDays: 1 }] },
      'case.b': { deadlines: [{ kind: 'screening', anchor: 'receivedAt', workingDays: 10 }] },
    });
    expect(deadlines).toEqual([expect.objectContaining({ kind: 'screening', dueDate: '2026-11-23' })]);
  });

  it('falls to a later declaration of a kind while the first has no anchor', () => {
    const deadlines = desired({
      'case.a': { deadlines: [{ kind: 'screening', anchor: 'reopenedAt', workingDays: 1 }] },
      'case.b': { deadlines: [{ kind: 'screening', anchor: 'receivedAt', workingDays: 2 }] },
    });
    expect(deadlines).toEqual([expect.objectContaining({ kind: 'screening', dueDate: '2026-11-24' })]);
  });

  it('keeps the first of duplicates of one (kind, key), and tells a keyed clock from an unkeyed one of the kind', () => {
    const deadlines = desired({
      'case.a': {
        deadlines: [
          {
            kind: 'agency-report',
            forEach: 'reports',
            key: 'agencyId',
            anchor: 'conference.date',
            workingDaysBefore: 3,
          },
        ],
      },
      'case.b': {
        deadlines: [
          {
            kind: 'agency-report',
            forEach: 'reports',
            key: 'agencyId',
            anchor: 'conference.date',
            workingDaysBefore: 5,
          },
          { kind: 'agency-report', anchor: 'conference.date', workingDaysBefore: 1 },
        ],
      },
    });
    expect(deadlines.map((d) => [d.key, d.dueDate])).toEqual([
      [undefined, '2026-11-25'],
      ['police', '2026-11-23'],
      ['school', '2026-11-23'],
    ]);
  });

  it('opens nothing for states without meta or without deadlines', () => {
    expect(desired({ 'case.a': undefined, 'case.b': {}, 'case.c': { label: 'Waiting' } })).toEqual([]);
  });
});

describe('deadlineIdentity', () => {
  it('is the kind, with the key when there is one, and never confuses the two', () => {
    expect(deadlineIdentity({ kind: 'icpc' })).toBe('icpc');
    expect(deadlineIdentity({ kind: 'agency-report', key: 'police' })).not.toBe(
      deadlineIdentity({ kind: 'agency-report' }),
    );
    expect(deadlineIdentity({ kind: 'a', key: 'b.c' })).not.toBe(deadlineIdentity({ kind: 'a.b', key: 'c' }));
    expect(deadlineIdentity({ kind: 'a', key: '' })).not.toBe(deadlineIdentity({ kind: 'a' }));
  });
});

describe('stuckAfterHours', () => {
  it('is the shortest limit among the active states (parallel regions included)', () => {
    expect(
      stuckAfterHours({
        'a.b': { stuckAfterHours: 72 },
        'a.c': { stuckAfterHours: 24 },
        a: { stuckAfterHours: 48 },
      }),
    ).toBe(24);
  });

  it('is absent when no active state declares one', () => {
    expect(stuckAfterHours({ a: {}, 'a.b': undefined, 'a.c': { stuckAfterHours: '12' } })).toBeUndefined();
    expect(stuckAfterHours({})).toBeUndefined();
  });
});

describe('the pieces', () => {
  it('resolveFigure reads a setting or takes a number, and refuses anything but a whole number of 0 or more', () => {
    expect(resolveFigure('icpcWorkingDays', settings)).toBe(15);
    expect(resolveFigure(0, settings)).toBe(0);
    expect(() => resolveFigure(1.5, settings)).toThrow(
      'Deadline figure 1.5 is not a whole number of 0 or more',
    );
    expect(() => resolveFigure(-1, settings)).toThrow(
      'Deadline figure -1 is not a whole number of 0 or more',
    );
    expect(() => resolveFigure('ladoResolutionTargetMonths', settings)).toThrow(
      'Deadline figure ladoResolutionTargetMonths is not a whole number of 0 or more',
    );
  });

  it('measureOf finds the one measure and refuses none or two', () => {
    expect(measureOf({ anchor: 'a', weeksBefore: 6 })).toBe('weeksBefore');
    expect(() => measureOf({ anchor: 'a' })).toThrow(
      'A deadline rule takes exactly one of workingDays, workingDaysBefore',
    );
    expect(() => measureOf({ anchor: 'a', workingDays: 1, months: 1 })).toThrow('exactly one');
  });

  it('valueAtPath walks objects and stops at anything else', () => {
    expect(valueAtPath({ a: { b: { c: 1 } } }, 'a.b.c')).toBe(1);
    expect(valueAtPath({ a: 'text' }, 'a.length')).toBeUndefined();
    expect(valueAtPath({ a: null }, 'a.b')).toBeUndefined();
    expect(valueAtPath(undefined, 'a')).toBeUndefined();
  });

  it('anchorDate and anchorInstant read a date or a date-time, and nothing else', () => {
    expect(anchorDate('2026-11-20')).toBe('2026-11-20');
    expect(anchorDate('2026-06-30T23:30:00Z')).toBe('2026-07-01');
    expect(anchorInstant('2026-06-30')?.toISOString()).toBe('2026-06-29T23:00:00.000Z');
    expect(anchorInstant('2026-11-20T10:00:00+01:00')?.toISOString()).toBe('2026-11-20T09:00:00.000Z');
    for (const bad of [undefined, null, '', 'soon', 42, {}]) {
      expect(anchorDate(bad)).toBeUndefined();
      expect(anchorInstant(bad)).toBeUndefined();
    }
  });
});
