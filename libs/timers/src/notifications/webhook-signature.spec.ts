import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook } from './webhook-signature';

const secret = 'a-secret-of-at-least-thirty-two-characters';
const body = JSON.stringify({ id: 'delivery-1', reference: 'ASV-2026-000123' });

describe('webhook signatures', () => {
  it('is HMAC-SHA256 of "timestamp.body" in hex, as documented for subscribers', () => {
    const expected = createHmac('sha256', secret).update(`1795424400.${body}`).digest('hex');
    expect(signWebhook(secret, 1795424400, body)).toBe(`sha256=${expected}`);
  });

  it('verifies its own signature within the tolerance', () => {
    const signature = signWebhook(secret, 1000, body);
    expect(verifyWebhook(secret, { signature, timestamp: '1000' }, body, 1100)).toBe(true);
  });

  it.each([
    ['another body', { body: body.replace('123', '124') }],
    ['another secret', { secret: 'another-secret-of-thirty-two-characters!' }],
    ['another timestamp', { timestamp: '1001' }],
    ['a stale timestamp', { now: 1000 + 301 }],
    ['no signature', { signature: '' }],
    ['a timestamp that is not a number', { timestamp: 'soon' }],
  ])(
    'rejects %s',
    (
      _name,
      change: { body?: string; secret?: string; timestamp?: string; now?: number; signature?: string },
    ) => {
      const signature = change.signature ?? signWebhook(secret, 1000, body);
      expect(
        verifyWebhook(
          change.secret ?? secret,
          { signature, timestamp: change.timestamp ?? '1000' },
          change.body ?? body,
          change.now ?? 1000,
        ),
      ).toBe(false);
    },
  );
});
