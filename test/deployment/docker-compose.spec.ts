import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { AppConfig, loadConfig } from '@app/persistence';

// test/fixtures/compose-spec.json is the Compose Specification's JSON schema (schema/compose-spec.json
// of github.com/compose-spec/compose-spec at commit 170098ba07d9f53c383a41bfd4c5166b0a4529a6,
// Apache License 2.0), vendored so this test needs no network and no Docker. Debian 12's
// docker-compose 1.29 rejects keys the current specification has, so it is no judge.
const root = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

type Env = Record<string, string>;

/** Compose's interpolation: ${VAR}, ${VAR:-default} (unset or empty), ${VAR-default} (unset), nested. */
function interpolate(text: string, env: Env): string {
  const innermost = /\$\{([A-Z0-9_]+)(?:(:?-)([^${}]*))?\}/g;
  let out = text;
  for (let previous = ''; previous !== out;) {
    previous = out;
    out = out.replace(innermost, (_, name: string, op: string | undefined, fallback: string | undefined) => {
      const value = env[name];
      if (op === ':-') return value === undefined || value === '' ? (fallback ?? '') : value;
      if (op === '-') return value === undefined ? (fallback ?? '') : value;
      return value ?? '';
    });
  }
  return out;
}

interface Service {
  image?: string;
  command?: string[];
  environment?: Env;
  volumes?: string[];
  healthcheck?: { test: string[] };
  restart?: string;
  depends_on?: Record<string, { condition: string }>;
}
/** Compose interpolates the parsed document's strings, so `KEY: ${VAR:-}` is an empty string, not null. */
function interpolated(node: unknown, env: Env): unknown {
  if (typeof node === 'string') return interpolate(node, env);
  if (Array.isArray(node)) return node.map((item) => interpolated(item, env));
  if (node !== null && typeof node === 'object')
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, interpolated(value, env)]));
  return node;
}
const compose = (env: Env = {}) =>
  interpolated(parse(read('docker-compose.yml')), env) as { services: Record<string, Service> };

/** The settings .env.example lists, each `# NAME=value` line as if uncommented. */
const exampleEnv = (): Env =>
  Object.fromEntries(
    [...read('.env.example').matchAll(/^# ([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1]!, m[2]!.trim()]),
  );

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification', () => {
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    // Its $schema names draft 07 by an https address Ajv does not list; Ajv's default is draft 07.
    const { $schema: _draft07, ...schema } = JSON.parse(read('test/fixtures/compose-spec.json'));
    const validate = ajv.compile(schema);
    const document = parse(read('docker-compose.yml'));
    expect(validate(document) ? [] : validate.errors).toEqual([]);
    // The schema is a real judge: a misspelt key or a wrong type fails it.
    expect(validate({ services: { api: { image: 'x', restart_policy: 'always' } } })).toBe(false);
    expect(
      validate({ services: { api: { image: 'x', depends_on: { db: { condition: 'service_ready' } } } } }),
    ).toBe(false);
  });

  it('keeps PostgreSQL on a volume and Redis with AOF and noeviction, each health-checked and restarted', () => {
    const { services } = compose();
    expect(Object.keys(services).sort()).toEqual(['api', 'postgres', 'redis']);
    expect(services.postgres!.volumes).toEqual(['pgdata:/var/lib/postgresql/data']);
    const redis = services.redis!.command!.join(' ');
    expect(redis).toContain('--appendonly yes');
    expect(redis).toContain('--maxmemory-policy noeviction');
    expect(services.redis!.volumes).toEqual(['redisdata:/data']);
    for (const [name, service] of Object.entries(services)) {
      expect([name, service.healthcheck?.test[0]]).toEqual([name, 'CMD']);
      expect([name, service.restart]).toEqual([name, 'unless-stopped']);
    }
    expect(services.api!.depends_on).toEqual({
      postgres: expect.objectContaining({ condition: 'service_healthy' }),
      redis: expect.objectContaining({ condition: 'service_healthy' }),
    });
  });

  it('starts the API as shipped: development mode, the development token key, a real PostgreSQL and Redis', () => {
    const api = compose().services.api!.environment!;
    const config = loadConfig(api);
    expect(config.nodeEnv).toBe('development');
    expect(config.authJwksUrl).toBe('');
    expect(config.authDevKeyDir).toBe('/app/.local/dev-keys');
    expect(config.databaseUrl).toBe('postgres://postgres:cpw-local-only@postgres:5432/cp_workflows');
    expect(config.defaulted.databaseUrl).toBe(false); // never embedded in a container
    expect(config.queueBackend).toBe('redis');
    expect(config.redisUrl).toBe('redis://redis:6379');
  });

  it('starts in production mode with the settings .env.example lists, and not without them', () => {
    const env = exampleEnv();
    expect(env.NODE_ENV).toBe('production');
    const config = loadConfig({ ...env, ...compose(env).services.api!.environment! });
    expect(config.nodeEnv).toBe('production');
    expect(config.databaseUrl).toBe(env.DATABASE_URL);
    expect(config.authIssuer).toBe(env.AUTH_ISSUER);
    expect(() => loadConfig(compose({ NODE_ENV: 'production' }).services.api!.environment!)).toThrow(
      /authJwksUrl, authPublicKey/,
    );
  });

  it('.env.example lists only settings the service reads (and the compose PostgreSQL password)', () => {
    const defaults = new AppConfig();
    const snake = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
    const known = new Set([
      ...Object.keys(defaults).map(snake),
      ...Object.keys(defaults.statutory).map((key) => `STATUTORY_${snake(key)}`),
      'POSTGRES_PASSWORD',
    ]);
    expect(Object.keys(exampleEnv()).filter((name) => !known.has(name))).toEqual([]);
  });
});
