import { CONFERENCE_TYPE } from '@app/workflows';
import { POLICY } from '../auth/policy';
import type { DomainWorkflowOptions } from '../workflows/domain-workflow.options';

/** The conference process as the API serves it (DomainWorkflowOptions). */
export const CONFERENCE_WORKFLOW: DomainWorkflowOptions = {
  type: CONFERENCE_TYPE,
  recordType: 'conference',
  notFound: 'Conference not found',
  domainApi: '/conferences',
  read: POLICY.readConferences,
};
