import { ConfigError, loadConfig } from './app-config';

// Production names its database (and its identity provider): the console's checks come after those.
const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://cp@db.example:5432/cp_workflows',
  AUTH_JWKS_URL: 'https://login.example/keys',
  AUTH_ISSUER: 'https://login.example',
};
const CONSOLE = {
  OIDC_ISSUER_URL: 'https://login.microsoftonline.com/tenant/v2.0',
  OIDC_CLIENT_SECRET: 'a-client-secret',
  SESSION_SECRET: 'x'.repeat(32),
};

describe('console settings', () => {
  it('default to no sign-in, with a session of eight hours', () => {
    expect(loadConfig({})).toMatchObject({ oidcIssuerUrl: '', oidcClientId: 'cp-workflows-console', oidcScopes: 'openid profile', sessionTtlMinutes: 480 });
  });

  it('start in production with an https issuer, a client secret and a long session secret', () => {
    expect(loadConfig({ ...PRODUCTION, ...CONSOLE }).oidcIssuerUrl).toBe(CONSOLE.OIDC_ISSUER_URL);
  });

  it.each([
    ['a short session secret', { SESSION_SECRET: 'short' }, 'sessionSecret'],
    ['an http issuer', { OIDC_ISSUER_URL: 'http://127.0.0.1:3900' }, 'oidcIssuerUrl'],
    ['no client secret', { OIDC_CLIENT_SECRET: '' }, 'oidcClientSecret'],
  ])('refuse production with %s', (_, override, key) => {
    expect(() => loadConfig({ ...PRODUCTION, ...CONSOLE, ...override })).toThrow(ConfigError);
    try {
      loadConfig({ ...PRODUCTION, ...CONSOLE, ...override });
    } catch (error) {
      expect((error as ConfigError).invalidKeys).toEqual([key]);
    }
  });

  it('refuse scopes without openid and a session shorter than five minutes', () => {
    expect(() => loadConfig({ OIDC_SCOPES: 'profile' })).toThrow(ConfigError);
    expect(() => loadConfig({ SESSION_TTL_MINUTES: '1' })).toThrow(ConfigError);
  });
});
