import type { WorkingDayCalendar } from '../calendar';
import { dateInLondon } from '../calendar';
import { DEADLINE_STEP } from '../engine/workflow-definition';
import { CONFERENCE_LADDERS } from '../processes/conference/conference.ladders';
import type { EscalationLadder, EscalationRecipient, LadderStep } from './escalation-ladder.types';

/**
 * Escalation ladders: who is told, and when, as a statutory clock runs down. They are settings
 * (AppConfig.escalationLadders, env ESCALATION_LADDERS), these are the defaults. A deadline uses
 * the ladder it names (by default its kind) and falls back to 'default'.
 *
 * Source: Working Together to Safeguard Children and KCSIE Part Four set the timescales; the
 * ladders themselves are local practice (issue 4: ICPC warnings at 5 and 2 working days, the
 * service manager at due, then daily; issue 6: an unmet screening clock reaches the duty manager
 * on the following working day).
 */

/** Everyone a step may notify (the allowed values of LadderStep.notify). */
export const ESCALATION_RECIPIENTS = [
  'coordinator',
  'chair',
  'lado',
  'duty_manager',
  'service_manager',
] as const satisfies readonly EscalationRecipient[];
// Fails to compile when the contract gains a recipient this list does not have.
type _AllRecipientsListed = EscalationRecipient extends (typeof ESCALATION_RECIPIENTS)[number] ? true : never;
const _allRecipientsListed: _AllRecipientsListed = true;
void _allRecipientsListed;

/** The ladder of a deadline whose ladder has no entry of its own. */
export const DEFAULT_LADDER = 'default';

/** Step ids and ladder names: they become part of timer job ids, so no ':' (BullMQ) and no '.' (our separator). */
const STEP_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const LADDER_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
const MAX_OFFSET_WORKING_DAYS = 60;
const MAX_STEPS = 20;

/** One working day's clock: a warning at noon on the due date, the duty manager at 09:00 the next working day, then daily. */
const oneWorkingDayLadder = (told: EscalationRecipient): EscalationLadder => ({
  steps: [
    { id: 'warn-noon', kind: DEADLINE_STEP.warning, offsetWorkingDays: 0, at: '12:00', notify: [told] },
    { id: 'due', kind: DEADLINE_STEP.due, offsetWorkingDays: 1, at: '09:00', notify: ['duty_manager'] },
    {
      id: 'repeat',
      kind: DEADLINE_STEP.repeat,
      offsetWorkingDays: 2,
      at: '09:00',
      everyWorkingDays: 1,
      notify: ['duty_manager'],
    },
  ],
});

export const DEFAULT_ESCALATION_LADDERS: Readonly<Record<string, EscalationLadder>> = deepFreeze({
  /** Any deadline without a ladder of its own: a warning the working day before, the duty manager when missed, then daily. */
  [DEFAULT_LADDER]: {
    steps: [
      {
        id: 'warn-1',
        kind: DEADLINE_STEP.warning,
        offsetWorkingDays: -1,
        at: '09:00',
        notify: ['coordinator'],
      },
      { id: 'due', kind: DEADLINE_STEP.due, offsetWorkingDays: 0, notify: ['duty_manager'] },
      {
        id: 'repeat',
        kind: DEADLINE_STEP.repeat,
        offsetWorkingDays: 1,
        at: '09:00',
        everyWorkingDays: 1,
        notify: ['duty_manager'],
      },
    ],
  },
  /** ICPC within 15 working days of the strategy discussion (issue 4). */
  icpc: {
    steps: [
      {
        id: 'warn-5',
        kind: DEADLINE_STEP.warning,
        offsetWorkingDays: -5,
        at: '09:00',
        notify: ['coordinator', 'chair'],
      },
      {
        id: 'warn-2',
        kind: DEADLINE_STEP.warning,
        offsetWorkingDays: -2,
        at: '09:00',
        notify: ['duty_manager'],
      },
      // No time of day: fires at the deadline's dueAt, the instant it is missed (the workflow is overdue from then).
      { id: 'due', kind: DEADLINE_STEP.due, offsetWorkingDays: 0, notify: ['service_manager'] },
      {
        id: 'repeat',
        kind: DEADLINE_STEP.repeat,
        offsetWorkingDays: 1,
        at: '09:00',
        everyWorkingDays: 1,
        notify: ['service_manager'],
      },
    ],
  },
  /** KCSIE Part Four: an ASV contact screened within one working day (issue 6). */
  'asv-screening': oneWorkingDayLadder('coordinator'),
  /** KCSIE Part Four: threshold met, referred to the LADO within one working day. */
  'lado-referral': oneWorkingDayLadder('coordinator'),
  /** The conference's clocks, from its process descriptor (until PROCESSES gathers every process's ladders). */
  ...CONFERENCE_LADDERS,
});

