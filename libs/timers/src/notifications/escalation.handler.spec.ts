import { parseEscalation } from './escalation.handler';
import { recipientKindOf } from './recipients';

const step = {
  type: 'deadline.escalate',
  deadlineId: 'cf0a771f-cc82-436e-ae7f-f2dc220aebcb',
  kind: 'icpc',
  ladder: 'icpc',
  stepId: 'warn-5',
  step: 'warning',
  occurrence: 0,
  dueDate: '2026-11-23',
  dueAt: '2026-11-24T00:00:00Z',
  notify: ['coordinator', 'chair'],
};

describe('parseEscalation', () => {
  it('reads the DeadlineStepPayload fields of a deadline.escalate effect', () => {
    expect(parseEscalation(step)).toEqual({
      deadline: {
        id: step.deadlineId,
        kind: 'icpc',
        step: 'warning',
        occurrence: 0,
        dueDate: '2026-11-23',
        dueAt: '2026-11-24T00:00:00.000Z',
      },
      notify: ['coordinator', 'chair'],
    });
  });

  it.each([
    ['a deadline id that is not a uuid', { deadlineId: '42' }],
    ['an unknown step kind', { step: 'panic' }],
    ['a negative occurrence', { occurrence: -1 }],
    ['an impossible due date', { dueDate: '2026-02-30' }],
    ['a due time that is not a time', { dueAt: 'tomorrow' }],
    ['an unknown recipient', { notify: ['coordinator', 'mayor'] }],
    ['no recipients list', { notify: 'coordinator' }],
    ['a kind with capitals', { kind: 'ICPC' }],
  ])('refuses %s', (_name, change) => {
    expect(parseEscalation({ ...step, ...change })).toBeUndefined();
  });
});

describe('recipientKindOf', () => {
  it("maps a machine's kebab-case roles onto the rota's recipient kinds", () => {
    expect(recipientKindOf('front-door')).toBe('front_door');
    expect(recipientKindOf('lado')).toBe('lado');
    expect(recipientKindOf('duty_manager')).toBe('duty_manager');
    expect(recipientKindOf('social-worker')).toBeUndefined();
    expect(recipientKindOf(undefined)).toBeUndefined();
  });
});
