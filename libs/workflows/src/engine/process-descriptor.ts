import type { EscalationLadder } from '../rules/escalation-ladder.types';
import type { WorkflowDefinition } from './workflow-definition';

/**
 * Everything the service needs to know about one process, in one place: its machine versions,
 * who may see and act on it, its domain API, the notification templates its machine declares and
 * the escalation ladders of its clocks. Adding a process adds its folder and one line in
 * `PROCESSES`; every layer reads what it needs from here.
 */
export interface ProcessDescriptor {
  /** Stable id of the process, e.g. 'asv-referral'; every definition in `definitions` has it. */
  type: string;
  /** Every machine version still in use, oldest first; new instances take the newest. */
  definitions: readonly WorkflowDefinition[];
  /** The access log's record type for this process's workflows, for reads and writes alike. */
  recordType: string;
  /**
   * Roles (the values the identity provider puts in the roles claim) that may read the process's
   * workflows, and that may act on them through its domain API. The API checks the names.
   */
  access: { read: readonly string[]; act: readonly string[] };
  /** The path of its domain API: the generic workflow API neither starts nor moves it. */
  domainApi?: string;
  /** The templates the machine declares in its `notify` effects, with the title people read. */
  notificationTemplates: Readonly<Record<string, string>>;
  /** The default escalation ladders of the process's clocks, by ladder name (settings override). */
  ladders: Readonly<Record<string, EscalationLadder>>;
}
