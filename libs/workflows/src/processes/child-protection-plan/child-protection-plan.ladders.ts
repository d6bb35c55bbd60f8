import { DEADLINE_STEP } from '../../engine/workflow-definition';
import type { EscalationLadder } from '../../rules/escalation-ladder.types';
import { PLAN_DEADLINES } from './child-protection-plan.vocabulary';

/**
 * Default ladders (settings override them by name). A late review escalates to the chair and the
 * co-ordinator, then the duty manager; a core group or post-birth meeting not held goes to the
 * co-ordinator, then the duty manager.
 */
const meeting: EscalationLadder = {
  steps: [
    {
      id: 'warn-2',
      kind: DEADLINE_STEP.warning,
      offsetWorkingDays: -2,
      at: '09:00',
      notify: ['coordinator'],
    },
    { id: 'due', kind: DEADLINE_STEP.due, offsetWorkingDays: 0, notify: ['coordinator', 'duty_manager'] },
    {
      id: 'repeat',
      kind: DEADLINE_STEP.repeat,
      offsetWorkingDays: 1,
      at: '09:00',
      everyWorkingDays: 1,
      notify: ['duty_manager'],
    },
  ],
};

export const PLAN_LADDERS: Readonly<Record<string, EscalationLadder>> = {
  [PLAN_DEADLINES.review]: {
    steps: [
      {
        id: 'warn-10',
        kind: DEADLINE_STEP.warning,
        offsetWorkingDays: -10,
        at: '09:00',
        notify: ['coordinator', 'chair'],
      },
      { id: 'due', kind: DEADLINE_STEP.due, offsetWorkingDays: 0, notify: ['chair', 'coordinator'] },
      {
        id: 'repeat',
        kind: DEADLINE_STEP.repeat,
        offsetWorkingDays: 1,
        at: '09:00',
        everyWorkingDays: 1,
        notify: ['chair', 'coordinator', 'duty_manager'],
      },
    ],
  },
  [PLAN_DEADLINES.coreGroup]: meeting,
  [PLAN_DEADLINES.postBirth]: meeting,
};
