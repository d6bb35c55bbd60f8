import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DEADLINE_STEP, DeadlineStepKind, isIsoDate } from '@app/workflows';
import { EffectFailure, EffectHandler, OutboxEffect } from '../outbox/effect-handler';
import { DEADLINE_TEMPLATES, DeadlineFacts } from './notification-content';
import { NotificationPlanner } from './notification-planner';
import { isRecipientKind, NOTIFICATION_EFFECTS, RecipientKind } from './recipients';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STEPS = new Set<string>(Object.values(DEADLINE_STEP));

/** The DeadlineStepPayload fields of a 'deadline.escalate' effect, checked; undefined when any is wrong. */
export function parseEscalation(
  payload: Record<string, unknown>,
): { deadline: DeadlineFacts; notify: RecipientKind[] } | undefined {
  const { deadlineId, kind, step, occurrence, dueDate, dueAt, notify } = payload;
  if (typeof deadlineId !== 'string' || !UUID.test(deadlineId)) return undefined;
  if (typeof kind !== 'string' || !/^[a-z][a-z0-9-]{0,62}$/.test(kind)) return undefined;
  if (typeof step !== 'string' || !STEPS.has(step)) return undefined;
  if (typeof occurrence !== 'number' || !Number.isInteger(occurrence) || occurrence < 0) return undefined;
  if (!isIsoDate(dueDate) || typeof dueAt !== 'string' || Number.isNaN(Date.parse(dueAt))) return undefined;
  if (!Array.isArray(notify) || !notify.every(isRecipientKind)) return undefined;
  return {
    deadline: {
      id: deadlineId,
      kind,
      step: step as DeadlineStepKind,
      occurrence,
      dueDate,
      dueAt: new Date(dueAt).toISOString(),
    },
    notify,
  };
}

/**
 * 'deadline.escalate': a ladder step fired and the machine left it to the engine. Tells each
 * recipient kind the step names, unless the deadline was met or cancelled since (meeting a
 * deadline ends its escalation).
 */
@Injectable()
export class EscalationEffectHandler implements EffectHandler {
  readonly effectTypes = [NOTIFICATION_EFFECTS.escalate] as const;
  private readonly logger = new Logger(EscalationEffectHandler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly planner: NotificationPlanner,
  ) {}

  async handle(effect: OutboxEffect): Promise<void> {
    const escalation = parseEscalation(effect.payload);
    if (!escalation) throw new EffectFailure(`${effect.type} payload is not a deadline step`);
    const [deadline] = (await this.dataSource.query(
      `SELECT status FROM workflow_deadline WHERE id = $1 AND workflow_id = $2`,
      [escalation.deadline.id, effect.workflowId],
    )) as { status: string }[];
    if (!deadline) throw new EffectFailure(`${effect.type} names a deadline this workflow does not have`);
    if (deadline.status !== 'open') {
      this.logger.debug(
        { outboxId: effect.id, deadlineId: escalation.deadline.id },
        'Deadline closed since the step fired; nobody told',
      );
      return;
    }
    const outcome = await this.planner.plan(effect, {
      template: DEADLINE_TEMPLATES[escalation.deadline.step],
      recipients: escalation.notify,
      deadline: escalation.deadline,
    });
    this.logger.log({ outboxId: effect.id, workflowId: effect.workflowId, ...outcome }, 'Escalation planned');
  }
}
