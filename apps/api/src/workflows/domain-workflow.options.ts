import type { ProcessDescriptor } from '@app/workflows';
import { isRole, type Role } from '../auth/role';

/**
 * What the API needs to know about a process that has a domain API of its own (ASV referrals now,
 * conferences next). One object per process, in its API folder, listed once in DOMAIN_WORKFLOWS.
 */
export interface DomainWorkflowOptions {
  /** The workflow type the domain API serves, e.g. 'asv-referral'. */
  type: string;
  /** The access log's record type for its workflows: the same for reads and writes, on every route. */
  recordType: string;
  /** The one answer for a record that is missing, of another area or of another type. */
  notFound: string;
  /** The path of its domain API: the generic API neither starts nor moves it on. */
  domainApi: string;
  /** Roles that may see its workflows through the generic API (reads, lists, notifications). */
  read: readonly Role[];
}

/**
 * A process's API options from its descriptor (libs/workflows), so the record type, the domain
 * API and who may read are said once, in the process's folder. A role name the service does not
 * know is a defect caught when the module loads, never a role silently left out.
 */
export function domainWorkflowOf(process: ProcessDescriptor, notFound: string): DomainWorkflowOptions {
  if (!process.domainApi) throw new Error(`${process.type} declares no domain API`);
  const unknown = process.access.read.filter((name) => !isRole(name));
  if (unknown.length > 0) throw new Error(`${process.type} names unknown roles: ${unknown.join(', ')}`);
  return {
    type: process.type,
    recordType: process.recordType,
    notFound,
    domainApi: process.domainApi,
    read: process.access.read.filter(isRole),
  };
}
