import type { EventMeta } from '../../engine';
import type {
  AdjournedPayload,
  AttendanceRecordedPayload,
  DecisionRecordedPayload,
  ProceededExceptionallyPayload,
} from './conference.outcome.payloads';
import { OUTCOME_EVENTS as O } from './conference.outcome.vocabulary';

type Event<T extends string, P = object> = P & { type: T; meta: EventMeta };

/** Part 2's events, with their validated payloads and the engine's meta. */
export type OutcomeEvent =
  | Event<typeof O.attendanceRecorded, AttendanceRecordedPayload>
  | Event<typeof O.adjourned, AdjournedPayload>
  | Event<typeof O.proceededExceptionally, ProceededExceptionallyPayload>
  | Event<typeof O.decisionRecorded, DecisionRecordedPayload>;
