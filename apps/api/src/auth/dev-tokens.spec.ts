import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jwtVerify } from 'jose';
import { DEV_KEY_FILE, loadOrCreateDevKeyPair, signDevToken, signToken } from './dev-tokens';
import { Role } from './role';

describe('development tokens', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cpw-dev-keys-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the key pair once and reads the same one afterwards', () => {
    const first = loadOrCreateDevKeyPair(join(dir, 'keys'));
    const again = loadOrCreateDevKeyPair(join(dir, 'keys'));
    expect(again.publicKey.equals(first.publicKey)).toBe(true);
    expect(readdirSync(join(dir, 'keys'))).toEqual([DEV_KEY_FILE]);
  });

  it('signs tokens the public half verifies, with the configured claim names', async () => {
    const keys = loadOrCreateDevKeyPair(dir);
    const token = await signToken(
      keys.privateKey,
      { sub: 'dev-chair', roles: [Role.Chair], area: 'north' },
      {
        issuer: 'iss',
        audience: 'aud',
        claimNames: { roles: 'groups', area: 'team', coveringAreas: 'cover' },
        now: new Date(),
        expiresInSeconds: 60,
      },
    );
    const { payload } = await jwtVerify(token, keys.publicKey, { issuer: 'iss', audience: 'aud' });
    expect(payload).toMatchObject({ sub: 'dev-chair', groups: ['chair'], team: 'north' });
  });

  it('signs with the settings’ key, issuer, audience and claim names, for the time given', async () => {
    const settings = {
      authDevKeyDir: dir,
      authIssuer: 'https://idp.example',
      authAudience: 'cp-workflows',
      authRolesClaim: 'groups',
      authAreaClaim: 'team',
      authCoveringAreasClaim: 'cover',
    };
    const now = new Date();
    const token = await signDevToken(
      settings,
      { sub: 'dev-coordinator', roles: [Role.Coordinator], area: 'south', coveringAreas: ['east'] },
      { now, expiresInSeconds: 120 },
    );
    const { payload } = await jwtVerify(token, loadOrCreateDevKeyPair(dir).publicKey, {
      issuer: 'https://idp.example',
      audience: 'cp-workflows',
    });
    const issuedAt = Math.floor(now.getTime() / 1000);
    expect(payload).toMatchObject({
      sub: 'dev-coordinator',
      groups: ['coordinator'],
      team: 'south',
      cover: ['east'],
      iat: issuedAt,
      exp: issuedAt + 120,
    });
  });
});
