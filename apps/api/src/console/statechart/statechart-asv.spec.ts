import { asvReferralDefinition } from '@app/workflows';
import { chartGraph } from './statechart-graph';
import { renderStatechartSvg } from './statechart-svg';

describe("the ASV referral's statechart", () => {
  it('lays out its nested and parallel states, with a parallel region current', async () => {
    const graph = chartGraph(asvReferralDefinition.machine);
    const track = graph.paths.find((p) => p.endsWith('.open'))!;
    expect(track).toBeDefined();
    const svg = await renderStatechartSvg(graph, track, 'Statechart of asv referral');
    expect(svg).toContain(`data-state="${track}" aria-current="true"`);
    expect(svg).toContain('state--contains-current');
    expect(svg).not.toMatch(/NaN|undefined/);
  });
});
