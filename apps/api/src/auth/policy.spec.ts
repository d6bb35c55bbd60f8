import { POLICY } from './policy';
import { ALL_ROLES, Role } from './role';

const permissionsOf = (role: Role) =>
  Object.entries(POLICY)
    .filter(([, roles]) => (roles as readonly Role[]).includes(role))
    .map(([permission]) => permission);

describe('POLICY', () => {
  it('lets the auditor read the access log and the data-protection incidents, and nothing else', () => {
    expect(permissionsOf(Role.Auditor).sort()).toEqual(['readAccessLog', 'readDataProtectionIncidents']);
  });

  it('lets a partner agency read the register extract and nothing else', () => {
    expect(permissionsOf(Role.PartnerAgency)).toEqual(['readRegisterExtract']);
  });

  it('keeps inspection, reassignment, forcing and settings to managers and duty managers', () => {
    for (const permission of [
      'inspectWorkflows',
      'reassignWorkflows',
      'forceWorkflows',
      'manageSettings',
    ] as const) {
      expect([...POLICY[permission]].sort()).toEqual([Role.DutyManager, Role.Manager]);
    }
  });

  it("keeps people's personal details to casework roles and managers, and erasure to managers", () => {
    const casework = [
      Role.Chair,
      Role.Coordinator,
      Role.DutyManager,
      Role.Lado,
      Role.Manager,
      Role.SocialWorker,
    ];
    for (const permission of ['resolvePeople', 'readPeople', 'correctPeople'] as const) {
      expect([...POLICY[permission]].sort()).toEqual(casework);
    }
    expect(POLICY.erasePeople).toEqual([Role.Manager]);
  });

  it('gives every role at least one permission and lists no role twice', () => {
    for (const role of ALL_ROLES) expect(permissionsOf(role).length).toBeGreaterThan(0);
    for (const roles of Object.values(POLICY)) expect(new Set(roles).size).toBe(roles.length);
  });
});
