// A real SMTP server in a process of its own (the `smtp-server` package), for the notification
// suites: it accepts every message on 127.0.0.1:<port> and prints each as one JSON line on stdout.
// Prints "READY" once listening. No TLS, no authentication: a relay on the test machine only.
// Like a real relay it refuses some recipients: an address at `rejected.invalid` for good (550),
// one at `deferred.invalid` for now (451).
//
// Given a bounce mailbox (BOUNCE_IMAP: {"port","user","password"} of an IMAP server on 127.0.0.1),
// it also acts as a relay that offers DSN (RFC 3461): a message whose recipient asked for
// notifications gets an RFC 3464 report, appended to that mailbox over IMAP (imapflow APPEND),
// as the relay's own mail to the envelope sender would arrive there: `delivered` (2.0.0) for an
// ordinary domain, `failed` (5.1.1) for an address at `bounces.invalid`, which it accepts at RCPT
// and fails later, as a remote relay does. Like some relays, it drops the envelope id from the
// report of a message to an address at `no-envid.invalid` (the report still returns the
// original's headers). Its reports date the outcome (Last-Attempt-Date) 30 seconds after the
// message's own Date header, as a relay whose clock keeps step with the service's injected one.
// Each report is printed as "REPORT <base64>" once appended. Without BOUNCE_IMAP it offers no
// DSN, as before.
import { randomBytes } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

const port = Number(process.argv[2]);
const bounce = process.env.BOUNCE_IMAP
  ? (JSON.parse(process.env.BOUNCE_IMAP) as { port: number; user: string; password: string })
  : null;

interface DsnRecipient {
  address: string;
  dsn?: { notify?: string[]; orcpt?: string };
}

/** The relay's report on one message (multipart/report; report-type=delivery-status), or null when none was asked. */
function report(session: SMTPServerSession, headers: string): string | null {
  const envelope = session.envelope as typeof session.envelope & {
    dsn?: { ret: string | null; envid: string | null };
  };
  const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
  if (!envelope.dsn || from === '') return null;
  const blocks: string[] = [];
  let failed = false;
  let dropsEnvelopeId = false;
  const sentAt = Date.parse(/^Date: (.+)$/im.exec(headers)?.[1] ?? '');
  const attemptedAt = new Date((Number.isNaN(sentAt) ? Date.now() : sentAt) + 30_000).toUTCString();
  for (const rcpt of session.envelope.rcptTo as DsnRecipient[]) {
    const domain = rcpt.address.slice(rcpt.address.lastIndexOf('@') + 1).toLowerCase();
    const fails = domain === 'bounces.invalid';
    const notify = rcpt.dsn?.notify ?? [];
    if (!notify.includes(fails ? 'FAILURE' : 'SUCCESS')) continue;
    failed ||= fails;
    dropsEnvelopeId ||= domain === 'no-envid.invalid';
    blocks.push(
      [
        `Final-Recipient: rfc822; ${rcpt.address}`,
        ...(rcpt.dsn?.orcpt ? [`Original-Recipient: ${rcpt.dsn.orcpt}`] : []),
        `Action: ${fails ? 'failed' : 'delivered'}`,
        `Status: ${fails ? '5.1.1' : '2.0.0'}`,
        `Last-Attempt-Date: ${attemptedAt}`,
        ...(fails
          ? [
              'Remote-MTA: dns; mx.bounces.invalid',
              `Diagnostic-Code: smtp; 550 5.1.1 <${rcpt.address}>: Recipient address rejected:`,
              '    User unknown in virtual mailbox table',
            ]
          : []),
      ].join('\r\n'),
    );
  }
  if (blocks.length === 0) return null;
  const boundary = `dsn-${randomBytes(8).toString('hex')}`;
  const perMessage = [
    'Reporting-MTA: dns; relay.test',
    ...(envelope.dsn.envid && !dropsEnvelopeId ? [`Original-Envelope-Id: ${envelope.dsn.envid}`] : []),
    `Arrival-Date: ${new Date().toUTCString()}`,
  ].join('\r\n');
  return [
    'From: Mail Delivery System <MAILER-DAEMON@relay.test>',
    `To: <${from}>`,
    `Subject: Delivery Status Notification (${failed ? 'Failure' : 'Success'})`,
    `Message-ID: <${randomBytes(12).toString('hex')}@relay.test>`,
    `Date: ${new Date().toUTCString()}`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    failed ? 'Your message could not be delivered to one or more recipients.' : 'Your message was delivered.',
    '',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    perMessage,
    '',
    blocks.join('\r\n\r\n'),
    '',
    `--${boundary}`,
    `Content-Type: ${envelope.dsn.ret === 'FULL' ? 'message/rfc822' : 'text/rfc822-headers'}`,
    '',
    headers,
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/** Appends a report to the bounce mailbox's INBOX; one connection per report, as a delivery agent does. */
async function deliver(raw: string): Promise<void> {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: bounce!.port,
    secure: false,
    auth: { user: bounce!.user, pass: bounce!.password },
    logger: false,
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.append('INBOX', raw);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Reports wait here while the mailbox is away, and are appended in order once it answers. */
const outgoing: string[] = [];
let delivering = false;
async function flush(): Promise<void> {
  if (delivering) return;
  delivering = true;
  try {
    while (outgoing.length > 0) {
      try {
        await deliver(outgoing[0]!);
      } catch {
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      process.stdout.write(`REPORT ${Buffer.from(outgoing.shift()!).toString('base64')}\n`);
    }
  } finally {
    delivering = false;
  }
}

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  hideDSN: bounce === null,
  onRcptTo(address, _session, callback) {
    const domain = address.address.slice(address.address.lastIndexOf('@') + 1).toLowerCase();
    if (domain === 'rejected.invalid')
      return callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
    if (domain === 'deferred.invalid')
      return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
    return callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const message = {
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
        to: session.envelope.rcptTo.map((r) => r.address),
        raw,
      };
      process.stdout.write(`MESSAGE ${JSON.stringify(message)}\n`);
      const dsn = bounce ? report(session, raw.slice(0, raw.indexOf('\r\n\r\n') + 2)) : null;
      callback();
      if (dsn) {
        outgoing.push(dsn);
        void flush();
      }
    });
  },
});

server.listen(port, '127.0.0.1', () => process.stdout.write('READY\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
