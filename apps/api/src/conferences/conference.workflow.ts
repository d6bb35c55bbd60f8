import { conferenceProcess } from '@app/workflows';
import { domainWorkflowOf, type DomainWorkflowOptions } from '../workflows/domain-workflow.options';

/** The conference process as the API serves it: its facts from its descriptor, and its not-found answer. */
export const CONFERENCE_WORKFLOW: DomainWorkflowOptions = domainWorkflowOf(conferenceProcess, 'Conference not found');
