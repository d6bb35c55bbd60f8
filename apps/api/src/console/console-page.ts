import type { ConsoleRequest } from './session/console-request';
import { POLICY } from '../auth/policy';
import type { Role } from '../auth/role';

/** What every signed-in page's layout needs: who is signed in, the CSRF token, the navigation. */
export function pageContext(
  req: ConsoleRequest,
  current: 'board' | 'inbox' | 'workflow' | 'charts' | 'data-protection',
) {
  const roles = req.console.allRoles as Role[];
  const may = (policy: readonly Role[]) => roles.some((role) => policy.includes(role));
  return {
    csrfToken: req.console.csrfToken,
    signedInAs: `${req.principal.sub} (${roles.join(', ')}${req.principal.area ? `, ${req.principal.area}` : ''})`,
    isManager: may(POLICY.forceWorkflows),
    navigation: [
      { href: '/console', text: 'Board', active: current === 'board' },
      { href: '/console/inbox', text: 'Duty inbox', active: current === 'inbox' },
      { href: '/console/charts', text: 'Charts', active: current === 'charts' },
      ...(may(POLICY.readDataProtectionIncidents)
        ? [{ href: '/console/data-protection', text: 'Data protection', active: current === 'data-protection' }]
        : []),
    ],
  };
}
