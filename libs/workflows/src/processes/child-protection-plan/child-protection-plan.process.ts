import type { ProcessDescriptor } from '../../engine';
import { childProtectionPlanDefinition } from './child-protection-plan.definition';
import { PLAN_LADDERS } from './child-protection-plan.ladders';
import { PLAN_TEMPLATES as T, PLAN_TYPE } from './child-protection-plan.vocabulary';

/** The plan process's facts, registered in PROCESSES; its domain API is /plans. */
export const childProtectionPlanProcess: ProcessDescriptor = {
  type: PLAN_TYPE,
  definitions: [childProtectionPlanDefinition],
  recordType: 'child-protection-plan',
  access: {
    read: ['coordinator', 'chair', 'social_worker', 'team_manager', 'manager', 'duty_manager'],
    act: ['coordinator', 'chair', 'social_worker', 'team_manager', 'manager'],
  },
  domainApi: '/plans',
  notificationTemplates: {
    [T.started]: 'Child protection plan started',
    [T.born]: 'Birth recorded: a review or core group is due',
    [T.endedWithoutConference]: 'Child protection plan ended without a conference',
    [T.reviewBroughtForward]: 'Review conference brought forward',
  },
  ladders: PLAN_LADDERS,
};
