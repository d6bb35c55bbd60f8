import type { AnyStateMachine } from 'xstate';

/** One state of a machine's definition, by its dotted path ('lado.tracks.police.open'). */
export interface ChartState {
  path: string;
  key: string;
  label: string;
  kind: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  children: ChartState[];
}

export interface ChartTransition {
  id: string;
  source: string;
  target: string;
  event: string;
  guarded: boolean;
}

export interface ChartGraph {
  root: ChartState;
  transitions: ChartTransition[];
  /** Every state path, for the "move by force" choice. */
  paths: string[];
  /** The kinds of deadline the machine declares (for the board's filter). */
  deadlineKinds: string[];
}

interface NodeLike {
  key: string;
  path: string[];
  type: ChartState['kind'];
  meta?: { label?: unknown; deadlines?: { kind?: unknown }[] };
  states: Record<string, NodeLike>;
  on: Record<string, { target?: readonly NodeLike[]; guard?: unknown }[]>;
  always?: { target?: readonly NodeLike[]; guard?: unknown }[];
}

const pathOf = (node: NodeLike) => node.path.join('.');

/** The states and transitions of a machine's definition, read from XState's own state nodes. */
export function chartGraph(machine: AnyStateMachine): ChartGraph {
  const transitions: ChartTransition[] = [];
  const paths: string[] = [];
  const deadlineKinds = new Set<string>();
  const visit = (node: NodeLike): ChartState => {
    const path = pathOf(node);
    if (path) paths.push(path);
    for (const decl of node.meta?.deadlines ?? []) if (typeof decl.kind === 'string') deadlineKinds.add(decl.kind);
    const outgoing = [
      ...Object.entries(node.on).flatMap(([event, list]) => list.map((t) => ({ event, t }))),
      ...(node.always ?? []).map((t) => ({ event: '(always)', t })),
    ];
    for (const { event, t } of outgoing) {
      for (const target of t.target ?? []) {
        // Transitions declared on the machine itself (no source state) and actions-only ones draw no arrow.
        if (!path) continue;
        transitions.push({ id: `t${transitions.length}`, source: path, target: pathOf(target), event, guarded: !!t.guard });
      }
    }
    const label = typeof node.meta?.label === 'string' ? node.meta.label : node.key;
    return {
      path,
      key: node.key,
      label,
      kind: node.type,
      children: Object.values(node.states).map(visit),
    };
  };
  const root = visit(machine.root as unknown as NodeLike);
  return { root, transitions, paths: paths.sort(), deadlineKinds: [...deadlineKinds].sort() };
}

/** The states a workflow is in, from its `state` column ('a.b & a.c'), with every ancestor. */
export function activePaths(state: string): { leaves: Set<string>; ancestors: Set<string> } {
  const leaves = new Set(state.split(' & ').map((s) => s.trim()).filter(Boolean));
  const ancestors = new Set<string>();
  for (const leaf of leaves) {
    const parts = leaf.split('.');
    for (let i = 1; i < parts.length; i++) ancestors.add(parts.slice(0, i).join('.'));
  }
  return { leaves, ancestors };
}
