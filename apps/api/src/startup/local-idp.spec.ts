import { wantsLocalIdp } from './local-idp';

describe('wantsLocalIdp', () => {
  const development = {
    nodeEnv: 'development',
    localIdp: true,
    localIdpPort: 3900,
    oidcIssuerUrl: '',
    processRole: 'all',
  } as const;

  it('starts the local provider in development when no identity provider is configured', () => {
    expect(wantsLocalIdp(development)).toBe(true);
    expect(wantsLocalIdp({ ...development, nodeEnv: 'test', processRole: 'api' })).toBe(true);
  });

  it('never in production, nor beside a configured issuer, nor when turned off, nor for a worker', () => {
    expect(wantsLocalIdp({ ...development, nodeEnv: 'production' })).toBe(false);
    expect(wantsLocalIdp({ ...development, oidcIssuerUrl: 'https://login.microsoftonline.com/t/v2.0' })).toBe(
      false,
    );
    expect(wantsLocalIdp({ ...development, localIdp: false })).toBe(false);
    expect(wantsLocalIdp({ ...development, processRole: 'worker' })).toBe(false);
  });
});
