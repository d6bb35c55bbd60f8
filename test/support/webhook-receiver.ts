import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  json: Record<string, unknown>;
  /** Whether X-CPW-Signature is HMAC-SHA256 of `${X-CPW-Timestamp}.${body}` with the subscriber's secret. */
  signatureValid: boolean;
}

/**
 * A subscriber system on a real HTTP socket: checks each request's signature independently of the
 * service's code (node:crypto only), records it, and answers 204 unless told to fail.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  failWith = 0;
  url = '';
  private server?: Server;

  constructor(private readonly secret: string) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const expected = Buffer.from(
          `sha256=${createHmac('sha256', this.secret)
            .update(`${String(req.headers['x-cpw-timestamp'])}.${body}`)
            .digest('hex')}`,
        );
        const given = Buffer.from(String(req.headers['x-cpw-signature'] ?? ''));
        this.received.push({
          headers: req.headers,
          body,
          json: JSON.parse(body) as Record<string, unknown>,
          signatureValid: expected.length === given.length && timingSafeEqual(expected, given),
        });
        res.writeHead(this.failWith || 204).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/notifications`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