/** The ladder a deadline follows: its own by name, else the default one. */
export function ladderFor(
  ladders: Readonly<Record<string, EscalationLadder>>,
  name: string,
): EscalationLadder {
  const ladder = Object.prototype.hasOwnProperty.call(ladders, name)
    ? ladders[name]
    : ladders[DEFAULT_LADDER];
  if (!ladder) throw new Error(`No escalation ladder '${name}' and no '${DEFAULT_LADDER}' ladder`);
  return ladder;
}

// --- validation --------------------------------------------------------------------------

const STEP_KINDS: readonly string[] = Object.values(DEADLINE_STEP);
const STEP_KEYS = new Set(['id', 'kind', 'offsetWorkingDays', 'at', 'notify', 'everyWorkingDays']);
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isIntegerIn = (value: unknown, min: number, max: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/**
 * What is wrong with a set of ladders, as setting paths ('escalationLadders.icpc.steps[1].at').
 * Empty when valid. Paths name fields, never the values found in them.
 */
export function escalationLadderProblems(ladders: unknown, path = 'escalationLadders'): string[] {
  if (!isPlainObject(ladders)) return [path];
  const problems: string[] = [];
  for (const [name, ladder] of Object.entries(ladders)) {
    if (!LADDER_NAME.test(name)) {
      problems.push(path); // the name itself is wrong: not echoed
      continue;
    }
    problems.push(...ladderProblems(ladder, `${path}.${name}`));
  }
  return problems;
}

function ladderProblems(ladder: unknown, path: string): string[] {
  if (!isPlainObject(ladder) || Object.keys(ladder).some((key) => key !== 'steps')) return [path];
  const steps = ladder.steps;
  if (!Array.isArray(steps) || steps.length > MAX_STEPS) return [`${path}.steps`];
  const problems = steps.flatMap((step, i) => stepProblems(step, `${path}.steps[${i}]`));
  const ids = steps.map((step) => (isPlainObject(step) ? step.id : undefined));
  if (new Set(ids).size !== ids.length) problems.push(`${path}.steps`);
  if (steps.filter((step) => isPlainObject(step) && step.kind === DEADLINE_STEP.repeat).length > 1) {
    problems.push(`${path}.steps`);
  }
  return [...new Set(problems)];
}

function stepProblems(step: unknown, path: string): string[] {
  if (!isPlainObject(step)) return [path];
  const problems: string[] = [];
  const bad = (field: string) => problems.push(`${path}.${field}`);
  for (const key of Object.keys(step)) if (!STEP_KEYS.has(key)) problems.push(path);
  if (typeof step.id !== 'string' || !STEP_ID.test(step.id)) bad('id');
  if (typeof step.kind !== 'string' || !STEP_KINDS.includes(step.kind)) bad('kind');
  if (!isIntegerIn(step.offsetWorkingDays, -MAX_OFFSET_WORKING_DAYS, MAX_OFFSET_WORKING_DAYS))
    bad('offsetWorkingDays');
  if (step.at === undefined) {
    // Only the due step may go without a time of day: it then fires at dueAt, so it takes no offset.
    if (step.kind !== DEADLINE_STEP.due) bad('at');
    else if (step.offsetWorkingDays !== 0) bad('offsetWorkingDays');
  } else if (typeof step.at !== 'string' || !TIME_OF_DAY.test(step.at)) {
    bad('at');
  }
  const notify = step.notify;
  if (
    !Array.isArray(notify) ||
    notify.length === 0 ||
    new Set(notify).size !== notify.length ||
    notify.some((r) => !(ESCALATION_RECIPIENTS as readonly unknown[]).includes(r))
  ) {
    bad('notify');
  }
  if (step.kind === DEADLINE_STEP.repeat) {
    if (!isIntegerIn(step.everyWorkingDays, 1, MAX_OFFSET_WORKING_DAYS)) bad('everyWorkingDays');
  } else if (step.everyWorkingDays !== undefined) {
    bad('everyWorkingDays');
  }
  return problems;
}

// --- when each step fires ----------------------------------------------------------------

/** What the ladder needs to know of a deadline to time its steps. */
export interface DeadlineTiming {
  /** The London date by which the thing must be done (a working day). */
  dueDate: string;
  /** The first instant the deadline is missed: London midnight after dueDate. */
  dueAt: Date;
  /** When the deadline opened: steps timed before it are skipped, never fired late. */
  openedAt: Date;
}

/** One concrete firing of a ladder step. */
export interface ScheduledStep {
  step: LadderStep;
  /** 0 for warnings and the due step; 1, 2, 3… for the occurrences of a repeat, counted from the first one after opening. */
  occurrence: number;
  fireAt: Date;
}

const LONDON_WALL_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const londonInstantCache = new Map<string, number>();

/**
 * The instant at which London's wall clock reads `hhmm` on `date` (GMT or BST as the day has it).
 * A time that does not exist (01:30 on the day the clocks go forward) is taken as an hour later.
 */
export function londonInstant(date: string, hhmm: string): Date {
  const key = `${date}T${hhmm}`;
  const cached = londonInstantCache.get(key);
  if (cached !== undefined) return new Date(cached);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = hhmm.split(':').map(Number) as [number, number];
  const asIfUtc = Date.UTC(y, m - 1, d, hh, mm);
  let found: number | undefined;
  // London is UTC+1 (BST) or UTC+0 (GMT); try both and keep the one whose wall clock matches.
  for (const offsetHours of [1, 0]) {
    const candidate = asIfUtc - offsetHours * 3_600_000;
    if (
      dateInLondon(new Date(candidate)) === date &&
      LONDON_WALL_CLOCK.format(new Date(candidate)) === hhmm
    ) {
      found = candidate;
      break;
    }
  }
  found ??= asIfUtc; // in the gap when the clocks go forward: 00:xx UTC is 02:xx BST
  if (londonInstantCache.size > 50_000) londonInstantCache.clear();
  londonInstantCache.set(key, found);
  return new Date(found);
}

/** When a warning or due step fires: its time of day on the working day offset from the due date, or dueAt. */
export function stepAt(step: LadderStep, deadline: DeadlineTiming, calendar: WorkingDayCalendar): Date {
  if (step.at === undefined) return new Date(deadline.dueAt.getTime());
  return londonInstant(calendar.addWorkingDays(deadline.dueDate, step.offsetWorkingDays), step.at);
}

/**
 * Walks the occurrences of a repeat step that fall at or after the deadline's opening, in order,
 * until `stop` says so. Dates are compared before instants so that a long overdue deadline costs
 * one calendar step per working day, and one time zone lookup per occurrence looked at closely.
 */
function walkRepeats(
  step: LadderStep,
  deadline: DeadlineTiming,
  calendar: WorkingDayCalendar,
  stop: (candidate: ScheduledStep) => boolean,
): ScheduledStep | undefined {
  if (step.kind !== DEADLINE_STEP.repeat || !step.at) return undefined;
  const every = step.everyWorkingDays ?? 1;
  const openedOn = dateInLondon(deadline.openedAt);
  let date = calendar.addWorkingDays(deadline.dueDate, step.offsetWorkingDays);
  while (date < openedOn) date = calendar.addWorkingDays(date, every);
  if (londonInstant(date, step.at) < deadline.openedAt) date = calendar.addWorkingDays(date, every);
  for (let occurrence = 1; ; occurrence += 1) {
    const candidate = { step, occurrence, fireAt: londonInstant(date, step.at) };
    if (stop(candidate)) return candidate;
    date = calendar.addWorkingDays(date, every);
  }
}

/** The nth occurrence (1-based) of a repeat step. */
export function repeatAt(
  step: LadderStep,
  deadline: DeadlineTiming,
  occurrence: number,
  calendar: WorkingDayCalendar,
): ScheduledStep | undefined {
  if (!Number.isInteger(occurrence) || occurrence < 1) return undefined;
  return walkRepeats(step, deadline, calendar, (c) => c.occurrence === occurrence);
}

/** The first occurrence of a repeat step strictly after `after`: the one to schedule once the previous has fired. */
export function nextRepeat(
  step: LadderStep,
  deadline: DeadlineTiming,
  after: Date,
  calendar: WorkingDayCalendar,
): ScheduledStep | undefined {
  return walkRepeats(step, deadline, calendar, (c) => c.fireAt > after);
}

/** The last occurrence of a repeat step at or before `atOrBefore`, if one has come yet: the one due now. */
export function latestRepeat(
  step: LadderStep,
  deadline: DeadlineTiming,
  atOrBefore: Date,
  calendar: WorkingDayCalendar,
): ScheduledStep | undefined {
  const next = nextRepeat(step, deadline, atOrBefore, calendar);
  if (!next || next.occurrence === 1) return undefined;
  return repeatAt(step, deadline, next.occurrence - 1, calendar);
}

/**
 * The concrete instants of a ladder's steps for one deadline, in time order: every warning and due
 * step that falls at or after the deadline opened, and the first occurrence of the repeat (later
 * occurrences are scheduled one at a time, each after the previous has fired).
 */
export function stepTimes(
  ladder: EscalationLadder,
  deadline: DeadlineTiming,
  calendar: WorkingDayCalendar,
): ScheduledStep[] {
  const times: ScheduledStep[] = [];
  for (const step of ladder.steps) {
    if (step.kind === DEADLINE_STEP.repeat) {
      const first = repeatAt(step, deadline, 1, calendar);
      if (first) times.push(first);
      continue;
    }
    const fireAt = stepAt(step, deadline, calendar);
    if (fireAt >= deadline.openedAt) times.push({ step, occurrence: 0, fireAt });
  }
  return times.sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime() || a.step.id.localeCompare(b.step.id));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
