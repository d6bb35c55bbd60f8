// `npm run token -- --role <role> [--role <role>…] [--area <area>] [--covering <a,b>] [--sub <id>] [--hours <n>]`
// prints a bearer token signed by the development key (made under .local/dev-keys on first use),
// with the issuer, audience and claim names the service reads from the same settings.
import { parseArgs } from 'node:util';
import { loadConfig } from '@app/persistence';
import { ALL_ROLES, isRole, Role } from '../apps/api/src/auth/role';
import { loadOrCreateDevKeyPair, signToken } from '../apps/api/src/auth/dev-tokens';

const USAGE = `usage: npm run token -- --role <${ALL_ROLES.join('|')}> [--role …] [--area <area>] [--covering <area,area>] [--sub <id>] [--hours <1-24>]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      area: { type: 'string' },
      covering: { type: 'string' },
      sub: { type: 'string' },
      hours: { type: 'string', default: '8' },
    },
    strict: true,
  });
  const roles = (values.role ?? []).flatMap((r) => r.split(','));
  const unknown = roles.filter((r) => !isRole(r));
  const hours = Number(values.hours);
  if (roles.length === 0 || unknown.length > 0 || !Number.isInteger(hours) || hours < 1 || hours > 24) {
    throw new Error(unknown.length > 0 ? `unknown role ${unknown.join(', ')}\n${USAGE}` : USAGE);
  }
  const config = loadConfig();
  if (config.nodeEnv === 'production') throw new Error('development tokens are not for production');
  const { privateKey } = loadOrCreateDevKeyPair(config.authDevKeyDir);
  const token = await signToken(
    privateKey,
    {
      sub: values.sub ?? `dev-${roles[0]}`,
      roles: roles as Role[],
      area: values.area,
      coveringAreas: values.covering?.split(',').filter((a) => a.length > 0),
    },
    {
      issuer: config.authIssuer,
      audience: config.authAudience,
      claimNames: {
        roles: config.authRolesClaim,
        area: config.authAreaClaim,
        coveringAreas: config.authCoveringAreasClaim,
      },
      now: new Date(),
      expiresInSeconds: hours * 3600,
    },
  );
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`token: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
