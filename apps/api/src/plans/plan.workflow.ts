import { childProtectionPlanProcess } from '@app/workflows';
import { domainWorkflowOf, type DomainWorkflowOptions } from '../workflows/domain-workflow.options';

/** The child protection plan process as the API serves it: its facts from its descriptor, and its not-found answer. */
export const PLAN_WORKFLOW: DomainWorkflowOptions = domainWorkflowOf(
  childProtectionPlanProcess,
  'Plan not found',
);
