import type { ENGINE_EFFECTS } from '../../engine';

/**
 * What a decided conference asks the engine to do, exactly once after commit: start a workflow
 * (a plan per child, the household's next review conference, the distribution) or signal one (a
 * review's outcome to each plan). The engine scopes the start key to the conference's id.
 */
export interface WorkflowStartEffect<I extends object = object> {
  type: typeof ENGINE_EFFECTS.workflowStart;
  workflowType: string;
  input: I;
  startKey: string;
}

export interface WorkflowSignalEffect {
  type: typeof ENGINE_EFFECTS.workflowSignal;
  target: { id: string };
  event: { type: string; [key: string]: unknown };
}

export type OutcomeEffect = WorkflowStartEffect | WorkflowSignalEffect;
