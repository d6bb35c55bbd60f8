import type { WorkingDayCalendar } from '../calendar';
import { dateInLondon, isIsoDate } from '../calendar';
import type { StatutorySettings } from '../settings';
import type { DeadlineDecl, DesiredDeadline, FigureRef, StateMetaForEngine } from './workflow-definition';

export function resolveFigure(ref: FigureRef, settings: StatutorySettings): number {
  if (typeof ref === 'number') return ref;
  const value = settings[ref];
  if (typeof value !== 'number') throw new Error(`Setting ${ref} is not a number`);
  return value;
}

export function valueAtPath(source: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => {
    if (node && typeof node === 'object') return (node as Record<string, unknown>)[key];
    return undefined;
  }, source);
}

/** The London calendar date of an ISO date or date-time; undefined when absent or unreadable. */
export function anchorDate(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return undefined;
  if (isIsoDate(value)) return value;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? undefined : dateInLondon(instant);
}

const LONDON_HOUR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' });
const midnights = new Map<string, Date>();

/** The UTC instant of midnight in London at the start of the given date (BST aware). */
export function londonMidnight(date: string): Date {
  const known = midnights.get(date);
  if (known) return new Date(known.getTime());
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  for (const offsetHours of [1, 0]) {
    const candidate = new Date(Date.UTC(y, m - 1, d) - offsetHours * 3_600_000);
    if (dateInLondon(candidate) === date && Number(LONDON_HOUR.format(candidate)) === 0) {
      if (midnights.size > 20_000) midnights.clear();
      midnights.set(date, candidate);
      return new Date(candidate.getTime());
    }
  }
  throw new Error(`No London midnight found for ${date}`);
}

export function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

export function computeDeadline(
  decl: DeadlineDecl,
  context: unknown,
  settings: StatutorySettings,
  calendar: WorkingDayCalendar,
): DesiredDeadline | undefined {
  const anchor = anchorDate(valueAtPath(context, decl.anchor));
  if (!anchor) return undefined;
  let dueDate: string;
  if (decl.workingDays !== undefined) {
    dueDate = calendar.addWorkingDays(anchor, resolveFigure(decl.workingDays, settings));
  } else if (decl.months !== undefined) {
    dueDate = calendar.addMonthsDeadline(anchor, resolveFigure(decl.months, settings));
  } else {
    throw new Error(`Deadline ${decl.kind} declares neither workingDays nor months`);
  }
  return {
    kind: decl.kind,
    ladder: decl.ladder ?? decl.kind,
    anchorDate: anchor,
    dueDate,
    dueAt: londonMidnight(nextDay(dueDate)).toISOString(),
  };
}

/** Every deadline the active states declare, computed; the first declaration of a kind wins. */
export function desiredDeadlines(
  metaByNode: Record<string, unknown>,
  context: unknown,
  settings: StatutorySettings,
  calendar: WorkingDayCalendar,
): DesiredDeadline[] {
  const byKind = new Map<string, DesiredDeadline>();
  for (const meta of Object.values(metaByNode)) {
    for (const decl of (meta as StateMetaForEngine | undefined)?.deadlines ?? []) {
      if (byKind.has(decl.kind)) continue;
      const deadline = computeDeadline(decl, context, settings, calendar);
      if (deadline) byKind.set(decl.kind, deadline);
    }
  }
  return [...byKind.values()].sort((a, b) => a.kind.localeCompare(b.kind));
}

/** The shortest stuck limit among the active states, in hours; undefined when none declares one. */
export function stuckAfterHours(metaByNode: Record<string, unknown>): number | undefined {
  const limits = Object.values(metaByNode)
    .map((meta) => (meta as StateMetaForEngine | undefined)?.stuckAfterHours)
    .filter((h): h is number => typeof h === 'number');
  return limits.length > 0 ? Math.min(...limits) : undefined;
}
