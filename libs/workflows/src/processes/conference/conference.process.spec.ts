import type { AnyStateNode } from 'xstate';
import type { StateMetaForEngine } from '../../engine';
import { escalationLadderProblems } from '../../rules/escalation-ladders';
import { conferenceMachine } from './conference.machine';
import { conferenceProcess } from './conference.process';
import { CONFERENCE_DEADLINES, CONFERENCE_TEMPLATES, CONFERENCE_TYPE } from './conference.vocabulary';

function stateNodes(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap(stateNodes)];
}
const declared = stateNodes(conferenceMachine.root).flatMap(
  (node) => (node.meta as StateMetaForEngine | undefined)?.deadlines ?? [],
);

describe('conference process descriptor', () => {
  it('has a valid ladder for every clock the machine declares, and only those', () => {
    const ladders = new Set(declared.map((decl) => decl.ladder ?? decl.kind));
    expect([...ladders].sort()).toEqual(Object.values(CONFERENCE_DEADLINES).sort());
    expect(Object.keys(conferenceProcess.ladders).sort()).toEqual([...ladders].sort());
    expect(escalationLadderProblems(conferenceProcess.ladders)).toEqual([]);
  });

  it('names every notification template with a title', () => {
    expect(Object.keys(conferenceProcess.notificationTemplates).sort()).toEqual(
      Object.values(CONFERENCE_TEMPLATES).sort(),
    );
  });

  it('declares every clock as 0 working days from an anchor the machine computes (in context.clocks, or per report)', () => {
    for (const decl of declared) {
      expect(decl.workingDays).toBe(0);
      if (decl.forEach === undefined) expect(decl.anchor).toMatch(/^clocks\.[a-zA-Z]+$/);
      else expect(decl).toMatchObject({ forEach: 'reports', key: 'key', anchor: '$item.dueBy' });
    }
  });

  it('holds one definition of its own type', () => {
    expect(conferenceProcess.definitions.map((d) => [d.type, d.version])).toEqual([[CONFERENCE_TYPE, 1]]);
  });
});
