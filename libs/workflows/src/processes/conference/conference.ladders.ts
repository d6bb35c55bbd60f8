import { DEADLINE_STEP } from '../../engine/workflow-definition';
import type { EscalationLadder } from '../../rules/escalation-ladder.types';
import { CONFERENCE_DEADLINES } from './conference.vocabulary';

/**
 * The default escalation ladders of the conference's clocks (settings override them by name).
 * Local practice: the due date warns the co-ordinator and chair five working days ahead and the
 * duty manager two ahead, then the service manager once missed (as the ICPC ladder); unsent
 * invitations and late reports go to the co-ordinator, then the duty manager.
 */
export const CONFERENCE_LADDERS: Readonly<Record<string, EscalationLadder>> = {
  [CONFERENCE_DEADLINES.due]: {
    steps: [
      {
        id: 'warn-5',
        kind: DEADLINE_STEP.warning,
        offsetWorkingDays: -5,
        at: '09:00',
        notify: ['coordinator', 'chair'],
      },
      {
        id: 'warn-2',
        kind: DEADLINE_STEP.warning,
        offsetWorkingDays: -2,
        at: '09:00',
        notify: ['duty_manager'],
      },
      { id: 'due', kind: DEADLINE_STEP.due, offsetWorkingDays: 0, notify: ['service_manager'] },
      {
        id: 'repeat',
        kind: DEADLINE_STEP.repeat,
        offsetWorkingDays: 1,
        at: '09:00',
        everyWorkingDays: 1,
        notify: ['service_manager'],
      },
    ],
  },
  [CONFERENCE_DEADLINES.invitations]: {
    steps: [
      {
        id: 'warn-1',
        kind: DEADLINE_STEP.warning,
        offsetWorkingDays: -1,
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
  },
  [CONFERENCE_DEADLINES.reports]: {
    steps: [
      {
        id: 'warn-1',
        kind: DEADLINE_STEP.warning,
        offsetWorkingDays: -1,
        at: '09:00',
        notify: ['coordinator'],
      },
      { id: 'due', kind: DEADLINE_STEP.due, offsetWorkingDays: 0, notify: ['coordinator'] },
      {
        id: 'repeat',
        kind: DEADLINE_STEP.repeat,
        offsetWorkingDays: 1,
        at: '09:00',
        everyWorkingDays: 1,
        notify: ['coordinator', 'chair'],
      },
    ],
  },
  [CONFERENCE_DEADLINES.reportToParents]: {
    steps: [
      {
        id: 'warn-1',
        kind: DEADLINE_STEP.warning,
        offsetWorkingDays: -1,
        at: '09:00',
        notify: ['coordinator'],
      },
      { id: 'due', kind: DEADLINE_STEP.due, offsetWorkingDays: 0, notify: ['coordinator', 'chair'] },
    ],
  },
};
