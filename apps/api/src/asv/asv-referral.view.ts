import type { OpenDeadlineView, TransitionResult, WorkflowDetails } from '@app/persistence';
import {
  ASV_EVENTS,
  ASV_TRACK_EVENTS,
  type AsvEventType,
  type AsvReferralContext,
  type AsvRetention,
  type LadoResolutionBand,
  resolutionBand,
  type StatutorySettings,
} from '@app/workflows';

/** What a client may do next, as the request to make: `{ action, method, href }`. */
export interface AsvAction {
  action: string;
  method: 'POST';
  href: string;
}

/** The endpoint of /asv-referrals/:id that sends each event of the machine. */
export const ASV_ACTION_OF_EVENT = {
  [ASV_EVENTS.thresholdMet]: { action: 'screen', path: 'screening' },
  [ASV_EVENTS.redirected]: { action: 'screen', path: 'screening' },
  [ASV_EVENTS.referredToLado]: { action: 'refer-to-lado', path: 'lado-referral' },
  [ASV_EVENTS.meetingHeld]: { action: 'record-meeting', path: 'meetings' },
  [ASV_TRACK_EVENTS.police.opened]: { action: 'open-police-track', path: 'tracks/police/open' },
  [ASV_TRACK_EVENTS.police.concluded]: { action: 'conclude-police-track', path: 'tracks/police/conclude' },
  [ASV_TRACK_EVENTS.section47.opened]: { action: 'open-section47-track', path: 'tracks/section47/open' },
  [ASV_TRACK_EVENTS.section47.concluded]: {
    action: 'conclude-section47-track',
    path: 'tracks/section47/conclude',
  },
  [ASV_TRACK_EVENTS.disciplinary.opened]: {
    action: 'open-disciplinary-track',
    path: 'tracks/disciplinary/open',
  },
  [ASV_TRACK_EVENTS.disciplinary.concluded]: {
    action: 'conclude-disciplinary-track',
    path: 'tracks/disciplinary/conclude',
  },
  [ASV_EVENTS.outcomeRecorded]: { action: 'record-outcome', path: 'outcome' },
  [ASV_EVENTS.followUpRecorded]: { action: 'record-follow-up', path: 'follow-ups' },
  [ASV_EVENTS.closed]: { action: 'close', path: 'close' },
  [ASV_EVENTS.reopened]: { action: 'reopen', path: 'reopen' },
  [ASV_EVENTS.contactLogged]: { action: 'log-contact', path: 'contacts' },
} as const satisfies Record<AsvEventType, { action: string; path: string }>;

/** The actions behind a workflow's allowed events (the machine's guards may still refuse one). */
export function allowedActions(id: string, allowedEvents: string[]): AsvAction[] {
  const seen = new Map<string, AsvAction>();
  for (const event of allowedEvents) {
    const endpoint = (ASV_ACTION_OF_EVENT as Partial<Record<string, { action: string; path: string }>>)[
      event
    ];
    if (endpoint && !seen.has(endpoint.action)) {
      seen.set(endpoint.action, {
        action: endpoint.action,
        method: 'POST',
        href: `/asv-referrals/${id}/${endpoint.path}`,
      });
    }
  }
  return [...seen.values()];
}

/** The state before the first dot: 'tracks' for any combination of the parallel tracks. */
export const topLevelState = (state: string): string => state.split('.')[0]!;

/**
 * What a person means by a case's status. The engine's own status stays 'active' for a closed
 * case or a redirected contact (either can be reopened, so neither is a final state of the
 * machine): answers give it beside this one, as `workflowStatus`.
 */
export const ASV_CASE_STATUSES = ['open', 'closed', 'redirected'] as const;
export type AsvCaseStatus = (typeof ASV_CASE_STATUSES)[number];

export function caseStatus(state: string): AsvCaseStatus {
  const top = topLevelState(state);
  return top === 'closed' || top === 'redirected' ? top : 'open';
}

/** The answer to every write: where the referral stands, and what may be done next. */
export interface AsvTransitionView extends Omit<TransitionResult, 'status'> {
  status: AsvCaseStatus;
  workflowStatus: TransitionResult['status'];
  allowedActions: AsvAction[];
}

export function transitionView(result: TransitionResult): AsvTransitionView {
  const { status, ...rest } = result;
  return {
    ...rest,
    status: caseStatus(result.state),
    workflowStatus: status,
    allowedActions: allowedActions(result.id, result.allowedEvents),
  };
}

export interface AsvResolutionView {
  /** ladoResolutionTargetMonths (KCSIE Part Four: 1, 3 and 12). */
  targetMonths: number[];
  resolvedAt: string | null;
  /** The first target the case met, 'beyond' the last; null until the outcome. */
  band: LadoResolutionBand | null;
  /** Until the outcome: the target it would still meet if resolved today. */
  bandIfResolvedToday: LadoResolutionBand | null;
}

export interface AsvReferralView {
  id: string;
  reference: string;
  area: string;
  /** Top-level state: screening, awaitingLadoReferral, ladoInitialConsideration, tracks, followUps, closed, redirected. */
  state: string;
  /** The full state, with each track's own state. */
  stateDetail: string;
  /** open, closed or redirected: what a person means by the case's status. */
  status: AsvCaseStatus;
  /** The engine's status: 'active' until the machine reaches a final state (a case can be reopened). */
  workflowStatus: WorkflowDetails['status'];
  machineVersion: number;
  receivedAt: string;
  context: AsvReferralContext;
  allowedActions: AsvAction[];
  allowedEvents: string[];
  deadlines: OpenDeadlineView[];
  overdue: boolean;
  stuck: boolean;
  /** Against the LADO resolution targets, once the contact is referred to the LADO (null otherwise). */
  resolution: AsvResolutionView | null;
  /** When closed: kept until this date, and on which basis; null while open. */
  retention: AsvRetention | null;
  createdAt: string;
  updatedAt: string;
  lastTransitionAt: string;
  seq: number;
}

/** The case view: the engine's details in the domain's terms, with the resolution band and retention. */
export function asvReferralView(
  details: WorkflowDetails,
  settings: Pick<StatutorySettings, 'ladoResolutionTargetMonths'>,
  now: Date,
): AsvReferralView {
  const context = details.context as unknown as AsvReferralContext;
  const isLadoCase = context.referredAt !== null || context.outcome !== null;
  return {
    id: details.id,
    reference: context.reference,
    area: context.area,
    state: topLevelState(details.state),
    stateDetail: details.state,
    status: caseStatus(details.state),
    workflowStatus: details.status,
    machineVersion: details.machineVersion,
    receivedAt: context.receivedAt,
    context,
    allowedActions: allowedActions(details.id, details.allowedEvents),
    allowedEvents: details.allowedEvents,
    deadlines: details.deadlines,
    overdue: details.overdue,
    stuck: details.stuck,
    resolution: isLadoCase
      ? {
          targetMonths: [...settings.ladoResolutionTargetMonths].sort((a, b) => a - b),
          resolvedAt: context.resolvedAt,
          band: context.resolvedAt ? resolutionBand(context.receivedAt, context.resolvedAt, settings) : null,
          bandIfResolvedToday: context.resolvedAt
            ? null
            : resolutionBand(context.receivedAt, now.toISOString(), settings),
        }
      : null,
    retention: context.closedAt ? context.retention : null,
    createdAt: details.createdAt,
    updatedAt: details.updatedAt,
    lastTransitionAt: details.lastTransitionAt,
    seq: details.seq,
  };
}
