/* global process, URL */
// A real OpenID Connect provider (the `oidc-provider` package) on loopback, for development and the
// console's tests: one user per role (local-users.json), signed in on its trivial login page with
// the user's name and any password. It plays the council's identity provider (Entra ID): the
// console is a confidential client using the authorization code flow with PKCE, and the ID token
// carries `roles`, `area` and `covering_areas` as Entra ID's app roles and optional claims would.
//
//   node scripts/local-idp/local-provider.mjs <port> <console redirect URI>
//
// `npm start` starts it by itself outside production (apps/api/src/startup/local-idp.ts).
//
// Prints "READY <issuer>" once listening. Plain ESM run by node itself (oidc-provider is ESM-only).
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const port = Number(process.argv[2] ?? 3900);
const redirectUri = process.argv[3] ?? 'http://localhost:3000/console/callback';
const issuer = `http://127.0.0.1:${port}`;
const users = JSON.parse(readFileSync(new URL('./local-users.json', import.meta.url), 'utf8'));
const CLAIMS = ['roles', 'area', 'covering_areas'];

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_CLIENT_ID ?? 'cp-workflows-console',
      client_secret: process.env.OIDC_CLIENT_SECRET ?? 'local-provider-secret-for-development-only',
      redirect_uris: [redirectUri],
      post_logout_redirect_uris: [redirectUri.replace(/\/callback$/, '/signed-out')],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  pkce: { required: () => true },
  // The roles and areas go into the ID token itself, as Entra ID puts app roles there.
  conformIdTokenClaims: false,
  claims: { openid: ['sub', ...CLAIMS] },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['local-provider-cookie-key-for-development-only'] },
  async findAccount(_ctx, id) {
    const user = users[id];
    if (!user) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...user }) };
  },
  // A first-party client: no consent screen, the grant covers openid and the role claims.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile');
    grant.addOIDCClaims(['sub', ...CLAIMS]);
    await grant.save();
    return grant;
  },
});
// The development login accepts any name: refuse the ones that are not users, with their list.
provider.on('server_error', (_ctx, error) => process.stderr.write(`local-provider: ${error.message}\n`));

const server = provider.listen(port, '127.0.0.1', () => process.stdout.write(`READY ${issuer}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
// Started by the service (apps/api/src/startup/local-idp.ts): gone when it is, however it ends.
if (process.env.LOCAL_IDP_EXIT_WITH_PARENT === 'true') {
  process.stdin.on('close', () => process.exit(0));
  process.stdin.resume();
}
