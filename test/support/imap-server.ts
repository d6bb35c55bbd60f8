import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { freePort } from './redis-server';

const DOVECOT = '/usr/sbin/dovecot';

/** The uid and gid of a system user, from /etc/passwd (Debian's dovecot package creates `dovecot`). */
function systemUser(name: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`no ${name} user: run scripts/install-imap-server.sh`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * A real IMAP server for a suite of its own: Debian's dovecot (scripts/install-imap-server.sh) as
 * a child process in the foreground (`-F`), with a configuration in a temporary folder: a random
 * free port on 127.0.0.1, plaintext login (no TLS on the test machine), one passwd-file user, a
 * Maildir in the same folder. It can be stopped (a mail server that is down) and started again on
 * the same port with the same mail.
 */
export class ImapServerProcess {
  readonly user = 'bounces';
  readonly password = randomBytes(12).toString('hex');
  private child?: ChildProcess;
  private output = '';

  private constructor(
    readonly port: number,
    readonly dir: string,
  ) {}

  static async start(): Promise<ImapServerProcess> {
    const dir = mkdtempSync(join(tmpdir(), 'imap-'));
    const server = new ImapServerProcess(await freePort(), dir);
    server.configure();
    await server.start();
    return server;
  }

  /** What the service's settings say of this mailbox. */
  get settings(): Record<string, string> {
    return {
      DELIVERY_REPORTS_IMAP_HOST: '127.0.0.1',
      DELIVERY_REPORTS_IMAP_PORT: String(this.port),
      DELIVERY_REPORTS_IMAP_SECURE: 'false',
      DELIVERY_REPORTS_IMAP_USER: this.user,
      DELIVERY_REPORTS_IMAP_PASSWORD: this.password,
    };
  }

  get access(): { port: number; user: string; password: string } {
    return { port: this.port, user: this.user, password: this.password };
  }

  private configure(): void {
    const root = process.getuid?.() === 0;
    // Dovecot runs its login processes as a user that is not root, and mail as a user it may use:
    // as root, Debian's own `dovenull` and `dovecot`; otherwise the user running the tests.
    const me = userInfo();
    const mail = root ? systemUser('dovecot') : { uid: me.uid, gid: me.gid };
    const internal = root ? 'dovecot' : me.username;
    const login = root ? 'dovenull' : me.username;
    const d = this.dir;
    mkdirSync(join(d, 'run'));
    mkdirSync(join(d, 'state'));
    mkdirSync(join(d, 'mail'));
    if (root) {
      chownSync(join(d, 'mail'), mail.uid, mail.gid);
      // The mail user must reach its Maildir inside the folder (mkdtemp makes it 0700).
      chmodSync(d, 0o711);
    }
    writeFileSync(join(d, 'passwd'), `${this.user}:{PLAIN}${this.password}\n`, { mode: 0o644 });
    writeFileSync(
      join(d, 'dovecot.conf'),
      `protocols = imap
listen = 127.0.0.1
base_dir = ${d}/run
state_dir = ${d}/state
instance_name = test-imap-${this.port}
log_path = ${d}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${d}/mail/%u
first_valid_uid = 1
default_internal_user = ${internal}
default_login_user = ${login}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${d}/passwd
}
userdb {
  driver = static
  args = uid=${mail.uid} gid=${mail.gid} home=${d}/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${this.port}
  }
  inet_listener imaps {
    port = 0
  }
}
service stats {
  inet_listener http {
    port = 0
  }
}
namespace inbox {
  inbox = yes
  separator = /
}
`,
    );
  }

  /** Starts dovecot and resolves once it greets on its port. */
  async start(): Promise<void> {
    // A process group of its own: stopping it ends every dovecot process, open sessions included.
    const child = spawn(DOVECOT, ['-F', '-c', join(this.dir, 'dovecot.conf')], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    for (let i = 0; i < 200; i++) {
      if (child.exitCode !== null) throw new Error(`dovecot exited with ${child.exitCode}: ${this.output}`);
      if (await this.greets()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`dovecot on port ${this.port} did not start: ${this.output}`);
  }

  /**
   * Stops dovecot outright, as a server that goes down: every one of its processes (open sessions
   * too) is killed, and connections are refused until start() again.
   */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
    await exited;
    this.child = undefined;
  }

  /** Stops it and removes its folder (mail and all). */
  async remove(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** A client logged in to the mailbox, for a test to look or append; logged out after `use`. */
  async with<T>(use: (client: ImapFlow) => Promise<T>): Promise<T> {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: this.port,
      secure: false,
      auth: { user: this.user, pass: this.password },
      logger: false,
    });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await use(client);
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  /** Appends a raw message to a folder (INBOX by default), as a delivery agent would. */
  async append(raw: string, folder = 'INBOX'): Promise<void> {
    await this.with((client) => client.append(folder, raw));
  }

  /** How many messages a folder holds (0 for a folder that does not exist yet). */
  async count(folder: string): Promise<number> {
    return this.with(async (client) => {
      const status = await client.status(folder, { messages: true }).catch(() => false as const);
      return status ? (status.messages ?? 0) : 0;
    });
  }

  /** Resolves once the server answers its greeting on the port. */
  private greets(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = connect(this.port, '127.0.0.1');
      const done = (ok: boolean) => {
        socket.destroy();
        resolve(ok);
      };
      socket.setTimeout(1000, () => done(false));
      socket.once('error', () => done(false));
      socket.once('data', (chunk: Buffer) => done(chunk.toString().startsWith('* OK')));
    });
  }
}
