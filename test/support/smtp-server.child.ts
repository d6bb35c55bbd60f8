// A real SMTP server in a process of its own (the `smtp-server` package), for the notification
// suites: it accepts every message on 127.0.0.1:<port> and prints each as one JSON line on stdout.
// Prints "READY" once listening. No TLS, no authentication: a relay on the test machine only.
// Like a real relay it refuses some recipients: an address at `rejected.invalid` for good (550),
// one at `deferred.invalid` for now (451).
import { SMTPServer } from 'smtp-server';

const port = Number(process.argv[2]);

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onRcptTo(address, _session, callback) {
    const domain = address.address.slice(address.address.lastIndexOf('@') + 1).toLowerCase();
    if (domain === 'rejected.invalid') return callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
    if (domain === 'deferred.invalid') return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
    return callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const message = {
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
        to: session.envelope.rcptTo.map((r) => r.address),
        raw: Buffer.concat(chunks).toString('utf8'),
      };
      process.stdout.write(`MESSAGE ${JSON.stringify(message)}\n`);
      callback();
    });
  },
});

server.listen(port, '127.0.0.1', () => process.stdout.write('READY\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
