import { ENGINE_EFFECTS } from '@app/workflows';
import { childStartKey, withLinkKeys } from './workflow-links';

const SOURCE = '5b0f8a64-1a0e-4a7e-9d55-1c5a3f1e2b7d';

describe('the keys of workflow.start and workflow.signal effects', () => {
  it('numbers a start without a key by the source, its journal entry and its place among the effects', () => {
    const effects = withLinkKeys(
      [
        { type: 'notify', role: 'chair' },
        { type: ENGINE_EFFECTS.workflowStart, workflowType: 'plan', input: { childId: 'c1' } },
        { type: ENGINE_EFFECTS.workflowStart, workflowType: 'plan', input: { childId: 'c2' } },
      ],
      SOURCE,
      4,
    );
    expect(effects).toEqual([
      { type: 'notify', role: 'chair' },
      { type: ENGINE_EFFECTS.workflowStart, workflowType: 'plan', input: { childId: 'c1' }, startKey: `${SOURCE}.4.1` },
      { type: ENGINE_EFFECTS.workflowStart, workflowType: 'plan', input: { childId: 'c2' }, startKey: `${SOURCE}.4.2` },
    ]);
  });

  it('scopes a key the machine gave to the source, for the start and for a signal that names it', () => {
    const [start, signal] = withLinkKeys(
      [
        { type: ENGINE_EFFECTS.workflowStart, workflowType: 'plan', input: {}, startKey: 'child-c1' },
        {
          type: ENGINE_EFFECTS.workflowSignal,
          target: { workflowType: 'plan', startKey: 'child-c1' },
          event: { type: 'review.requested' },
        },
      ],
      SOURCE,
      2,
    );
    expect(start!.startKey).toBe(`${SOURCE}/child-c1`);
    expect(signal).toEqual({
      type: ENGINE_EFFECTS.workflowSignal,
      target: { workflowType: 'plan', startKey: `${SOURCE}/child-c1` },
      event: { type: 'review.requested' },
      eventId: `${SOURCE}.2.1`,
    });
  });

  it('leaves a signal by id to its target and gives it the event id of its place', () => {
    const [signal] = withLinkKeys(
      [{ type: ENGINE_EFFECTS.workflowSignal, target: { id: 'w-1' }, event: { type: 'x' } }],
      SOURCE,
      7,
    );
    expect(signal).toMatchObject({ target: { id: 'w-1' }, eventId: `${SOURCE}.7.0` });
  });

  it('is the same for the same source, entry and place, and different otherwise', () => {
    expect(childStartKey(SOURCE, 3, 0)).toBe(childStartKey(SOURCE, 3, 0));
    expect(new Set([childStartKey(SOURCE, 3, 0), childStartKey(SOURCE, 3, 1), childStartKey(SOURCE, 4, 0)]).size).toBe(3);
    // A key the machine gives never reads as a numbered one.
    expect(childStartKey(SOURCE, 3, 0, '3.0')).not.toBe(childStartKey(SOURCE, 3, 0));
  });
});
