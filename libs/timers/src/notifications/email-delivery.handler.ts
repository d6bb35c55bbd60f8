import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@app/workflows';
import { AppConfig } from '@app/persistence';
import { EffectFailure, EffectHandler, OutboxEffect } from '../outbox/effect-handler';
import { DeliveryRecorder } from './delivery-recorder';
import { describeSmtpError, Mailer } from './mailer';
import { emailFor } from './notification-content';
import { NOTIFICATION_EFFECTS } from './recipients';

/** 'notification.email': sends one delivery's email over SMTP and records the attempt. */
@Injectable()
export class EmailDeliveryHandler implements EffectHandler {
  readonly effectTypes = [NOTIFICATION_EFFECTS.email] as const;

  constructor(
    private readonly deliveries: DeliveryRecorder,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(effect: OutboxEffect): Promise<void> {
    const delivery = await this.deliveries.load(effect, 'email');
    // Sent, and the outbox row was not marked done before a crash: do not send it twice.
    if (delivery.status === 'delivered') return;
    const startedAt = this.clock.now();
    try {
      if (!this.mailer.enabled) throw Object.assign(new Error('email is off'), { code: 'SMTP_HOST_NOT_SET' });
      const { subject, text } = emailFor(delivery.message, this.config.publicBaseUrl);
      await this.mailer.send({
        to: delivery.target,
        subject,
        text,
        messageId: `<${delivery.id}@cp-workflows>`,
        date: startedAt,
      });
    } catch (error) {
      const reason = describeSmtpError(error);
      await this.deliveries.failed(delivery, effect.attempt, startedAt, reason);
      throw new EffectFailure(reason);
    }
    await this.deliveries.delivered(delivery, effect.attempt, startedAt);
  }
}
