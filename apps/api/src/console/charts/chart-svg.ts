import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/**
 * A Vega-Lite chart rendered to SVG on the server (no canvas, no script in the page), named for
 * assistive technology; the page shows the same figures in a table beside it.
 */
export async function chartSvg(spec: TopLevelSpec, name: string): Promise<string> {
  const compiled = vl.compile({ ...spec, config: { font: 'arial', axis: { labelColor: '#0b0c0c', titleColor: '#0b0c0c' }, legend: { labelColor: '#0b0c0c', titleColor: '#0b0c0c' } } }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg.replace('<svg ', `<svg role="img" aria-label="${escapeXml(name)}" `);
}

export function byStateSpec(values: { label: string; count: number }[]): TopLevelSpec {
  return {
    width: 400,
    data: { values },
    mark: { type: 'bar', color: '#1d70b8' },
    encoding: {
      y: { field: 'label', type: 'nominal', title: null, sort: '-x' },
      x: { field: 'count', type: 'quantitative', title: 'Active workflows' },
    },
  };
}

export function deadlinesSpec(values: { week: string; outcome: string; count: number }[]): TopLevelSpec {
  return {
    width: 400,
    data: { values },
    mark: 'bar',
    encoding: {
      x: { field: 'week', type: 'ordinal', title: 'Week beginning' },
      y: { field: 'count', type: 'quantitative', title: 'Deadlines met' },
      color: {
        field: 'outcome',
        type: 'nominal',
        title: null,
        scale: { domain: ['On time', 'Late'], range: ['#00703c', '#d4351c'] },
      },
      // Not colour alone: late bars are lighter too, and named in the legend and in the table.
      opacity: {
        field: 'outcome',
        type: 'ordinal',
        sort: ['On time', 'Late'],
        scale: { domain: ['On time', 'Late'], range: [1, 0.6] },
        legend: null,
      },
    },
  };
}

export const TIMESCALE_OUTCOMES = ['Within timescale', 'Outside timescale', 'Not yet booked'] as const;

export function conferencesSpec(values: { month: string; outcome: string; count: number }[]): TopLevelSpec {
  return {
    width: 400,
    data: { values },
    mark: 'bar',
    encoding: {
      x: { field: 'month', type: 'ordinal', title: 'Month due' },
      y: { field: 'count', type: 'quantitative', title: 'Conferences' },
      color: {
        field: 'outcome',
        type: 'nominal',
        title: null,
        scale: { domain: [...TIMESCALE_OUTCOMES], range: ['#00703c', '#d4351c', '#505a5f'] },
      },
      // Not colour alone: each outcome has its own opacity too, and is named in the legend and the table.
      opacity: {
        field: 'outcome',
        type: 'ordinal',
        sort: [...TIMESCALE_OUTCOMES],
        scale: { domain: [...TIMESCALE_OUTCOMES], range: [1, 0.6, 0.35] },
        legend: null,
      },
    },
  };
}
