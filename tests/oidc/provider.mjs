// A real OpenID Connect provider (the npm package oidc-provider) for the tests, on 127.0.0.1 with a free port.
//
// Configured by one JSON argument: {client_id, client_secret, redirect_uris, post_logout_redirect_uris, accounts,
// short_lived}. `accounts` maps an account id (what the login form takes as its user name) to its claims;
// `short_lived` lists accounts whose ID tokens live one second and reach the platform two seconds after they were
// issued: expired on arrival.
// Prints one line of JSON, {"issuer": ...}, once it listens; stops when its standard input closes (the test
// process ended, however it ended).
import http from 'node:http';
import { generateKeyPair, exportJWK } from 'jose';
import Provider from 'oidc-provider';

const config = JSON.parse(process.argv[2]);
const accounts = config.accounts;
const shortLived = new Set(config.short_lived || []);

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const jwk = { ...(await exportJWK(privateKey)), use: 'sig', alg: 'RS256', kid: 'test-key' };

const server = http.createServer();
await new Promise((resolve) => { server.listen(0, '127.0.0.1', resolve); });
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: config.client_id,
    client_secret: config.client_secret,
    redirect_uris: config.redirect_uris,
    post_logout_redirect_uris: config.post_logout_redirect_uris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  jwks: { keys: [jwk] },
  cookies: { keys: ['policyreach-tests-only'] },
  // the province's unified identity names a legal person's account by its 统一社会信用代码
  claims: { openid: ['sub'], profile: ['name'], credit_code: ['credit_code'] },
  conformIdTokenClaims: false, // the claims in the ID token itself, as many government providers send them
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  ttl: {
    IdToken: (ctx, token) => {
      if (!shortLived.has(token.available?.sub)) return 600;
      ctx.state.expiredOnArrival = true;
      return 1;
    },
  },
  async findAccount(_ctx, id) {
    if (!Object.hasOwn(accounts, id)) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...accounts[id] }) };
  },
  // the platform is a first-party client: no consent screen, the grant is made at the first sign-in
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile credit_code');
    await grant.save();
    return grant;
  },
});
// an ID token of a short-lived account leaves the token endpoint after it has expired (a slow network, a
// provider whose clock runs behind): the platform receives it expired
provider.use(async (ctx, next) => {
  await next();
  if (ctx.state.expiredOnArrival) await new Promise((resolve) => { setTimeout(resolve, 2100); });
});
server.on('request', provider.callback());

process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.stdin.resume();
process.stdin.on('end', () => { server.close(); process.exit(0); });
