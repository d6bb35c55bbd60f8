import { setup } from 'xstate';
import {
  deadlineDeclarationProblems,
  declaredDeadlines,
  machineDeadlineProblems,
} from './deadline-declarations';
import type { DeadlineDecl } from './workflow-definition';

const problems = (decl: Record<string, unknown>) =>
  deadlineDeclarationProblems(decl as unknown as DeadlineDecl);

describe('deadlineDeclarationProblems', () => {
  it.each<[string, DeadlineDecl]>([
    [
      'working days from an anchor',
      { kind: 'icpc', anchor: 'strategyDiscussion.date', workingDays: 'icpcWorkingDays' },
    ],
    ['working days before', { kind: 'agency-reports', anchor: 'conference.date', workingDaysBefore: 3 }],
    ['months', { kind: 'review', anchor: 'icpcDate', months: 'firstReviewMonths', ladder: 'default' }],
    ['weeks', { kind: 'post-birth', anchor: 'bornOn', weeks: 4, description: 'Cheshire East: four weeks' }],
    ['weeks before', { kind: 'pre-birth', anchor: 'edd', weeksBefore: 6 }],
    ['working hours', { kind: 'enquiry', anchor: 'receivedAt', hours: 24, hoursCounted: 'working-days' }],
    ['wall-clock hours', { kind: 'breach', anchor: 'awareAt', hours: 72, hoursCounted: 'wall-clock' }],
    [
      'the earlier of two rules',
      {
        kind: 'pre-birth-icpc',
        earliestOf: [
          { anchor: 'edd', weeksBefore: 6 },
          { anchor: 'strategyDiscussion.date', workingDays: 'icpcWorkingDays' },
        ],
      },
    ],
    [
      'one per item anchored in the item',
      {
        kind: 'invitation',
        forEach: 'invitations',
        key: 'inviteeId',
        anchor: '$item.sentAt',
        workingDays: 5,
      },
    ],
    [
      'one per item that is its own key',
      { kind: 'report', forEach: 'agencyIds', key: '$item', anchor: 'conference.date', workingDaysBefore: 3 },
    ],
    [
      'one per item, the earlier of two rules',
      {
        kind: 'report',
        forEach: 'reports',
        key: 'agencyId',
        earliestOf: [
          { anchor: '$item.requestedAt', workingDays: 10 },
          { anchor: 'conference.date', workingDaysBefore: 3 },
        ],
      },
    ],
    [
      'the earlier of an hour rule and a day rule',
      {
        kind: 'first-contact',
        earliestOf: [
          { anchor: 'referredAt', hours: 6, hoursCounted: 'wall-clock' },
          { anchor: 'referredOn', workingDays: 1 },
        ],
      },
    ],
    ['a figure of 0', { kind: 'reports', anchor: 'conference.date', workingDaysBefore: 0 }],
    [
      'a kind and a ladder that begin with a digit',
      { kind: '2nd-review-3', anchor: 'a', weeks: 1, ladder: '9x' },
    ],
    ['paths with capitals, digits and underscores', { kind: 'a', anchor: 'Conference.date', workingDays: 1 }],
    ['a path that begins in lower case', { kind: 'a', anchor: 'aZ9_.Xy', workingDays: 1 }],
    ['a path that begins with an underscore', { kind: 'a', anchor: '_x._yZ9_', workingDays: 1 }],
    [
      'an item anchor that is the item itself',
      { kind: 'r', forEach: 'reports', key: '$item', anchor: '$item', workingDays: 1 },
    ],
    [
      'item anchors with capitals, digits and underscores',
      {
        kind: 'r',
        forEach: 'reports',
        key: 'id',
        earliestOf: [
          { anchor: '$item.SentAt_9.at', workingDays: 1 },
          { anchor: '$item._x', workingDays: 2 },
        ],
      },
    ],
  ])('accepts %s', (_name, decl) => {
    expect(deadlineDeclarationProblems(decl)).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'no measure',
      { kind: 'icpc', anchor: 'a' },
      [
        'deadline icpc: takes exactly one of workingDays, workingDaysBefore, months, weeks, weeksBefore, hours',
      ],
    ],
    [
      'two measures',
      { kind: 'icpc', anchor: 'a', workingDays: 1, months: 1 },
      [
        'deadline icpc: takes exactly one of workingDays, workingDaysBefore, months, weeks, weeksBefore, hours',
      ],
    ],
    [
      'a fractional figure',
      { kind: 'icpc', anchor: 'a', workingDays: 1.5 },
      ['deadline icpc: workingDays is neither a whole number nor a setting'],
    ],
    [
      'a negative figure',
      { kind: 'icpc', anchor: 'a', weeksBefore: -6 },
      ['deadline icpc: weeksBefore is neither a whole number nor a setting'],
    ],
    [
      'an unknown setting',
      { kind: 'icpc', anchor: 'a', workingDays: 'icpcDays' },
      ['deadline icpc: workingDays is neither a whole number nor a setting'],
    ],
    [
      'a setting that is a list',
      { kind: 'icpc', anchor: 'a', months: 'ladoResolutionTargetMonths' },
      ['deadline icpc: months is neither a whole number nor a setting'],
    ],
    ['no anchor', { kind: 'icpc', workingDays: 1 }, ['deadline icpc: anchor is not a path in the context']],
    [
      'an anchor that is not a path',
      { kind: 'icpc', anchor: 'a..b', workingDays: 1 },
      ['deadline icpc: anchor is not a path in the context'],
    ],
    [
      'an item anchor without forEach',
      { kind: 'icpc', anchor: '$item.sentAt', workingDays: 1 },
      ['deadline icpc: anchor is not a path in the context'],
    ],
    [
      'hours without their counting',
      { kind: 'enquiry', anchor: 'a', hours: 24 },
      ['deadline enquiry: hours without hoursCounted (working-days or wall-clock)'],
    ],
    [
      'an unknown counting',
      { kind: 'enquiry', anchor: 'a', hours: 24, hoursCounted: 'office-hours' },
      ['deadline enquiry: hours without hoursCounted (working-days or wall-clock)'],
    ],
    [
      'a counting without hours',
      { kind: 'icpc', anchor: 'a', workingDays: 1, hoursCounted: 'wall-clock' },
      ['deadline icpc: hoursCounted without hours'],
    ],
    ['a bad kind', { kind: 'ICPC!', anchor: 'a', workingDays: 1 }, ['deadline (kind): kind is not a name']],
    [
      'a bad ladder',
      { kind: 'icpc', anchor: 'a', workingDays: 1, ladder: 'a.b' },
      ['deadline icpc: ladder is not a name'],
    ],
    [
      'an unknown field',
      { kind: 'icpc', anchor: 'a', workingDays: 1, after: '15 days' },
      ['deadline icpc: unknown field after'],
    ],
    [
      'forEach without key',
      { kind: 'r', forEach: 'reports', anchor: '$item.at', workingDays: 1 },
      ['deadline r: key is not a path in the item, nor $item'],
    ],
    [
      'key without forEach',
      { kind: 'r', key: 'id', anchor: 'a', workingDays: 1 },
      ['deadline r: forEach is not a path in the context'],
    ],
    [
      'a forEach that is an item path',
      { kind: 'r', forEach: '$item', key: 'id', anchor: 'a', workingDays: 1 },
      ['deadline r: forEach is not a path in the context'],
    ],
    [
      'a key that is not a path',
      { kind: 'r', forEach: 'reports', key: '$item.', anchor: 'a', workingDays: 1 },
      ['deadline r: key is not a path in the item, nor $item'],
    ],
    [
      'an item anchor that is not a path',
      { kind: 'r', forEach: 'reports', key: 'id', anchor: '$items.at', workingDays: 1 },
      ['deadline r: anchor is not a path (in the context, or $item.<path>)'],
    ],
    [
      'a kind that is not a string',
      { kind: 12, anchor: 'a', workingDays: 1 },
      ['deadline (kind): kind is not a name'],
    ],
    [
      'a kind longer than 63 characters',
      { kind: `k${'-'.repeat(63)}`, anchor: 'a', workingDays: 1 },
      ['deadline (kind): kind is not a name'],
    ],
    [
      'a ladder that is not a string',
      { kind: 'icpc', anchor: 'a', workingDays: 1, ladder: 7 },
      ['deadline icpc: ladder is not a name'],
    ],
    [
      'an anchor that is not a string',
      { kind: 'icpc', anchor: ['receivedAt'], workingDays: 1 },
      ['deadline icpc: anchor is not a path in the context'],
    ],
    [
      'an item anchor behind other text',
      { kind: 'r', forEach: 'reports', key: 'id', anchor: 'x$item.at', workingDays: 1 },
      ['deadline r: anchor is not a path (in the context, or $item.<path>)'],
    ],
    [
      'a forEach and a key that are not strings',
      { kind: 'r', forEach: ['reports'], key: ['id'], anchor: 'a', workingDays: 1 },
      [
        'deadline r: forEach is not a path in the context',
        'deadline r: key is not a path in the item, nor $item',
      ],
    ],
  ])('names %s', (_name, decl, expected) => {
    expect(problems(decl)).toEqual(expected);
  });

  it('wants two rules or more in earliestOf, and no anchor or measure beside them', () => {
    expect(problems({ kind: 'p', earliestOf: [{ anchor: 'a', weeksBefore: 6 }] })).toEqual([
      'deadline p: earliestOf lists two rules or more',
    ]);
    expect(problems({ kind: 'p', earliestOf: 'soonest' })).toEqual([
      'deadline p: earliestOf lists two rules or more',
    ]);
    expect(
      problems({
        kind: 'p',
        anchor: 'edd',
        weeksBefore: 6,
        earliestOf: [
          { anchor: 'a', weeksBefore: 6 },
          { anchor: 'b', workingDays: 15 },
        ],
      }),
    ).toEqual(['deadline p: earliestOf replaces anchor and measure (weeksBefore, anchor)']);
    expect(
      problems({
        kind: 'p',
        hoursCounted: 'wall-clock',
        earliestOf: [
          { anchor: 'a', hours: 6, hoursCounted: 'wall-clock' },
          { anchor: 'b', workingDays: 15 },
        ],
      }),
    ).toEqual(['deadline p: earliestOf replaces anchor and measure (hoursCounted)']);
  });

  it('names the rule at fault in earliestOf', () => {
    expect(
      problems({
        kind: 'p',
        earliestOf: [
          { anchor: 'a', weeksBefore: 6, ladder: 'x' },
          { anchor: '$item.b', hours: 6 },
        ],
      }),
    ).toEqual([
      'deadline p earliestOf[0]: unknown field ladder',
      'deadline p earliestOf[1]: anchor is not a path in the context',
      'deadline p earliestOf[1]: hours without hoursCounted (working-days or wall-clock)',
    ]);
  });
});

