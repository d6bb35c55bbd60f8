import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { activePaths, type ChartGraph, type ChartState } from './statechart-graph';

const FONT_PX = 13;
const CHAR_PX = 7.4;
const LINE_PX = 18;
const PAD = 12;

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

const textWidth = (text: string) => Math.ceil(text.length * CHAR_PX) + 2 * PAD;

/** The lowest state containing both ends of a transition: ELK wants an edge there. */
function commonAncestor(a: string, b: string): string {
  const left = a.split('.');
  const right = b.split('.');
  const common: string[] = [];
  for (let i = 0; i < Math.min(left.length, right.length) - 1; i++) {
    if (left[i] !== right[i]) break;
    common.push(left[i]);
  }
  return common.join('.');
}

interface Placed {
  x: number;
  y: number;
}

/**
 * The statechart as SVG, laid out by ELK (layered, top to bottom, compound states drawn around
 * their children) on the server. The current state is drawn with a thick border and a pattern, and
 * its label says "(current state)", so it reads without colour; the SVG has a title and a
 * description, and the page lists the states in text too.
 */
export async function renderStatechartSvg(graph: ChartGraph, currentState: string, title: string): Promise<string> {
  const { leaves, ancestors } = activePaths(currentState);
  const labelOf = (state: ChartState) => (leaves.has(state.path) ? `${state.label} (current state)` : state.label);
  const edgesByContainer = new Map<string, ElkExtendedEdge[]>();
  for (const t of graph.transitions) {
    const container = commonAncestor(t.source, t.target);
    const edge: ElkExtendedEdge = {
      id: t.id,
      sources: [t.source],
      targets: [t.target],
      labels: [{ id: `${t.id}-label`, text: t.event, width: textWidth(t.event) - PAD, height: LINE_PX }],
    };
    edgesByContainer.set(container, [...(edgesByContainer.get(container) ?? []), edge]);
  }
  const toElk = (state: ChartState): ElkNode => {
    const label = labelOf(state);
    const node: ElkNode = {
      id: state.path || '(root)',
      labels: [{ text: label, width: textWidth(label), height: LINE_PX }],
      edges: edgesByContainer.get(state.path) ?? [],
      children: state.children.map(toElk),
      layoutOptions: { 'elk.padding': `[top=${LINE_PX + PAD * 2},left=${PAD},bottom=${PAD},right=${PAD}]` },
    };
    if (state.children.length === 0) {
      node.width = Math.max(textWidth(label), 90);
      node.height = LINE_PX + PAD * 2;
    }
    return node;
  };
  const elkRoot = toElk(graph.root);
  elkRoot.id = '(root)';
  elkRoot.layoutOptions = {
    'elk.algorithm': 'layered',
    'elk.direction': 'DOWN',
    'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
    'elk.layered.spacing.nodeNodeBetweenLayers': '40',
    'elk.spacing.nodeNode': '30',
    'elk.spacing.edgeLabel': '4',
    'elk.edgeLabels.inline': 'false',
    'elk.padding': `[top=${PAD},left=${PAD},bottom=${PAD},right=${PAD}]`,
  };
  const laid = await new ELK().layout(elkRoot);

  const offsets = new Map<string, Placed>();
  const shapes: string[] = [];
  const arrows: string[] = [];
  const states = new Map<string, ChartState>();
  const index = (s: ChartState) => {
    states.set(s.path || '(root)', s);
    s.children.forEach(index);
  };
  index(graph.root);

  const drawNode = (node: ElkNode, origin: Placed, depth: number) => {
    const x = origin.x + (node.x ?? 0);
    const y = origin.y + (node.y ?? 0);
    offsets.set(node.id, { x, y });
    const state = states.get(node.id);
    if (depth > 0 && state) {
      const current = leaves.has(state.path);
      const containsCurrent = ancestors.has(state.path);
      const compound = (node.children ?? []).length > 0;
      const cls = ['state', current ? 'state--current' : '', containsCurrent ? 'state--contains-current' : '', state.kind === 'final' ? 'state--final' : '']
        .filter(Boolean)
        .join(' ');
      const label = labelOf(state);
      shapes.push(
        `<g class="${cls}" data-state="${escapeXml(state.path)}"${current ? ' aria-current="true"' : ''}>` +
          `<rect x="${x}" y="${y}" width="${node.width}" height="${node.height}" rx="${state.kind === 'final' ? 14 : 6}" />` +
          (state.kind === 'final'
            ? `<rect class="state__final-ring" x="${x + 3}" y="${y + 3}" width="${(node.width ?? 6) - 6}" height="${(node.height ?? 6) - 6}" rx="11" />`
            : '') +
          `<text x="${x + PAD}" y="${y + PAD + FONT_PX}"${compound ? ' class="state__label--compound"' : ''}>${escapeXml(label)}</text>` +
          `</g>`,
      );
    }
    for (const child of node.children ?? []) drawNode(child, { x, y }, depth + 1);
  };
  drawNode(laid, { x: 0, y: 0 }, 0);

  const drawEdges = (node: ElkNode) => {
    const origin = offsets.get(node.id) ?? { x: 0, y: 0 };
    for (const edge of (node.edges ?? []) as ElkExtendedEdge[]) {
      for (const section of edge.sections ?? []) {
        const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint]
          .map((p) => `${origin.x + p.x},${origin.y + p.y}`)
          .join(' ');
        arrows.push(`<polyline class="transition" points="${points}" marker-end="url(#arrow)" />`);
      }
      for (const label of edge.labels ?? []) {
        arrows.push(
          `<text class="transition__label" x="${origin.x + (label.x ?? 0)}" y="${origin.y + (label.y ?? 0) + FONT_PX}">${escapeXml(label.text ?? '')}</text>`,
        );
      }
    }
    (node.children ?? []).forEach(drawEdges);
  };
  drawEdges(laid);

  const width = Math.ceil(laid.width ?? 0);
  const height = Math.ceil(laid.height ?? 0);
  const current = [...leaves].map((path) => states.get(path)?.label ?? path).join(' and ');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="statechart" role="img" aria-labelledby="statechart-title statechart-desc" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">` +
    `<title id="statechart-title">${escapeXml(title)}</title>` +
    `<desc id="statechart-desc">${escapeXml(`States of the process, with arrows for the events that move it on. The current state is ${current}, drawn with a thick striped border.`)}</desc>` +
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" /></marker>` +
    `<pattern id="current-stripes" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" class="stripes__ground" /><line x1="0" y1="0" x2="0" y2="8" class="stripes__line" /></pattern></defs>` +
    shapes.join('') +
    arrows.join('') +
    `</svg>`
  );
}
