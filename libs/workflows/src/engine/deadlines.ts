import type { WorkingDayCalendar } from '../calendar';
import { dateInLondon, isIsoDate, londonMidnight, nextDay } from '../calendar';
import type { StatutorySettings } from '../settings';
import {
  DEADLINE_MEASURES,
  DeadlineDecl,
  DeadlineMeasure,
  DeadlineRule,
  DesiredDeadline,
  FigureRef,
  StateMetaForEngine,
} from './workflow-definition';

const HOUR_MS = 3_600_000;
/** The prefix of an anchor path that points into the item of a `forEach` clock. */
export const DEADLINE_ITEM_PATH = '$item';

/** A figure's value: the number itself, or the authority's setting of that name. */
export function resolveFigure(ref: FigureRef, settings: StatutorySettings): number {
  const value: unknown = typeof ref === 'number' ? ref : settings[ref];
  if (!Number.isInteger(value) || (value as number) < 0) {
    throw new Error(`Deadline figure ${String(ref)} is not a whole number of 0 or more`);
  }
  return value as number;
}

export function valueAtPath(source: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => {
    if (node && typeof node === 'object') return (node as Record<string, unknown>)[key];
    return undefined;
  }, source);
}

/** The London calendar date of an ISO date or date-time; undefined when absent or unreadable. */
export function anchorDate(value: unknown): string | undefined {
  const instant = anchorInstant(value);
  if (instant === undefined) return undefined;
  return isIsoDate(value) ? value : dateInLondon(instant);
}

/** The instant of an ISO date-time, or of London midnight at the start of an ISO date; undefined when absent or unreadable. */
export function anchorInstant(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  if (isIsoDate(value)) return londonMidnight(value);
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}

/** What an anchor path is read against: the context, and the item of a `forEach` clock. */
interface AnchorSource {
  context: unknown;
  item?: unknown;
}

function anchorValue(path: string | undefined, source: AnchorSource): unknown {
  if (path === undefined) return undefined;
  if (path === DEADLINE_ITEM_PATH) return source.item;
  if (path.startsWith(`${DEADLINE_ITEM_PATH}.`))
    return valueAtPath(source.item, path.slice(DEADLINE_ITEM_PATH.length + 1));
  return valueAtPath(source.context, path);
}

/** The one measure a rule takes; a declaration with none or several is a defect in the machine. */
export function measureOf(rule: Partial<DeadlineRule>): DeadlineMeasure {
  const measures = DEADLINE_MEASURES.filter((measure) => rule[measure] !== undefined);
  if (measures.length !== 1) {
    throw new Error(`A deadline rule takes exactly one of ${DEADLINE_MEASURES.join(', ')}`);
  }
  return measures[0]!;
}

type DueTime = Pick<DesiredDeadline, 'anchorDate' | 'dueDate' | 'dueAt'>;

/** A day clock: due on a London date, missed at the midnight that ends it. */
function dueOnDate(anchor: string, dueDate: string): DueTime {
  return { anchorDate: anchor, dueDate, dueAt: londonMidnight(nextDay(dueDate)).toISOString() };
}

/** The due time one rule gives, or undefined while its anchor is absent. */
export function ruleDue(
  rule: Partial<DeadlineRule>,
  source: AnchorSource,
  settings: StatutorySettings,
  calendar: WorkingDayCalendar,
): DueTime | undefined {
  const measure = measureOf(rule);
  const value = anchorValue(rule.anchor, source);
  const instant = anchorInstant(value);
  if (instant === undefined) return undefined;
  const anchor = isIsoDate(value) ? value : dateInLondon(instant);
  const figure = resolveFigure(rule[measure]!, settings);
  switch (measure) {
    case 'workingDays':
      return dueOnDate(anchor, calendar.addWorkingDays(anchor, figure));
    case 'workingDaysBefore':
      return dueOnDate(
        anchor,
        figure === 0 ? calendar.workingDayOnOrBefore(anchor) : calendar.addWorkingDays(anchor, -figure),
      );
    case 'months':
      return dueOnDate(anchor, calendar.addMonthsDeadline(anchor, figure));
    case 'weeks':
      return dueOnDate(anchor, calendar.addWeeksDeadline(anchor, figure));
    case 'weeksBefore':
      return dueOnDate(anchor, calendar.addWeeksDeadline(anchor, -figure));
    case 'hours': {
      if (rule.hoursCounted === undefined) throw new Error('An hour clock says how its hours are counted');
      const dueAt =
        rule.hoursCounted === 'wall-clock'
          ? new Date(instant.getTime() + figure * HOUR_MS)
          : calendar.addWorkingHours(instant, figure);
      // The date of the last instant still in time, never before the anchor's own date.
      const lastInTime = dateInLondon(new Date(dueAt.getTime() - 1));
      return {
        anchorDate: anchor,
        dueDate: lastInTime < anchor ? anchor : lastInTime,
        dueAt: dueAt.toISOString(),
      };
    }
  }
}

