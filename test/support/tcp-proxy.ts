import { createServer, Server, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy in front of a server (PostgreSQL, Redis, IMAP) that a test can cut: every connection
 * through it is destroyed and new ones are refused (ECONNREFUSED) until it is restored on the
 * same port. A dependency that drops away for one suite only, without touching the shared server.
 * Given `holdWhen`, it also stops a client at one moment of its talk: the first chunk the client
 * sends that matches is not passed on, nor anything after it on that connection (`held` resolves),
 * so a test can kill the client there, before the server has seen the command.
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private holdWhen?: (chunk: Buffer) => boolean;
  private readonly frozen = new Set<Socket>();
  private markHeld!: () => void;
  /** Resolves once a client's chunk has matched `holdWhen`. */
  readonly held = new Promise<void>((resolve) => (this.markHeld = resolve));

  private constructor(
    private readonly target: { host: string; port: number },
    public port = 0,
  ) {}

  static async start(
    targetPort: number,
    targetHost = '127.0.0.1',
    options: { holdWhen?: (chunk: Buffer) => boolean } = {},
  ): Promise<TcpProxy> {
    const proxy = new TcpProxy({ host: targetHost, port: targetPort });
    proxy.holdWhen = options.holdWhen;
    await proxy.listen();
    return proxy;
  }

  /** Holds nothing more from now on (connections already held stay held). */
  stopHolding(): void {
    this.holdWhen = undefined;
  }

  /** `url` with its host and port replaced by the proxy's. */
  rewrite(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString();
  }

  /** Destroys every connection through the proxy and stops listening: connecting is refused. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listens again on the same port (nothing to do if it is not cut). */
  async restore(): Promise<void> {
    if (!this.server) await this.listen();
  }

  stop(): Promise<void> {
    return this.cut();
  }

  private listen(): Promise<void> {
    const server = createServer((client) => {
      const upstream = new Socket();
      this.sockets.add(client).add(upstream);
      const close = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
        this.frozen.delete(client);
      };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
      upstream.connect(this.target.port, this.target.host, () => {
        client.on('data', (chunk: Buffer) => {
          if (!this.frozen.has(client) && this.holdWhen?.(chunk)) {
            this.frozen.add(client);
            this.markHeld();
          }
          if (!this.frozen.has(client)) upstream.write(chunk);
        });
        upstream.pipe(client);
      });
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        this.port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  }
}
