// A real SMTP server in a process of its own (the `smtp-server` package), for the notification
// suites: it accepts every message on 127.0.0.1:<port> and prints each as one JSON line on stdout.
// Prints "READY" once listening. No TLS, no authentication: a relay on the test machine only.
import { SMTPServer } from 'smtp-server';

const port = Number(process.argv[2]);

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
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
