import type { ConferenceContext } from '../conference.context';
import type { ConferenceEvent } from '../conference.events';
import {
  CONFERENCE_EVENTS as E,
  CONFERENCE_NOTIFY_ROLES as ROLES,
  CONFERENCE_TEMPLATES as T,
  SOCIAL_WORKER_REPORT,
} from '../conference.vocabulary';
import { none, notify, Update } from './step';

/** The reports expected: received, a request not to share with parents and the chair's decision, shared. */

export function receiveReport(context: ConferenceContext, event: ConferenceEvent): Update {
  if (event.type !== E.reportReceived) return none;
  const key = event.author === 'social-worker' ? SOCIAL_WORKER_REPORT : event.agencyId;
  return {
    changes: {
      reports: context.reports.map((report) =>
        report.key === key
          ? {
              ...report,
              received: {
                at: event.meta.at,
                documentId: event.documentId ?? null,
                caseManagementReference: event.caseManagementReference ?? null,
              },
            }
          : report,
      ),
    },
    effects: [],
  };
}

export function requestWithholding(context: ConferenceContext, event: ConferenceEvent): Update {
  if (event.type !== E.reportWithholdingRequested) return none;
  return {
    changes: {
      reports: context.reports.map((report) =>
        report.key === event.agencyId
          ? { ...report, withholding: { requestedAt: event.meta.at, reason: event.reason, decision: null } }
          : report,
      ),
    },
    effects: [notify(ROLES.chair, T.withholdingRequested, context.reference)],
  };
}

export function decideWithholding(context: ConferenceContext, event: ConferenceEvent): Update {
  if (event.type !== E.reportWithholdingDecided) return none;
  return {
    changes: {
      reports: context.reports.map((report) =>
        report.key === event.agencyId && report.withholding
          ? {
              ...report,
              withholding: {
                ...report.withholding,
                decision: {
                  withhold: event.withhold,
                  reason: event.reason,
                  by: event.meta.actor.sub,
                  at: event.meta.at,
                },
              },
            }
          : report,
      ),
    },
    effects: [],
  };
}

export function shareReport(context: ConferenceContext, event: ConferenceEvent): Update {
  if (event.type !== E.socialWorkerReportShared) return none;
  return {
    changes: {
      reports: context.reports.map((report) =>
        report.key === SOCIAL_WORKER_REPORT ? { ...report, sharedWithParentsOn: event.sharedOn } : report,
      ),
    },
    effects: [],
  };
}
