import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from './redis-server';

/** One message as the SMTP server received it, with its headers unfolded and its text decoded. */
export interface ReceivedEmail {
  from: string | null;
  to: string[];
  headers: Record<string, string>;
  subject: string;
  text: string;
  raw: string;
}

/** Undoes quoted-printable (nodemailer uses it for long lines), for assertions on the text. */
function decodeQuotedPrintable(body: string): string {
  return Buffer.from(
    body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');
}

export function parseEmail(message: { from: string | null; to: string[]; raw: string }): ReceivedEmail {
  const split = message.raw.indexOf('\r\n\r\n');
  const head = message.raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = message.raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const text = /quoted-printable/i.test(headers['content-transfer-encoding'] ?? '')
    ? decodeQuotedPrintable(body)
    : /base64/i.test(headers['content-transfer-encoding'] ?? '')
      ? Buffer.from(body, 'base64').toString('utf8')
      : body;
  return {
    from: message.from,
    to: message.to,
    headers,
    subject: headers.subject ?? '',
    text: text.replace(/\r\n/g, '\n'),
    raw: message.raw,
  };
}

/** The IMAP mailbox a relay that offers DSN appends its delivery reports to (test/support/imap-server.ts). */
export interface BounceMailboxAccess {
  port: number;
  user: string;
  password: string;
}

/**
 * A real SMTP server process (test/support/smtp-server.child.ts) on a port of the suite's own. It
 * can be stopped (a relay that is down) and started again on the same port. Given a bounce
 * mailbox, it offers DSN and appends a delivery report there for each message that asks for one
 * (`reports` holds each as appended).
 */
export class SmtpServerProcess {
  readonly received: ReceivedEmail[] = [];
  /** The delivery reports appended to the bounce mailbox, raw, in order. */
  readonly reports: string[] = [];
  private child?: ChildProcess;
  private waiters: (() => void)[] = [];

  private constructor(
    readonly port: number,
    private readonly bounce?: BounceMailboxAccess,
  ) {}

  static async start(options: { bounceMailbox?: BounceMailboxAccess } = {}): Promise<SmtpServerProcess> {
    const server = new SmtpServerProcess(await freePort(), options.bounceMailbox);
    await server.start();
    return server;
  }

  async start(): Promise<void> {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', resolve(__dirname, 'smtp-server.child.ts'), String(this.port)],
      {
        cwd: resolve(__dirname, '../..'),
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...(this.bounce ? { BOUNCE_IMAP: JSON.stringify(this.bounce) } : {}) },
      },
    );
    this.child = child;
    let stderr = '';
    let pending = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((ready, reject) => {
      const timer = setTimeout(() => reject(new Error(`smtp server did not start: ${stderr}`)), 30000);
      child.stdout?.on('data', (chunk: Buffer) => {
        pending += chunk.toString();
        let newline: number;
        while ((newline = pending.indexOf('\n')) >= 0) {
          const line = pending.slice(0, newline);
          pending = pending.slice(newline + 1);
          if (line === 'READY') {
            clearTimeout(timer);
            ready();
          } else if (line.startsWith('MESSAGE ')) {
            this.received.push(parseEmail(JSON.parse(line.slice('MESSAGE '.length))));
            this.waiters.splice(0).forEach((wake) => wake());
          } else if (line.startsWith('REPORT ')) {
            this.reports.push(Buffer.from(line.slice('REPORT '.length), 'base64').toString('utf8'));
            this.waiters.splice(0).forEach((wake) => wake());
          }
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`smtp server exited with ${code}: ${stderr}`));
      });
    });
    child.removeAllListeners('exit');
  }

  /** Stops the server outright: connections are refused until start() again. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((exited) => {
      child.once('exit', () => exited());
      child.kill('SIGKILL');
    });
    this.child = undefined;
  }

  /** Messages to one address. */
  to(address: string): ReceivedEmail[] {
    return this.received.filter((m) => m.to.includes(address));
  }

  /**
   * Resolves once `count` messages have arrived. A message is printed by the child after the
   * server has accepted it, a moment after the sender's SMTP session ends: this waits for that
   * line, not for time.
   */
  async waitFor(count: number, timeoutMs = 10000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline)
        throw new Error(`expected ${count} messages, received ${this.received.length}`);
      await new Promise<void>((wake) => {
        this.waiters.push(wake);
        setTimeout(wake, 200);
      });
    }
  }

  /** Resolves once `count` delivery reports have been appended to the bounce mailbox. */
  async waitForReports(count: number, timeoutMs = 10000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.reports.length < count) {
      if (Date.now() > deadline)
        throw new Error(`expected ${count} reports, appended ${this.reports.length}`);
      await new Promise<void>((wake) => {
        this.waiters.push(wake);
        setTimeout(wake, 200);
      });
    }
  }
}