/** The due time of a declaration: its one rule, or the earliest of its rules whose anchors are present. */
function declarationDue(
  decl: DeadlineDecl,
  source: AnchorSource,
  settings: StatutorySettings,
  calendar: WorkingDayCalendar,
): DueTime | undefined {
  if (decl.earliestOf === undefined) return ruleDue(decl, source, settings, calendar);
  let earliest: DueTime | undefined;
  for (const rule of decl.earliestOf) {
    const due = ruleDue(rule, source, settings, calendar);
    if (due && (earliest === undefined || Date.parse(due.dueAt) < Date.parse(earliest.dueAt))) earliest = due;
  }
  return earliest;
}

/** An item's key: a non-empty string or an integer; anything else is a defect in the machine. */
function itemKey(decl: DeadlineDecl, item: unknown, index: number): string {
  const path = decl.key ?? DEADLINE_ITEM_PATH;
  const value = path === DEADLINE_ITEM_PATH ? item : valueAtPath(item, path);
  if ((typeof value === 'string' && value.length > 0) || Number.isInteger(value)) return String(value);
  throw new Error(`Deadline ${decl.kind}: item ${index} of ${decl.forEach} has no key at ${path}`);
}

/** The items of a `forEach` clock: none while the list is absent; a list that is not one is a defect. */
function itemsOf(decl: DeadlineDecl, context: unknown): unknown[] {
  const items = valueAtPath(context, decl.forEach!);
  if (items === undefined || items === null) return [];
  if (!Array.isArray(items)) throw new Error(`Deadline ${decl.kind}: ${decl.forEach} is not a list`);
  return items;
}

/**
 * The deadlines one declaration opens now: one, or one per item of its `forEach` list, each left
 * out while its anchor is absent.
 */
export function computeDeadlines(
  decl: DeadlineDecl,
  context: unknown,
  settings: StatutorySettings,
  calendar: WorkingDayCalendar,
): DesiredDeadline[] {
  const ladder = decl.ladder ?? decl.kind;
  if (decl.forEach === undefined) {
    const due = declarationDue(decl, { context }, settings, calendar);
    return due ? [{ kind: decl.kind, ladder, ...due }] : [];
  }
  const deadlines: DesiredDeadline[] = [];
  const keys = new Set<string>();
  itemsOf(decl, context).forEach((item, index) => {
    const key = itemKey(decl, item, index);
    if (keys.has(key)) throw new Error(`Deadline ${decl.kind}: two items of ${decl.forEach} have one key`);
    keys.add(key);
    const due = declarationDue(decl, { context, item }, settings, calendar);
    if (due) deadlines.push({ kind: decl.kind, key, ladder, ...due });
  });
  return deadlines;
}

/** The one deadline of a declaration without `forEach`; undefined while its anchor is absent. */
export function computeDeadline(
  decl: DeadlineDecl,
  context: unknown,
  settings: StatutorySettings,
  calendar: WorkingDayCalendar,
): DesiredDeadline | undefined {
  if (decl.forEach !== undefined)
    throw new Error(`Deadline ${decl.kind} is one per item: use computeDeadlines`);
  return computeDeadlines(decl, context, settings, calendar)[0];
}

/** A deadline's identity within its workflow. */
export function deadlineIdentity(deadline: Pick<DesiredDeadline, 'kind' | 'key'>): string {
  return deadline.key === undefined ? deadline.kind : `${deadline.kind}\u0000${deadline.key}`;
}

/** By kind, then key (an unkeyed clock first): the order of their identities, which are unique. */
function inIdentityOrder(a: DesiredDeadline, b: DesiredDeadline): number {
  return deadlineIdentity(a) < deadlineIdentity(b) ? -1 : 1;
}

/**
 * Every deadline the active states declare, computed, by kind then key. When two active states
 * (parallel regions, a parent and its child) declare one (kind, key), the first declaration wins.
 */
export function desiredDeadlines(
  metaByNode: Record<string, unknown>,
  context: unknown,
  settings: StatutorySettings,
  calendar: WorkingDayCalendar,
): DesiredDeadline[] {
  const byIdentity = new Map<string, DesiredDeadline>();
  for (const meta of Object.values(metaByNode)) {
    for (const decl of (meta as StateMetaForEngine | undefined)?.deadlines ?? []) {
      for (const deadline of computeDeadlines(decl, context, settings, calendar)) {
        const identity = deadlineIdentity(deadline);
        if (!byIdentity.has(identity)) byIdentity.set(identity, deadline);
      }
    }
  }
  return [...byIdentity.values()].sort(inIdentityOrder);
}

/** The shortest stuck limit among the active states, in hours; undefined when none declares one. */
export function stuckAfterHours(metaByNode: Record<string, unknown>): number | undefined {
  const limits = Object.values(metaByNode)
    .map((meta) => (meta as StateMetaForEngine | undefined)?.stuckAfterHours)
    .filter((h): h is number => typeof h === 'number');
  return limits.length > 0 ? Math.min(...limits) : undefined;
}
