import { Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@app/persistence';
import { DeliveryRecorder } from './delivery-recorder';
import { DutyRotaStore } from './duty-rota.store';
import { EmailDeliveryHandler } from './email-delivery.handler';
import { EscalationEffectHandler } from './escalation.handler';
import { Mailer } from './mailer';
import { NotificationPlanner } from './notification-planner';
import { NotificationQueries } from './notification-queries';
import { NotifyEffectHandler } from './notify.handler';
import { WebhookDeliveryHandler } from './webhook-delivery.handler';

/** The effect handlers OutboxModule registers with the dispatcher (EFFECT_HANDLERS). */
export const NOTIFICATION_EFFECT_HANDLERS = [
  EscalationEffectHandler,
  NotifyEffectHandler,
  EmailDeliveryHandler,
  WebhookDeliveryHandler,
] as const;

/**
 * Who gets told and how: teams and the duty rota, the effect handlers that turn escalations and a
 * machine's `notify` effects into notifications, and the three channels (inbox, email, webhooks).
 */
@Module({
  providers: [
    DutyRotaStore,
    NotificationQueries,
    NotificationPlanner,
    DeliveryRecorder,
    Mailer,
    ...NOTIFICATION_EFFECT_HANDLERS,
  ],
  exports: [DutyRotaStore, NotificationQueries, Mailer, ...NOTIFICATION_EFFECT_HANDLERS],
})
export class NotificationsModule implements OnApplicationBootstrap {
  private readonly logger = new Logger(NotificationsModule.name);

  constructor(private readonly config: AppConfig) {}

  onApplicationBootstrap(): void {
    if (this.config.processRole !== 'api' && this.config.smtpHost === '') {
      this.logger.warn(
        'SMTP_HOST is not set: notifications go to the in-app inbox and webhooks only, not by email',
      );
    }
  }
}
