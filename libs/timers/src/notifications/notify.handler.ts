import { Injectable, Logger } from '@nestjs/common';
import { EffectFailure, EffectHandler, OutboxEffect } from '../outbox/effect-handler';
import { NotificationPlanner } from './notification-planner';
import { NOTIFICATION_EFFECTS, recipientKindOf } from './recipients';

/**
 * 'notify': a machine's own notification, `{ type: 'notify', role, template, reference }` (the ASV
 * process tells the LADO of a referral this way). Goes to whoever holds that role for the
 * workflow's area that day, exactly as an escalation does.
 */
@Injectable()
export class NotifyEffectHandler implements EffectHandler {
  readonly effectTypes = [NOTIFICATION_EFFECTS.notify] as const;
  private readonly logger = new Logger(NotifyEffectHandler.name);

  constructor(private readonly planner: NotificationPlanner) {}

  async handle(effect: OutboxEffect): Promise<void> {
    const { role, template, reference } = effect.payload;
    const recipient = recipientKindOf(role);
    if (!recipient) throw new EffectFailure('notify names a role nobody is rostered for');
    if (typeof template !== 'string' || !/^[a-z][a-z0-9.-]{0,79}$/.test(template)) {
      throw new EffectFailure('notify has no valid template');
    }
    if (
      reference !== undefined &&
      (typeof reference !== 'string' || reference.length < 1 || reference.length > 100)
    ) {
      throw new EffectFailure('notify has an invalid reference');
    }
    const outcome = await this.planner.plan(effect, { template, recipients: [recipient], reference });
    this.logger.log(
      { outboxId: effect.id, workflowId: effect.workflowId, ...outcome },
      'Notification planned',
    );
  }
}