describe('declaredDeadlines and machineDeadlineProblems', () => {
  const machine = setup({}).createMachine({
    id: 'clocks',
    initial: 'a',
    meta: { label: 'root without clocks' },
    states: {
      a: { meta: { deadlines: [{ kind: 'a-clock', anchor: 'at', workingDays: 1 }] } },
      b: {
        type: 'parallel',
        states: {
          left: { meta: { deadlines: [{ kind: 'left-clock', anchor: 'at', days: 3 }] } },
          right: { meta: { stuckAfterHours: 4 } },
        },
      },
    },
  });

  it('finds every declaration with its state, nested states included', () => {
    expect(declaredDeadlines(machine).map(({ state, decl }) => [state, decl.kind])).toEqual([
      ['a', 'a-clock'],
      ['b.left', 'left-clock'],
    ]);
  });

  it('reports each problem with the state that declares it', () => {
    expect(machineDeadlineProblems(machine)).toEqual([
      'state b.left: deadline left-clock: unknown field days',
      'state b.left: deadline left-clock: takes exactly one of workingDays, workingDaysBefore, months, weeks, weeksBefore, hours',
    ]);
  });

  it('reads a clock declared on the root', () => {
    const rooted = setup({}).createMachine({ id: 'r', meta: { deadlines: [{ kind: 'k', anchor: 'x' }] } });
    expect(machineDeadlineProblems(rooted)).toEqual([
      'state (root): deadline k: takes exactly one of workingDays, workingDaysBefore, months, weeks, weeksBefore, hours',
    ]);
  });
});
