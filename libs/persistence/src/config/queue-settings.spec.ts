import { ConfigError, loadConfig } from './app-config';

const PRODUCTION = {
  NODE_ENV: 'production',
  AUTH_JWKS_URL: 'https://idp.example/keys',
  AUTH_ISSUER: 'https://idp.example',
};

describe('loadConfig: the queue backend and the database a deployment names', () => {
  it('takes QUEUE_BACKEND as given', () => {
    expect(loadConfig({ QUEUE_BACKEND: 'postgres' }).queueBackend).toBe('postgres');
    expect(loadConfig({ QUEUE_BACKEND: 'redis' }).queueBackend).toBe('redis');
    expect(loadConfig({ QUEUE_BACKEND: 'postgres', REDIS_URL: 'redis://cache:6379' }).queueBackend).toBe(
      'postgres',
    );
  });

  it('uses Redis when REDIS_URL is given, and leaves the choice to start-up when nothing is', () => {
    expect(loadConfig({ REDIS_URL: 'redis://cache:6379' }).queueBackend).toBe('redis');
    expect(loadConfig({}).queueBackend).toBe('auto');
  });

  it('decides from settings alone in production, so every process of a deployment agrees', () => {
    const db = { DATABASE_URL: 'postgres://cpw@db.example/cp_workflows' };
    expect(loadConfig({ ...PRODUCTION, ...db }).queueBackend).toBe('postgres');
    expect(loadConfig({ ...PRODUCTION, ...db, REDIS_URL: 'redis://cache:6379' }).queueBackend).toBe('redis');
  });

  it('refuses an unknown backend or a schema name that is not a plain identifier', () => {
    expect(() => loadConfig({ QUEUE_BACKEND: 'kafka' })).toThrow(ConfigError);
    expect(() => loadConfig({ QUEUE_SCHEMA: 'bull"; DROP SCHEMA public; --' })).toThrow(/queueSchema/);
  });

  it('records which service addresses were left to their defaults', () => {
    expect(loadConfig({}).defaulted).toEqual({ databaseUrl: true, redisUrl: true });
    expect(loadConfig({ DATABASE_URL: 'postgres://db/x', REDIS_URL: 'redis://r' }).defaulted).toEqual({
      databaseUrl: false,
      redisUrl: false,
    });
  });

  it.each([
    ['missing', {}],
    ['empty', { DATABASE_URL: '' }],
    ['blank', { DATABASE_URL: '  ' }],
  ])('stops production when DATABASE_URL is %s, saying so', (_, env) => {
    expect(() => loadConfig({ ...PRODUCTION, ...env })).toThrow(
      /databaseUrl \(production needs DATABASE_URL set to the service's PostgreSQL database/,
    );
  });
});
