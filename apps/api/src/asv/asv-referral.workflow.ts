import { asvReferralProcess } from '@app/workflows';
import { domainWorkflowOf, type DomainWorkflowOptions } from '../workflows/domain-workflow.options';

/** The ASV referral process as the API serves it: its facts from its descriptor, and its not-found answer. */
export const ASV_REFERRAL_WORKFLOW: DomainWorkflowOptions = domainWorkflowOf(asvReferralProcess, 'ASV referral not found');
