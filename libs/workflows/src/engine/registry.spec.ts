import { setup } from 'xstate';
import { demoCaseV1, demoCaseV2 } from '../../../../test/fixtures/demo-case.machine';
import { DomainError, DomainErrorCode } from '../errors';
import { WorkflowRegistry } from './registry';
import { clockFixture } from './testing/clock-fixture.machine';
import type { WorkflowDefinition } from './workflow-definition';

describe('WorkflowRegistry', () => {
  it('gives new instances the newest version and keeps every version for running ones', () => {
    const registry = new WorkflowRegistry([demoCaseV2, demoCaseV1]);
    expect(registry.latest('demo-case')).toBe(demoCaseV2);
    expect(registry.get('demo-case', 1)).toBe(demoCaseV1);
    expect(registry.get('demo-case', 2)).toBe(demoCaseV2);
  });

  it('knows which types and versions it holds', () => {
    const registry = new WorkflowRegistry([demoCaseV1]);
    expect(registry.has('demo-case')).toBe(true);
    expect(registry.has('demo-case', 1)).toBe(true);
    expect(registry.has('demo-case', 2)).toBe(false);
    expect(registry.has('clock-fixture')).toBe(false);
    expect(registry.has('clock-fixture', 1)).toBe(false);
    expect(new WorkflowRegistry().all()).toEqual([]);
  });

  it('lists every definition by type, then version', () => {
    const registry = new WorkflowRegistry([demoCaseV2, clockFixture, demoCaseV1]);
    expect(registry.all().map((d) => [d.type, d.version])).toEqual([
      ['clock-fixture', 1],
      ['demo-case', 1],
      ['demo-case', 2],
    ]);
  });

  it('answers an unknown type as a domain error (400), and an unknown version of a running instance as a defect', () => {
    const registry = new WorkflowRegistry([demoCaseV1]);
    let caught: unknown;
    try {
      registry.latest('no-such-type');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect(caught).toMatchObject({
      code: DomainErrorCode.UnknownWorkflowType,
      message: "No workflow type 'no-such-type' is registered",
    });
    expect(() => registry.get('demo-case', 7)).toThrow(
      'Workflow demo-case v7 is not registered but instances use it',
    );
    expect(() => registry.get('no-such-type', 1)).toThrow(
      'Workflow no-such-type v1 is not registered but instances use it',
    );
  });

  it('refuses a version registered twice, and a migration that skips a version', () => {
    expect(() => new WorkflowRegistry([demoCaseV1, demoCaseV1])).toThrow('demo-case v1 is registered twice');
    const skipping: WorkflowDefinition = { ...demoCaseV2, version: 3 };
    expect(() => new WorkflowRegistry([demoCaseV1, skipping])).toThrow(
      'demo-case v3 may only migrate from v2',
    );
    expect(
      new WorkflowRegistry([
        { ...demoCaseV2, version: 3, migration: { ...demoCaseV2.migration!, fromVersion: 2 } },
      ]).has('demo-case', 3),
    ).toBe(true);
  });

  it('refuses a machine that declares an invalid deadline, naming the state and the fault', () => {
    const machine = setup({}).createMachine({
      id: 'bad',
      initial: 'waiting',
      states: {
        waiting: {
          meta: { deadlines: [{ kind: 'icpc', anchor: 'strategyDate', workingDays: 1, months: 1 }] },
        },
      },
    });
    const bad: WorkflowDefinition = { ...demoCaseV1, type: 'bad', machine };
    expect(() => new WorkflowRegistry([bad])).toThrow(
      'bad v1 declares invalid deadlines: state waiting: deadline icpc: takes exactly one of',
    );
    expect(new WorkflowRegistry().register(demoCaseV1).has('demo-case', 1)).toBe(true);
    const twice = setup({}).createMachine({
      id: 'twice',
      initial: 'waiting',
      states: {
        waiting: {
          meta: {
            deadlines: [
              { kind: 'a', anchor: 'x' },
              { kind: 'b', anchor: 'y' },
            ],
          },
        },
      },
    });
    expect(() => new WorkflowRegistry([{ ...demoCaseV1, type: 'twice', machine: twice }])).toThrow(
      'twice v1 declares invalid deadlines: state waiting: deadline a: takes exactly one of workingDays, workingDaysBefore, months, weeks, weeksBefore, hours; state waiting: deadline b: takes',
    );
  });
});
