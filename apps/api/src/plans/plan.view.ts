import type { WorkflowDetails } from '@app/persistence';
import type { PlanContext } from '@app/workflows';

/**
 * A plan as its people see it: the workflow's facts (person ids, codes, dates; no name, date of
 * birth or address: those are in the person store) with its deadlines.
 */
export interface PlanView {
  id: string;
  reference: string | null;
  area: string | null;
  state: string;
  workflowStatus: 'active' | 'done';
  plan: Omit<PlanContext, 'figures' | 'icpcInviteePersonIds'>;
  deadlines: WorkflowDetails['deadlines'];
  overdue: boolean;
  allowedEvents: string[];
  parentId: string | null;
  createdAt: string;
  updatedAt: string;
}

export function planView(details: WorkflowDetails): PlanView {
  const { figures: _f, icpcInviteePersonIds: _i, ...plan } = details.context as unknown as PlanContext;
  return {
    id: details.id,
    reference: details.reference,
    area: details.area,
    state: details.state,
    workflowStatus: details.status,
    plan,
    deadlines: details.deadlines,
    overdue: details.overdue,
    allowedEvents: details.allowedEvents,
    parentId: details.parent?.id ?? null,
    createdAt: details.createdAt,
    updatedAt: details.updatedAt,
  };
}
