import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { INCIDENT_KINDS, IncidentKind, WorkflowEngine } from '@app/persistence';
import { DomainError, ENGINE_EFFECTS, ENGINE_EVENTS, SYSTEM_ACTOR } from '@app/workflows';
import { EffectFailure, EffectHandler, EffectRefused, OutboxEffect } from './effect-handler';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const WORKFLOW_TYPE = /^[a-z][a-z0-9-]{0,62}$/;
const KEY = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}$/;
const EVENT_TYPE = /^[a-z][a-z0-9.-]{0,99}$/;
const ENGINE_EVENT_TYPES = new Set<string>(Object.values(ENGINE_EVENTS));

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The engine's answer, as an incident may carry it: its code and its detail, which never hold personal data. */
function refusal(error: DomainError, kind: IncidentKind): EffectRefused {
  return new EffectRefused(`${error.code}: ${error.detail}`.slice(0, 300), kind);
}

/**
 * 'workflow.start' and 'workflow.signal': one workflow starting or telling another, after the
 * sender's commit. The engine wrote each row with its deterministic key (a start key, an event
 * id), so a redelivery is answered from the journal and changes nothing. What the engine refuses
 * (an unknown type, invalid input, a state that does not accept the event, a rule, a missing
 * target) cannot be mended by retrying: it becomes one incident on the sender.
 */
@Injectable()
export class WorkflowLinksHandler implements EffectHandler {
  readonly effectTypes = [ENGINE_EFFECTS.workflowStart, ENGINE_EFFECTS.workflowSignal] as const;

  constructor(
    private readonly engine: WorkflowEngine,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async handle(effect: OutboxEffect): Promise<void> {
    if (!effect.workflowId || effect.journalSeq === null) throw new EffectFailure(`${effect.type} has no sender`);
    if (effect.type === ENGINE_EFFECTS.workflowStart) await this.start(effect, effect.workflowId, effect.journalSeq);
    else await this.signal(effect, effect.workflowId);
  }

  private async start(effect: OutboxEffect, parentId: string, parentSeq: number): Promise<void> {
    const { workflowType, input, startKey } = effect.payload;
    if (typeof workflowType !== 'string' || !WORKFLOW_TYPE.test(workflowType) || !isObject(input)) {
      throw new EffectRefused(`${effect.type} needs a workflow type and an input object`, INCIDENT_KINDS.startRefused);
    }
    if (typeof startKey !== 'string' || !KEY.test(startKey)) {
      throw new EffectRefused(`${effect.type} has no valid start key`, INCIDENT_KINDS.startRefused);
    }
    try {
      await this.engine.start(workflowType, input, {
        actor: SYSTEM_ACTOR,
        idempotencyKey: startKey,
        parent: { id: parentId, seq: parentSeq },
      });
    } catch (error) {
      if (error instanceof DomainError) throw refusal(error, INCIDENT_KINDS.startRefused);
      throw error;
    }
  }

  private async signal(effect: OutboxEffect, senderId: string): Promise<void> {
    const { target, event, eventId } = effect.payload;
    if (!isObject(event) || typeof event.type !== 'string' || !EVENT_TYPE.test(event.type)) {
      throw new EffectRefused(`${effect.type} needs an event with a type`, INCIDENT_KINDS.signalRefused);
    }
    if (ENGINE_EVENT_TYPES.has(event.type)) {
      throw new EffectRefused(`${effect.type} may not send the engine's own '${event.type}'`, INCIDENT_KINDS.signalRefused);
    }
    if (typeof eventId !== 'string' || !KEY.test(eventId)) {
      throw new EffectRefused(`${effect.type} has no valid event id`, INCIDENT_KINDS.signalRefused);
    }
    const targetId = await this.targetOf(effect, senderId, target);
    try {
      await this.engine.send(targetId, { ...event, type: event.type }, { actor: SYSTEM_ACTOR, eventId });
    } catch (error) {
      if (error instanceof DomainError) throw refusal(error, INCIDENT_KINDS.signalRefused);
      throw error;
    }
  }

  /**
   * The target's id. One named by a start key may not exist yet because the start that makes it
   * is still in the outbox (the same transition asked for both, and they run side by side): that
   * is retried. The two are read in one statement, so a start that commits in between is never
   * taken for a missing target.
   */
  private async targetOf(effect: OutboxEffect, senderId: string, target: unknown): Promise<string> {
    if (isObject(target) && typeof target.id === 'string' && UUID.test(target.id)) return target.id;
    const { workflowType, startKey } = isObject(target) ? target : {};
    if (typeof workflowType !== 'string' || typeof startKey !== 'string') {
      throw new EffectRefused(`${effect.type} names no target`, INCIDENT_KINDS.signalRefused);
    }
    const [found] = (await this.dataSource.query(
      `SELECT (SELECT id FROM workflow_instance WHERE type = $1 AND start_key = $2) AS id,
              EXISTS (SELECT 1 FROM outbox
                       WHERE workflow_id = $3 AND effect_type = $4 AND status = 'pending'
                         AND payload ->> 'workflowType' = $1 AND payload ->> 'startKey' = $2) AS starting`,
      [workflowType, startKey, senderId, ENGINE_EFFECTS.workflowStart],
    )) as { id: string | null; starting: boolean }[];
    if (found?.id) return found.id;
    if (found?.starting) throw new EffectFailure(`${effect.type}: its target is not started yet`);
    throw new EffectRefused(`${effect.type}: no ${workflowType} was started with that key`, INCIDENT_KINDS.signalRefused);
  }
}
