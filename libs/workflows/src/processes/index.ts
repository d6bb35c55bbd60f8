import type { ProcessDescriptor, WorkflowDefinition } from '../engine';
import type { EscalationLadder } from '../rules/escalation-ladder.types';
import { deepFreeze, GENERIC_ESCALATION_LADDERS } from '../rules/escalation-ladders';
import { asvReferralProcess } from './asv-referral';
import { childProtectionPlanProcess } from './child-protection-plan';
import { conferenceProcess } from './conference';
import { distributionProcess } from './distribution';

export * from './asv-referral';
export * from './conference';
export * from './child-protection-plan';
export * from './distribution';

/** Every process the service runs: adding one adds its folder and one line here. */
export const PROCESSES: readonly ProcessDescriptor[] = [
  asvReferralProcess,
  conferenceProcess,
  childProtectionPlanProcess,
  distributionProcess,
];

/** Every workflow definition the service runs, every version still in use. */
export const WORKFLOW_DEFINITIONS: WorkflowDefinition[] = PROCESSES.flatMap((process) => [
  ...process.definitions,
]);

/** A name two owners claim is a defect caught at load time, not a silent override. */
function mergeOnce<T>(what: string, parts: readonly Readonly<Record<string, T>>[]): Record<string, T> {
  const merged: Record<string, T> = {};
  for (const part of parts) {
    for (const [name, value] of Object.entries(part)) {
      if (Object.prototype.hasOwnProperty.call(merged, name))
        throw new Error(`${what} '${name}' is declared twice`);
      merged[name] = value;
    }
  }
  return merged;
}

/**
 * The default escalation ladders: the generic ones and every process's (settings override any of
 * them by name).
 */
export const DEFAULT_ESCALATION_LADDERS: Readonly<Record<string, EscalationLadder>> = deepFreeze(
  mergeOnce('Escalation ladder', [
    GENERIC_ESCALATION_LADDERS,
    ...PROCESSES.map((process) => process.ladders),
  ]),
);

/** The title people read for each notification template a machine declares, from every process. */
export const NOTIFICATION_TEMPLATE_TITLES: Readonly<Record<string, string>> = Object.freeze(
  mergeOnce(
    'Notification template',
    PROCESSES.map((process) => process.notificationTemplates),
  ),
);

/** The descriptor of a registered process by type, if there is one. */
export function processOf(type: string): ProcessDescriptor | undefined {
  return PROCESSES.find((process) => process.type === type);
}
