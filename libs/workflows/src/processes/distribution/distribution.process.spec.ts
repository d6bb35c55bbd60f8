import type { AnyStateNode } from 'xstate';
import type { StateMetaForEngine } from '../../engine';
import { escalationLadderProblems } from '../../rules/escalation-ladders';
import { distributionMachine } from './distribution.machine';
import { distributionProcess } from './distribution.process';
import { DISTRIBUTION_DEADLINES, DISTRIBUTION_TEMPLATES, DISTRIBUTION_TYPE } from './distribution.vocabulary';

function stateNodes(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap(stateNodes)];
}
const declared = stateNodes(distributionMachine.root).flatMap(
  (node) => (node.meta as StateMetaForEngine | undefined)?.deadlines ?? [],
);

describe('distribution process descriptor', () => {
  it('has a valid ladder for every clock the machine declares, and only those', () => {
    const ladders = new Set(declared.map((decl) => decl.ladder ?? decl.kind));
    expect([...ladders].sort()).toEqual(Object.values(DISTRIBUTION_DEADLINES).sort());
    expect(Object.keys(distributionProcess.ladders).sort()).toEqual([...ladders].sort());
    expect(escalationLadderProblems(distributionProcess.ladders)).toEqual([]);
  });

  it('names every notification template with a title', () => {
    expect(Object.keys(distributionProcess.notificationTemplates).sort()).toEqual(
      Object.values(DISTRIBUTION_TEMPLATES).sort(),
    );
  });

  it('declares every clock as 0 working days from an anchor the machine computes in context.clocks', () => {
    for (const decl of declared) {
      expect(decl.workingDays).toBe(0);
      expect(decl.anchor).toMatch(/^clocks\.[a-zA-Z]+$/);
    }
  });

  it('holds one definition of its own type, with refusal details for the API', () => {
    expect(distributionProcess.definitions.map((d) => [d.type, d.version])).toEqual([[DISTRIBUTION_TYPE, 1]]);
    expect(distributionProcess.definitions[0]!.refusalDetails).toBeDefined();
  });
});
