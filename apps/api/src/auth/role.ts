/**
 * The roles the identity provider grants, by the values its tokens carry in the roles claim.
 * What each may do is in policy.ts; which areas each sees is in scope.ts.
 */
export enum Role {
  /** Business support: intake, scheduling, invitations, distribution. */
  Coordinator = 'coordinator',
  /** CP co-ordinator / IRO: chairs conferences, decides quoracy and outcome, approves distribution. */
  Chair = 'chair',
  /** Local Authority Designated Officer: allegations against staff and volunteers. */
  Lado = 'lado',
  /** Requests conferences, submits reports. */
  SocialWorker = 'social_worker',
  /**
   * A social work team manager (the social worker's line manager), distinct from the CP service's
   * managers: agrees a conference date after its due date, in their own area.
   */
  TeamManager = 'team_manager',
  Manager = 'manager',
  DutyManager = 'duty_manager',
  /** Information governance (the data protection officer): the access log and the data-protection incidents, nothing else. */
  Auditor = 'auditor',
  /** Another agency (police, health, education): the register extract only. */
  PartnerAgency = 'partner_agency',
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);

const KNOWN = new Set<string>(ALL_ROLES);

export const isRole = (value: unknown): value is Role => typeof value === 'string' && KNOWN.has(value);
