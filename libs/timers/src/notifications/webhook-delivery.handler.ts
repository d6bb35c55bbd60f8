import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@app/workflows';
import { AppConfig, webhookSubscribers, WebhookSubscriber } from '@app/persistence';
import { EffectFailure, EffectHandler, OutboxEffect } from '../outbox/effect-handler';
import { DeliveryRecorder } from './delivery-recorder';
import { webhookBodyFor } from './notification-content';
import { NOTIFICATION_EFFECTS } from './recipients';
import { signWebhook, WEBHOOK_HEADERS } from './webhook-signature';

/**
 * 'notification.webhook': POSTs one delivery to its subscriber as JSON, signed (webhook-signature.ts)
 * with the Idempotency-Key the delivery's id, so a subscriber acts on a redelivery once. Any 2xx
 * is delivered; anything else, a timeout or a redirect is a failed attempt.
 */
@Injectable()
export class WebhookDeliveryHandler implements EffectHandler {
  readonly effectTypes = [NOTIFICATION_EFFECTS.webhook] as const;
  private readonly subscribers: Map<string, WebhookSubscriber>;

  constructor(
    private readonly deliveries: DeliveryRecorder,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.subscribers = new Map(webhookSubscribers(config).map((s) => [s.name, s]));
  }

  async handle(effect: OutboxEffect): Promise<void> {
    const delivery = await this.deliveries.load(effect, 'webhook');
    if (delivery.status === 'delivered') return;
    const startedAt = this.clock.now();
    const failure = await this.post(delivery.target, delivery.id, delivery.message);
    if (failure) {
      await this.deliveries.failed(delivery, effect.attempt, startedAt, failure);
      throw new EffectFailure(failure);
    }
    await this.deliveries.delivered(delivery, effect.attempt, startedAt);
  }

  /** Undefined when delivered, else why not (no personal data: a status or an error class). */
  private async post(
    target: string,
    deliveryId: string,
    message: Parameters<typeof webhookBodyFor>[0],
  ): Promise<string | undefined> {
    const subscriber = this.subscribers.get(target);
    if (!subscriber) return 'webhook subscriber is no longer configured';
    const body = JSON.stringify(webhookBodyFor(message, deliveryId, this.config.publicBaseUrl));
    const timestamp = Math.floor(this.clock.now().getTime() / 1000);
    try {
      const response = await fetch(subscriber.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'cp-workflows-notifications',
          [WEBHOOK_HEADERS.idempotencyKey]: deliveryId,
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: signWebhook(subscriber.secret, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.httpTimeoutMs),
      });
      await response.body?.cancel();
      return response.ok ? undefined : `webhook answered ${response.status}`;
    } catch (error) {
      return `webhook not delivered: ${(error as Error)?.name ?? 'Error'}`;
    }
  }
}
