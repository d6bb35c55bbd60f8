import { ASV_REFERRAL_TYPE, DomainError, DomainErrorCode } from '@app/workflows';
import { POLICY, type Principal, Role, throwIfOutOfScope } from '../auth';

/**
 * Which roles may see workflows of a type through the generic API, and which types must be
 * changed through their own domain API (which assigns references, fills settings and computes
 * what the client must not supply, such as a retention date). A type not listed here is open to
 * every role the generic route admits.
 */
interface TypeAccess {
  read: readonly Role[];
  /** Start and events go through this API only; managers' actions (force, migrate, incidents) stay generic. */
  domainApi?: string;
}

const TYPE_ACCESS: Readonly<Record<string, TypeAccess>> = {
  [ASV_REFERRAL_TYPE]: {
    read: [...new Set([...POLICY.screenAsvReferrals, ...POLICY.manageLadoCases])],
    domainApi: '/asv-referrals',
  },
};

export function canReadType(principal: Principal, type: string): boolean {
  const access = TYPE_ACCESS[type];
  return !access || principal.roles.some((role) => access.read.includes(role));
}

/** Types the principal may not see at all: excluded from listings. */
export function hiddenTypes(principal: Principal): string[] {
  return Object.keys(TYPE_ACCESS).filter((type) => !canReadType(principal, type));
}

/** Out of area or of a type the role may not see: answered exactly as a missing record (404). */
export function throwIfWorkflowHidden(principal: Principal, record: { area: string | null; type: string }): void {
  throwIfOutOfScope(principal, record.area, 'Workflow');
  if (!canReadType(principal, record.type)) throw new DomainError(DomainErrorCode.NotFound, 'Workflow not found');
}

/** A type with a domain API is started and moved on there, not through the generic API. */
export function throwIfDomainApiOnly(type: string): void {
  const domainApi = TYPE_ACCESS[type]?.domainApi;
  if (domainApi) {
    throw new DomainError(DomainErrorCode.Forbidden, `${type} workflows are started and moved on through ${domainApi}`, {
      use: domainApi,
    });
  }
}
