import type { WorkflowDefinition } from '../engine';
import { asvReferralDefinition } from './asv-referral/asv-referral.machine';

export * from './asv-referral/asv-referral.machine';

/** Every workflow definition the service runs, every version still in use. */
export const WORKFLOW_DEFINITIONS: WorkflowDefinition[] = [asvReferralDefinition];
