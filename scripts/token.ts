// `npm run token -- --role <role> [--role <role>…] [--area <area>] [--covering <a,b>] [--sub <id>] [--hours <n>]`
// prints a bearer token signed by the development key (made under .local/dev-keys on first use),
// with the issuer, audience and claim names the service reads from the same settings. It runs
// from the build (scripts/run-built.mjs builds only when a source is newer); `--help` prints usage.
import { parseArgs } from 'node:util';
// The configuration class alone, not the whole library (TypeORM, Nest): the token is printed at once.
import { loadConfig } from '../libs/persistence/src/config/app-config';
import { ALL_ROLES, isRole, Role } from '../apps/api/src/auth/role';
import { signDevToken } from '../apps/api/src/auth/dev-tokens';

const USAGE = `usage: npm run token -- --role <${ALL_ROLES.join('|')}> [--role …] [--area <area>] [--covering <area,area>] [--sub <id>] [--hours <1-24>]

Prints a development bearer token (refused when NODE_ENV=production), for example:
  npm run token -- --role coordinator --area north
  npm run token -- --role lado --hours 2
  npm run token -- --role chair --area south --covering north,west --sub alice

  --role      a role the token carries (repeat it, or give a comma-separated list)
  --area      the area the person works in (area-bound roles see nothing without one)
  --covering  areas the person covers for colleagues (chairs and co-ordinators)
  --sub       the subject id (default dev-<first role>)
  --hours     hours until it expires, 1-24 (default 8)
  --help      this text`;

function options() {
  try {
    return parseArgs({
      options: {
        role: { type: 'string', multiple: true },
        area: { type: 'string' },
        covering: { type: 'string' },
        sub: { type: 'string' },
        hours: { type: 'string', default: '8' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    // An unknown option or a missing value: say which, then how to call it.
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`, { cause: error });
  }
}

async function main(): Promise<void> {
  const values = options();
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const roles = (values.role ?? []).flatMap((r) => r.split(','));
  const unknown = roles.filter((r) => !isRole(r));
  const hours = Number(values.hours);
  if (roles.length === 0 || unknown.length > 0 || !Number.isInteger(hours) || hours < 1 || hours > 24) {
    throw new Error(unknown.length > 0 ? `unknown role ${unknown.join(', ')}\n${USAGE}` : USAGE);
  }
  const config = loadConfig();
  if (config.nodeEnv === 'production') throw new Error('development tokens are not for production');
  const token = await signDevToken(
    config,
    {
      sub: values.sub ?? `dev-${roles[0]}`,
      roles: roles as Role[],
      area: values.area,
      coveringAreas: values.covering?.split(',').filter((a) => a.length > 0),
    },
    { now: new Date(), expiresInSeconds: hours * 3600 },
  );
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`token: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
