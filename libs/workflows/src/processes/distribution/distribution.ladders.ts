import { DEADLINE_STEP } from '../../engine/workflow-definition';
import type { EscalationLadder } from '../../rules/escalation-ladder.types';
import { DISTRIBUTION_DEADLINES } from './distribution.vocabulary';

/**
 * The default escalation ladders of the distribution's clocks (settings override them by name).
 * The decisions are due the next working day, so their ladder starts on the due day itself and
 * reaches the duty manager once missed; the minutes warn the co-ordinator and chair five working
 * days ahead, as the conference's own due date does; the chair's answer to a correction warns the
 * chair the day before.
 */
export const DISTRIBUTION_LADDERS: Readonly<Record<string, EscalationLadder>> = {
  [DISTRIBUTION_DEADLINES.decisions]: {
    steps: [
      {
        id: 'warn-0',
        kind: DEADLINE_STEP.warning,
        offsetWorkingDays: 0,
        at: '09:00',
        notify: ['coordinator', 'chair'],
      },
      { id: 'due', kind: DEADLINE_STEP.due, offsetWorkingDays: 0, notify: ['duty_manager'] },
      {
        id: 'repeat',
        kind: DEADLINE_STEP.repeat,
        offsetWorkingDays: 1,
        at: '09:00',
        everyWorkingDays: 1,
        notify: ['duty_manager', 'service_manager'],
      },
    ],
  },
  [DISTRIBUTION_DEADLINES.minutes]: {
    steps: [
      {
        id: 'warn-5',
        kind: DEADLINE_STEP.warning,
        offsetWorkingDays: -5,
        at: '09:00',
        notify: ['coordinator', 'chair'],
      },
      {
        id: 'warn-1',
        kind: DEADLINE_STEP.warning,
        offsetWorkingDays: -1,
        at: '09:00',
        notify: ['duty_manager'],
      },
      { id: 'due', kind: DEADLINE_STEP.due, offsetWorkingDays: 0, notify: ['service_manager'] },
      {
        id: 'repeat',
        kind: DEADLINE_STEP.repeat,
        offsetWorkingDays: 1,
        at: '09:00',
        everyWorkingDays: 2,
        notify: ['service_manager'],
      },
    ],
  },
  [DISTRIBUTION_DEADLINES.correctionAnswer]: {
    steps: [
      { id: 'warn-1', kind: DEADLINE_STEP.warning, offsetWorkingDays: -1, at: '09:00', notify: ['chair'] },
      { id: 'due', kind: DEADLINE_STEP.due, offsetWorkingDays: 0, notify: ['chair', 'coordinator'] },
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
};
