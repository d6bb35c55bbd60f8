import { ConfigError, loadConfig, webhookSubscribers } from './app-config';

const SECRET = 'k'.repeat(40);

describe('notification settings', () => {
  it('turns email off and lists no webhook subscribers by default', () => {
    const config = loadConfig({});
    expect(config.smtpHost).toBe('');
    expect(config.smtpPort).toBe(587);
    expect(config.smtpSecure).toBe(false);
    expect(webhookSubscribers(config)).toEqual([]);
  });

  it('reads SMTP settings and pairs each webhook endpoint with its secret', () => {
    const config = loadConfig({
      SMTP_HOST: 'smtp.council.example',
      SMTP_PORT: '465',
      SMTP_SECURE: 'true',
      SMTP_USER: 'cp-workflows',
      SMTP_PASSWORD: 'relay-password',
      SMTP_FROM: 'cp-workflows@council.example',
      WEBHOOK_ENDPOINTS:
        'case-system=https://mosaic.council.example/hooks/cp, teams=https://teams.example/in',
      WEBHOOK_SECRETS: `teams=${SECRET}b,case-system=${SECRET}a`,
    });
    expect(config).toMatchObject({ smtpHost: 'smtp.council.example', smtpPort: 465, smtpSecure: true });
    expect(webhookSubscribers(config)).toEqual([
      { name: 'case-system', url: 'https://mosaic.council.example/hooks/cp', secret: `${SECRET}a` },
      { name: 'teams', url: 'https://teams.example/in', secret: `${SECRET}b` },
    ]);
  });

  it.each([
    ['an endpoint without a secret', { WEBHOOK_ENDPOINTS: 'a=https://a.example' }],
    ['a secret without an endpoint', { WEBHOOK_SECRETS: `a=${SECRET}` }],
    [
      'a subscriber named twice',
      { WEBHOOK_ENDPOINTS: 'a=https://a.example,a=https://b.example', WEBHOOK_SECRETS: `a=${SECRET}` },
    ],
    ['a short secret', { WEBHOOK_ENDPOINTS: 'a=https://a.example', WEBHOOK_SECRETS: 'a=short' }],
    [
      'an endpoint that is not http(s)',
      { WEBHOOK_ENDPOINTS: 'a=ftp://a.example', WEBHOOK_SECRETS: `a=${SECRET}` },
    ],
    ['an SMTP user without a password', { SMTP_USER: 'cp-workflows' }],
    ['a from address that is not one', { SMTP_FROM: 'cp workflows' }],
  ])('refuses %s, naming settings and never a secret', (_name, env) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).not.toContain(SECRET);
    expect((error as Error).message).not.toContain('short');
  });
});
