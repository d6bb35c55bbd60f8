import { ASV_REFERRAL_WORKFLOW } from '../asv/asv-referral.workflow';
import { CONFERENCE_WORKFLOW } from '../conferences/conference.workflow';
import { PLAN_WORKFLOW } from '../plans/plan.workflow';
import { DISTRIBUTION_WORKFLOW } from '../distribution/distribution.workflow';
import type { DomainWorkflowOptions } from './domain-workflow.options';

/** Every process with a domain API: adding one adds its line here. */
export const DOMAIN_WORKFLOWS: readonly DomainWorkflowOptions[] = [
  ASV_REFERRAL_WORKFLOW,
  CONFERENCE_WORKFLOW,
  PLAN_WORKFLOW,
  DISTRIBUTION_WORKFLOW,
];
