import { DomainError, DomainErrorCode } from '@app/workflows';
import { type Principal, throwIfOutOfScope } from '../auth';
import type { DomainWorkflowOptions } from './domain-workflow.options';
import { DOMAIN_WORKFLOWS } from './domain-workflows';

/**
 * Which roles may see workflows of a type through the generic API, which types must be changed
 * through their own domain API (which assigns references, fills settings and computes what the
 * client must not supply, such as a retention date), and what the access log calls them: read
 * from DOMAIN_WORKFLOWS. A type not listed there is open to every role the generic route admits.
 */
const BY_TYPE: ReadonlyMap<string, DomainWorkflowOptions> = new Map(DOMAIN_WORKFLOWS.map((d) => [d.type, d]));

/** The access log's record type for a workflow of a type without a domain API. */
export const GENERIC_RECORD_TYPE = 'workflow';

/** One record type per process, whichever route reads or writes it. */
export function recordTypeOf(type: string): string {
  return BY_TYPE.get(type)?.recordType ?? GENERIC_RECORD_TYPE;
}

/** The domain API a type is started and moved on through, if it has one. */
export function domainApiOf(type: string): string | undefined {
  return BY_TYPE.get(type)?.domainApi;
}

export function canReadType(principal: Principal, type: string): boolean {
  const access = BY_TYPE.get(type);
  return !access || principal.roles.some((role) => access.read.includes(role));
}

/** Types the principal may not see at all: excluded from listings. */
export function hiddenTypes(principal: Principal): string[] {
  return [...BY_TYPE.keys()].filter((type) => !canReadType(principal, type));
}

/** Out of area or of a type the role may not see: answered exactly as a missing record (404). */
export function throwIfWorkflowHidden(principal: Principal, record: { area: string | null; type: string }): void {
  throwIfOutOfScope(principal, record.area, 'Workflow');
  if (!canReadType(principal, record.type)) throw new DomainError(DomainErrorCode.NotFound, 'Workflow not found');
}

/** A type with a domain API is started and moved on there, not through the generic API. */
export function throwIfDomainApiOnly(type: string): void {
  const domainApi = domainApiOf(type);
  if (domainApi) {
    throw new DomainError(DomainErrorCode.Forbidden, `${type} workflows are started and moved on through ${domainApi}`, {
      use: domainApi,
    });
  }
}
