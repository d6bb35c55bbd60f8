import type { AnyStateNode } from 'xstate';
import type { StateMetaForEngine } from '../../engine';
import { escalationLadderProblems } from '../../rules/escalation-ladders';
import { planMachine } from './child-protection-plan.machine';
import { childProtectionPlanProcess } from './child-protection-plan.process';
import { PLAN_DEADLINES, PLAN_TEMPLATES, PLAN_TYPE } from './child-protection-plan.vocabulary';

function stateNodes(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap(stateNodes)];
}
const declared = stateNodes(planMachine.root).flatMap(
  (node) => (node.meta as StateMetaForEngine | undefined)?.deadlines ?? [],
);

describe('child protection plan process descriptor', () => {
  it('has a valid ladder for every clock the machine declares, and only those', () => {
    const ladders = new Set(declared.map((decl) => decl.ladder ?? decl.kind));
    expect([...ladders].sort()).toEqual(Object.values(PLAN_DEADLINES).sort());
    expect(Object.keys(childProtectionPlanProcess.ladders).sort()).toEqual([...ladders].sort());
    expect(escalationLadderProblems(childProtectionPlanProcess.ladders)).toEqual([]);
  });

  it('names every notification template with a title', () => {
    expect(Object.keys(childProtectionPlanProcess.notificationTemplates).sort()).toEqual(
      Object.values(PLAN_TEMPLATES).sort(),
    );
  });

  it('declares every clock as 0 working days from an anchor the machine computes in context.clocks', () => {
    for (const decl of declared) {
      expect(decl.workingDays).toBe(0);
      expect(decl.anchor).toMatch(/^clocks\.[a-zA-Z]+$/);
    }
  });

  it('holds one definition of its own type', () => {
    expect(childProtectionPlanProcess.definitions.map((d) => [d.type, d.version])).toEqual([[PLAN_TYPE, 1]]);
  });
});
