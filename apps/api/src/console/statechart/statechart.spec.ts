import { demoCaseV2 } from '../../../../../test/fixtures/demo-case.machine';
import { activePaths, chartGraph } from './statechart-graph';
import { renderStatechartSvg } from './statechart-svg';

describe('the statechart', () => {
  const graph = chartGraph(demoCaseV2.machine);

  it("reads the states, transitions and deadline kinds from the machine's definition", () => {
    expect(graph.paths).toEqual(['closed', 'decided', 'review', 'screening']);
    expect(graph.transitions.map((t) => `${t.source} -${t.event}-> ${t.target}${t.guarded ? ' [guarded]' : ''}`).sort()).toEqual([
      'decided -case.closed-> closed',
      'review -case.reviewed-> decided',
      'screening -case.decided-> review [guarded]',
    ]);
    expect(graph.deadlineKinds).toEqual(['demo-review', 'demo-screening']);
  });

  it('finds the active leaves and their ancestors in a state column', () => {
    expect(activePaths('lado.tracks.police.open & lado.tracks.s47.closed')).toEqual({
      leaves: new Set(['lado.tracks.police.open', 'lado.tracks.s47.closed']),
      ancestors: new Set(['lado', 'lado.tracks', 'lado.tracks.police', 'lado.tracks.s47']),
    });
  });

  it('lays the chart out with ELK and marks the current state in shape and words, not colour alone', async () => {
    const svg = await renderStatechartSvg(graph, 'review', 'Statechart of demo case');
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toContain('<g class="state state--current" data-state="review" aria-current="true">');
    expect(svg).toContain('review (current state)</text>');
    expect(svg).toContain('The current state is review');
    expect(svg.match(/class="transition"/g)).toHaveLength(3);
    expect(svg).not.toMatch(/NaN|undefined/);
  });
});
