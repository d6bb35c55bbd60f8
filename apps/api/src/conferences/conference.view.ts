import type { TransitionResult, WorkflowDetails } from '@app/persistence';
import type { ConferenceContext } from '@app/workflows';

export interface ConferenceTransitionView {
  id: string;
  state: string;
  workflowStatus: 'active' | 'done';
  seq: number;
  allowedEvents: string[];
  replayed?: boolean;
}

export function transitionView(result: TransitionResult): ConferenceTransitionView {
  return {
    id: result.id,
    state: result.state,
    workflowStatus: result.status,
    seq: result.seq,
    allowedEvents: result.allowedEvents,
    ...(result.replayed ? { replayed: true } : {}),
  };
}

/**
 * A conference as its people see it: the workflow's facts (ids, dates, flags; no name, date of
 * birth, address or email: those are in the person store) with its deadlines. The figures the
 * clocks were computed with stay in the journal.
 */
export interface ConferenceView {
  id: string;
  reference: string | null;
  area: string | null;
  state: string;
  workflowStatus: 'active' | 'done';
  kind: ConferenceContext['kind'];
  dueDate: string;
  flags: ConferenceContext['flags'];
  conference: Omit<ConferenceContext, 'figures'>;
  deadlines: WorkflowDetails['deadlines'];
  overdue: boolean;
  /**
   * The distribution of the decisions and minutes (its id for /distributions/{id}): the workflow
   * the conference's decision started (its child with the start key `<id>/distribution`). Null
   * until then, and for a reader whose role may not read distributions.
   */
  distributionId: string | null;
  allowedEvents: string[];
  createdAt: string;
  updatedAt: string;
}

export function conferenceView(details: WorkflowDetails, distributionId: string | null = null): ConferenceView {
  const { figures: _figures, ...conference } = details.context as unknown as ConferenceContext;
  return {
    id: details.id,
    reference: details.reference,
    area: details.area,
    state: details.state,
    workflowStatus: details.status,
    kind: conference.kind,
    dueDate: conference.clocks.dueDate,
    flags: conference.flags,
    conference,
    deadlines: details.deadlines,
    overdue: details.overdue,
    distributionId,
    allowedEvents: details.allowedEvents,
    createdAt: details.createdAt,
    updatedAt: details.updatedAt,
  };
}
