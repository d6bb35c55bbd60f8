import { Role } from './role';

const CASEWORK = [Role.Coordinator, Role.Chair, Role.Lado, Role.SocialWorker] as const;
const MANAGEMENT = [Role.Manager, Role.DutyManager] as const;

/**
 * Who may do what: the one place to read and change it. A route names its permission with
 * `@Roles(POLICY.readWorkflows)`; a route without @Roles or @Public answers 403 to everyone.
 * Area scoping (which records within a permitted route) is scope.ts.
 */
export const POLICY = {
  /** Read a workflow, its history, the list of workflows (each record scoped by area). */
  readWorkflows: [...CASEWORK, ...MANAGEMENT],
  /** Start a workflow and send it events; the machine's guards decide which events a state accepts. */
  startWorkflows: [...CASEWORK, ...MANAGEMENT],
  sendWorkflowEvents: [...CASEWORK, ...MANAGEMENT],
  /** The registered machines and their definitions: no personal data. */
  readWorkflowTypes: [...CASEWORK, ...MANAGEMENT],
  /** Reference data with no personal data: the working-day calendar. */
  readCalendar: [...CASEWORK, ...MANAGEMENT],
  /** The managers' console: stuck, at-risk, overdue and failed workflows, incidents, queues. */
  inspectWorkflows: MANAGEMENT,
  reassignWorkflows: MANAGEMENT,
  /** Move a workflow's state by force, retry a failed effect, migrate a version: always with a reason. */
  forceWorkflows: MANAGEMENT,
  /** Settings: duty rota, escalation ladders. */
  manageSettings: MANAGEMENT,
  /** ASV contacts: screening and redirection. */
  screenAsvReferrals: [Role.Coordinator, Role.Lado, ...MANAGEMENT],
  /** ASV cases at the LADO stage: meetings, tracks, outcome, follow-ups, closure and reopening. */
  manageLadoCases: [Role.Lado, ...MANAGEMENT],
  /** Conferences: scheduling, invitations, distribution of decisions and minutes. */
  administerConferences: [Role.Coordinator, Role.Chair, ...MANAGEMENT],
  /** Conferences: quoracy, outcome per child, approval of minutes for distribution. */
  chairConferences: [Role.Chair],
  /** Conferences: requesting one and submitting the social worker's report. */
  requestConferences: [Role.SocialWorker, Role.Coordinator, ...MANAGEMENT],
  /** Conferences: reading one (its team manager too, who agrees a late date). */
  readConferences: [Role.Coordinator, Role.Chair, Role.SocialWorker, Role.TeamManager, ...MANAGEMENT],
  /** A conference's reports: agencies' (recorded by business support) and the social worker's own. */
  submitConferenceReports: [Role.Coordinator, Role.Chair, Role.SocialWorker, ...MANAGEMENT],
  /** A conference date after its due date: the social worker's team manager and the chair agree it. */
  agreeLateConferences: [Role.TeamManager, Role.Chair],
  /** The meeting's attendance: the conference's chair, or business support for them. */
  recordConferenceAttendance: [Role.Coordinator, Role.Chair],
  /** An inquorate conference adjourned: the chair; a second in a row only with a manager's override. */
  adjournConferences: [Role.Chair, Role.Manager],
  /** Child protection plans: reading one, and the plans of a child or household. */
  readPlans: [Role.Coordinator, Role.Chair, Role.SocialWorker, Role.TeamManager, ...MANAGEMENT],
  /** A plan's core group meeting and an unborn child's birth: the social worker, business support, managers. */
  recordPlanEvents: [Role.Coordinator, Role.SocialWorker, ...MANAGEMENT],
  /** Plans held before the service or in another authority: entered by a co-ordinator. */
  recordPreviousPlans: [Role.Coordinator],
  /** A plan's lead social worker changed: the team manager, business support, managers. */
  assignLeadSocialWorkers: [Role.Coordinator, Role.TeamManager, ...MANAGEMENT],
  /** A plan ended without a conference (moved, turned 18, left the UK, looked after, died). */
  endPlans: [Role.Coordinator, Role.TeamManager, Role.Manager],
  /** The child protection register: the children on a plan now, by area. */
  readRegister: [Role.Coordinator, Role.Chair, Role.SocialWorker, Role.TeamManager, ...MANAGEMENT],
  /** The Children in Need census's child protection figures for a period. */
  readCensusReturns: [Role.Coordinator, ...MANAGEMENT],
  /** The person's own in-app notifications. */
  readOwnNotifications: [...CASEWORK, ...MANAGEMENT],
  /** Whether a child is subject to a plan: what partner agencies may see, and nothing more. */
  readRegisterExtract: [Role.PartnerAgency, ...CASEWORK, ...MANAGEMENT],
  /**
   * People (names, dates of birth, NHS numbers, addresses, contact details): finding or creating
   * them by external ids, reading and correcting a record. Casework roles and managers, each record
   * scoped by area (the area it was recorded in, or of a workflow that names the person).
   */
  resolvePeople: [...CASEWORK, ...MANAGEMENT],
  readPeople: [...CASEWORK, ...MANAGEMENT],
  correctPeople: [...CASEWORK, ...MANAGEMENT],
  /** Erasing a person's record: a data-protection decision, for managers (not duty managers, who answer for deadlines). */
  erasePeople: [Role.Manager],
  /** Chairs: their record, the areas they chair and cover arrangements. */
  manageChairs: MANAGEMENT,
  /** A chair's absences: business support keeps the chairs' diaries. */
  recordChairAbsences: [Role.Coordinator, ...MANAGEMENT],
  /** Who chairs an area on a date, a chair's free slots, bookings in a chair's diary. */
  scheduleChairs: [Role.Coordinator, Role.Chair, ...MANAGEMENT],
  /** A conference's distribution: reading it and its lists. */
  readDistributions: [Role.Coordinator, Role.Chair, ...MANAGEMENT],
  /** Its documents and versions, reports, printed packs, resending, corrections asked for on a recipient's behalf. */
  administerDistributions: [Role.Coordinator, Role.Chair, ...MANAGEMENT],
  /** The chair's own: the list approved, someone added, a correction answered (the machine checks it is the conference's chair). */
  approveDistributions: [Role.Chair],
  /** A pack sent in error revoked: its link stops and a data-protection incident is recorded. */
  revokeDistributionPacks: [Role.Coordinator, Role.Chair, ...MANAGEMENT],
  /** The data-protection incidents, for managers and the auditors (the data protection officer). */
  readDataProtectionIncidents: [Role.Manager, Role.Auditor],
  /** The access log (GET /audit). */
  readAccessLog: [Role.Auditor],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof POLICY;
