import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How a notification webhook is signed, for subscribers to check: HMAC-SHA256 with the
 * subscriber's secret over `${timestamp}.${body}`, where timestamp is the X-CPW-Timestamp header
 * (Unix seconds) and body the raw request body; sent as `X-CPW-Signature: sha256=<hex>`. A
 * subscriber rejects a timestamp far from its own clock (replays) and performs each
 * Idempotency-Key once (redeliveries).
 */
export const WEBHOOK_HEADERS = {
  signature: 'x-cpw-signature',
  timestamp: 'x-cpw-timestamp',
  idempotencyKey: 'idempotency-key',
} as const;

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Constant-time check of a signature header, with a tolerance on the timestamp. */
export function verifyWebhook(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(timestamp)) return false;
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
