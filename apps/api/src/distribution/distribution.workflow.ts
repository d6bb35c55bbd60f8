import { distributionProcess } from '@app/workflows';
import { domainWorkflowOf, type DomainWorkflowOptions } from '../workflows/domain-workflow.options';

/** The distribution process as the API serves it: its facts from its descriptor, and its not-found answer. */
export const DISTRIBUTION_WORKFLOW: DomainWorkflowOptions = domainWorkflowOf(
  distributionProcess,
  'Distribution not found',
);
