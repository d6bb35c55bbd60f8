import { declaredDeadlines, machineDeadlineProblems, WorkflowRegistry } from '../engine';
import {
  DEFAULT_LADDER,
  escalationLadderProblems,
  GENERIC_ESCALATION_LADDERS,
} from '../rules/escalation-ladders';
import { ASV_TEMPLATES, asvReferralDefinition, asvReferralProcess } from './asv-referral';
import {
  DEFAULT_ESCALATION_LADDERS,
  NOTIFICATION_TEMPLATE_TITLES,
  PROCESSES,
  processOf,
  WORKFLOW_DEFINITIONS,
} from './index';

/** A role name as the identity provider writes it in the roles claim. */
const ROLE_NAME = /^[a-z][a-z_]*$/;

describe('the registration list', () => {
  it('registers the ASV referral process', () => {
    expect(PROCESSES).toContain(asvReferralProcess);
    expect(processOf('asv-referral')).toBe(asvReferralProcess);
    expect(processOf('no-such-process')).toBeUndefined();
  });

  it('derives every workflow definition from the processes, and the registry takes them all', () => {
    expect(WORKFLOW_DEFINITIONS).toEqual(PROCESSES.flatMap((process) => process.definitions));
    expect(WORKFLOW_DEFINITIONS).toContain(asvReferralDefinition);
    expect(new WorkflowRegistry(WORKFLOW_DEFINITIONS).all()).toHaveLength(WORKFLOW_DEFINITIONS.length);
  });

  it('gives each process its own type and record type', () => {
    const types = PROCESSES.map((process) => process.type);
    expect(new Set(types).size).toBe(types.length);
    const recordTypes = PROCESSES.map((process) => process.recordType);
    expect(new Set(recordTypes).size).toBe(recordTypes.length);
  });

  it('derives the default ladders (generic and every process’s) and the template titles (every process’s)', () => {
    for (const process of PROCESSES) {
      for (const [name, ladder] of Object.entries(process.ladders))
        expect(DEFAULT_ESCALATION_LADDERS[name]).toEqual(ladder);
      for (const [template, title] of Object.entries(process.notificationTemplates)) {
        expect(NOTIFICATION_TEMPLATE_TITLES[template]).toBe(title);
      }
    }
    for (const name of Object.keys(GENERIC_ESCALATION_LADDERS)) {
      expect(DEFAULT_ESCALATION_LADDERS[name]).toEqual(GENERIC_ESCALATION_LADDERS[name]);
    }
    expect(Object.isFrozen(DEFAULT_ESCALATION_LADDERS[DEFAULT_LADDER]!.steps[0])).toBe(true);
    expect(Object.isFrozen(NOTIFICATION_TEMPLATE_TITLES)).toBe(true);
  });
});

describe.each(PROCESSES.map((process) => [process.type, process] as const))(
  'process %s',
  (_type, process) => {
    it('holds only definitions of its own type, each version once, oldest first', () => {
      expect(process.definitions.length).toBeGreaterThan(0);
      for (const definition of process.definitions) expect(definition.type).toBe(process.type);
      const versions = process.definitions.map((definition) => definition.version);
      expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
    });

    it('declares only valid deadlines', () => {
      for (const definition of process.definitions)
        expect(machineDeadlineProblems(definition.machine)).toEqual([]);
    });

    it('names role names for who may read and act, and a domain API path', () => {
      expect(process.access.read.length).toBeGreaterThan(0);
      expect(process.access.act.length).toBeGreaterThan(0);
      for (const role of [...process.access.read, ...process.access.act]) expect(role).toMatch(ROLE_NAME);
      // Whoever may act on a workflow may read it.
      for (const role of process.access.act) expect(process.access.read).toContain(role);
      if (process.domainApi !== undefined) expect(process.domainApi).toMatch(/^\/[a-z0-9-]+(\/[a-z0-9-]+)*$/);
    });

    it('titles every notification template it declares', () => {
      for (const [template, title] of Object.entries(process.notificationTemplates)) {
        expect(template).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
        expect(title.trim().length).toBeGreaterThan(0);
      }
    });

    it('brings valid ladders, each used by one of its clocks, none named like a generic one', () => {
      expect(escalationLadderProblems(process.ladders)).toEqual([]);
      const used = new Set(
        process.definitions.flatMap((definition) =>
          declaredDeadlines(definition.machine).map(({ decl }) => decl.ladder ?? decl.kind),
        ),
      );
      for (const name of Object.keys(process.ladders)) {
        expect(used).toContain(name);
        expect(Object.keys(GENERIC_ESCALATION_LADDERS)).not.toContain(name);
      }
    });
  },
);

describe('the ASV referral process', () => {
  it('titles exactly the templates its machine may name', () => {
    expect(Object.keys(asvReferralProcess.notificationTemplates).sort()).toEqual(
      Object.values(ASV_TEMPLATES).sort(),
    );
  });

  it('is read by co-ordinators, LADOs and managers, and acted on through its own API', () => {
    expect([...asvReferralProcess.access.read].sort()).toEqual([
      'coordinator',
      'duty_manager',
      'lado',
      'manager',
    ]);
    expect([...asvReferralProcess.access.act].sort()).toEqual([
      'coordinator',
      'duty_manager',
      'lado',
      'manager',
    ]);
    expect(asvReferralProcess.recordType).toBe('asv-referral');
    expect(asvReferralProcess.domainApi).toBe('/asv-referrals');
    expect(Object.keys(asvReferralProcess.ladders).sort()).toEqual(['asv-screening', 'lado-referral']);
  });
});
