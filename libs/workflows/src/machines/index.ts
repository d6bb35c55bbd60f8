import type { WorkflowDefinition } from '../engine';
import { conferenceDefinition } from '../processes/conference/conference.definition';
import { asvReferralDefinition } from './asv-referral.machine';

export * from './asv-referral.machine';

/** Every workflow definition the service runs, every version still in use. */
export const WORKFLOW_DEFINITIONS: WorkflowDefinition[] = [asvReferralDefinition, conferenceDefinition];
