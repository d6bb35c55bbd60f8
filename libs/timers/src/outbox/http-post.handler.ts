import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/persistence';
import { EffectFailure, EffectHandler, OutboxEffect } from './effect-handler';

/**
 * 'webhook.post' effects: POSTs the effect's body to its URL with the outbox id as the
 * Idempotency-Key, so a receiver that sees the same delivery twice can perform it once.
 */
@Injectable()
export class HttpPostEffectHandler implements EffectHandler {
  readonly effectTypes = ['webhook.post'] as const;

  constructor(private readonly config: AppConfig) {}

  async handle(effect: OutboxEffect): Promise<void> {
    const url = effect.payload.url;
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) throw new EffectFailure('webhook.post has no http(s) url');
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': `outbox-${effect.id}`,
          'x-workflow-id': effect.workflowId ?? '',
        },
        body: JSON.stringify(effect.payload.body ?? {}),
        signal: AbortSignal.timeout(this.config.httpTimeoutMs),
      });
    } catch (error) {
      throw new EffectFailure(`webhook.post not delivered: ${(error as Error).name}`);
    }
    if (!response.ok) throw new EffectFailure(`webhook.post answered ${response.status}`);
  }
}
