import { ASV_REFERRAL_TYPE } from '@app/workflows';
import { POLICY } from '../auth/policy';
import type { DomainWorkflowOptions } from '../workflows/domain-workflow.options';

/** The ASV referral process as the API serves it (DomainWorkflowOptions). */
export const ASV_REFERRAL_WORKFLOW: DomainWorkflowOptions = {
  type: ASV_REFERRAL_TYPE,
  recordType: 'asv-referral',
  notFound: 'ASV referral not found',
  domainApi: '/asv-referrals',
  read: [...new Set([...POLICY.screenAsvReferrals, ...POLICY.manageLadoCases])],
};
