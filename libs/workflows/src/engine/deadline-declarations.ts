import type { AnyStateMachine } from 'xstate';
import { DEFAULT_STATUTORY_SETTINGS } from '../settings';
import { DEADLINE_ITEM_PATH } from './deadlines';
import {
  DEADLINE_MEASURES,
  DeadlineDecl,
  DeadlineRule,
  FigureRef,
  HOUR_COUNTINGS,
  StateMetaForEngine,
} from './workflow-definition';

/** A deadline declaration and the state that declares it ('lado.tracks'). */
export interface DeclaredDeadline {
  state: string;
  decl: DeadlineDecl;
}

interface StateNodeLike {
  path: string[];
  meta?: unknown;
  states: Record<string, StateNodeLike>;
}

/** Every deadline declared in a machine's states, with the state that declares it. */
export function declaredDeadlines(machine: AnyStateMachine): DeclaredDeadline[] {
  const found: DeclaredDeadline[] = [];
  const visit = (node: StateNodeLike) => {
    for (const decl of (node.meta as StateMetaForEngine | undefined)?.deadlines ?? []) {
      found.push({ state: node.path.join('.'), decl });
    }
    Object.values(node.states).forEach(visit);
  };
  visit(machine.root as unknown as StateNodeLike);
  return found;
}

const DOT_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const ITEM_ANCHOR = /^\$item(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const KIND = /^[a-z0-9][a-z0-9-]{0,62}$/;
const DECL_KEYS = new Set<string>([
  'kind',
  'anchor',
  ...DEADLINE_MEASURES,
  'hoursCounted',
  'earliestOf',
  'forEach',
  'key',
  'ladder',
  'description',
]);
const RULE_KEYS = new Set<string>(['anchor', ...DEADLINE_MEASURES, 'hoursCounted']);
/** Settings a figure may name: those that hold one number (not a list of targets). */
const FIGURE_SETTINGS: ReadonlySet<string> = new Set(
  Object.entries(DEFAULT_STATUTORY_SETTINGS)
    .filter(([, value]) => typeof value === 'number')
    .map(([name]) => name),
);

function figureProblem(figure: FigureRef): boolean {
  if (typeof figure === 'number') return !Number.isInteger(figure) || figure < 0;
  return !FIGURE_SETTINGS.has(figure);
}

function ruleProblems(rule: Partial<DeadlineRule>, where: string, keyed: boolean): string[] {
  const problems: string[] = [];
  const anchor = rule.anchor;
  if (typeof anchor !== 'string' || !(DOT_PATH.test(anchor) || (keyed && ITEM_ANCHOR.test(anchor)))) {
    problems.push(
      `${where}: anchor is not a path${keyed ? ' (in the context, or $item.<path>)' : ' in the context'}`,
    );
  }
  const measures = DEADLINE_MEASURES.filter((measure) => rule[measure] !== undefined);
  if (measures.length !== 1) problems.push(`${where}: takes exactly one of ${DEADLINE_MEASURES.join(', ')}`);
  for (const measure of measures) {
    if (figureProblem(rule[measure]!))
      problems.push(`${where}: ${measure} is neither a whole number nor a setting`);
  }
  if (rule.hours === undefined) {
    if (rule.hoursCounted !== undefined) problems.push(`${where}: hoursCounted without hours`);
  } else if (!HOUR_COUNTINGS.includes(rule.hoursCounted!)) {
    problems.push(`${where}: hours without hoursCounted (${HOUR_COUNTINGS.join(' or ')})`);
  }
  return problems;
}

/**
 * What is wrong with one deadline declaration, in words that name its fields; empty when it is
 * valid. The engine computes only valid declarations: a machine whose states declare an invalid
 * one is refused at registration.
 */
export function deadlineDeclarationProblems(decl: DeadlineDecl): string[] {
  const where = `deadline ${typeof decl.kind === 'string' && KIND.test(decl.kind) ? decl.kind : '(kind)'}`;
  const problems: string[] = [];
  if (typeof decl.kind !== 'string' || !KIND.test(decl.kind)) problems.push(`${where}: kind is not a name`);
  for (const field of Object.keys(decl))
    if (!DECL_KEYS.has(field)) problems.push(`${where}: unknown field ${field}`);
  if (decl.ladder !== undefined && (typeof decl.ladder !== 'string' || !KIND.test(decl.ladder))) {
    problems.push(`${where}: ladder is not a name`);
  }
  const keyed = decl.forEach !== undefined || decl.key !== undefined;
  if (keyed) {
    if (typeof decl.forEach !== 'string' || !DOT_PATH.test(decl.forEach)) {
      problems.push(`${where}: forEach is not a path in the context`);
    }
    if (typeof decl.key !== 'string' || !(decl.key === DEADLINE_ITEM_PATH || DOT_PATH.test(decl.key))) {
      problems.push(`${where}: key is not a path in the item, nor $item`);
    }
  }
  if (decl.earliestOf === undefined) return [...problems, ...ruleProblems(decl, where, keyed)];
  const own = [...DEADLINE_MEASURES, 'anchor', 'hoursCounted'].filter((field) => field in decl);
  if (own.length > 0) problems.push(`${where}: earliestOf replaces anchor and measure (${own.join(', ')})`);
  if (!Array.isArray(decl.earliestOf) || decl.earliestOf.length < 2) {
    problems.push(`${where}: earliestOf lists two rules or more`);
    return problems;
  }
  decl.earliestOf.forEach((rule, i) => {
    const at = `${where} earliestOf[${i}]`;
    for (const field of Object.keys(rule))
      if (!RULE_KEYS.has(field)) problems.push(`${at}: unknown field ${field}`);
    problems.push(...ruleProblems(rule, at, keyed));
  });
  return problems;
}

/** Every problem of every deadline a machine's states declare, each prefixed with its state. */
export function machineDeadlineProblems(machine: AnyStateMachine): string[] {
  return declaredDeadlines(machine).flatMap(({ state, decl }) =>
    deadlineDeclarationProblems(decl).map((problem) => `state ${state || '(root)'}: ${problem}`),
  );
}
