// A real OpenID provider (npm oidc-provider) for kui's single sign-on tests.
// Started by tests/oidc/conftest.py on a free loopback port; never used outside tests.
//
// Environment: PORT, KUI_OIDC_CLIENTS (JSON list of {client_id, client_secret, redirect_uris}).
// Test controls (loopback only, on this throwaway server):
//   POST /test/next-login {accountId, acr, amr}  who the next interaction signs in, and how
//   POST /test/tamper {kind}                      rewrite the next token response's id_token:
//        "signature" (signed by another key), "issuer", "audience", "nonce" (re-signed properly)
import crypto from 'node:crypto';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const clients = JSON.parse(process.env.KUI_OIDC_CLIENTS || '[]').map((c) => ({
  response_types: ['code'],
  grant_types: ['authorization_code'],
  token_endpoint_auth_method: 'client_secret_post',
  ...c,
}));

const KID = 'kui-test-key';
const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const { privateKey: otherKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' };

let nextLogin = { accountId: 'nobody', acr: undefined, amr: undefined };
let tamper = null;

const provider = new Provider(issuer, {
  clients,
  jwks: { keys: [jwk] },
  pkce: { required: () => true },
  claims: {
    acr: null,
    amr: null,
    auth_time: null,
    sid: null,
    iss: null,
    openid: ['sub', 'acr', 'amr', 'auth_time'],
    email: ['email', 'email_verified'],
    profile: ['preferred_username', 'name', 'given_name', 'family_name'],
  },
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, preferred_username: id, email: id.includes('@') ? id : undefined, email_verified: true };
      },
    };
  },
  async renderError(ctx, out) {
    ctx.type = 'json';
    ctx.body = out;
  },
});

function b64url(input) {
  return Buffer.from(input).toString('base64url');
}

function resign(idToken, changes, key) {
  const [header, payload] = idToken.split('.');
  const claims = { ...JSON.parse(Buffer.from(payload, 'base64url')), ...changes };
  const signingInput = `${header}.${b64url(JSON.stringify(claims))}`;
  const signature = crypto.sign('sha256', Buffer.from(signingInput), key);
  return `${signingInput}.${signature.toString('base64url')}`;
}

async function readJson(req) {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  return raw ? JSON.parse(raw) : {};
}

provider.use(async (ctx, next) => {
  if (ctx.method === 'POST' && ctx.path === '/test/next-login') {
    nextLogin = await readJson(ctx.req);
    ctx.body = { ok: true };
    return;
  }
  if (ctx.method === 'POST' && ctx.path === '/test/tamper') {
    tamper = (await readJson(ctx.req)).kind;
    ctx.body = { ok: true };
    return;
  }
  if (ctx.method === 'GET' && ctx.path.startsWith('/interaction/')) {
    // No login form: the interaction is finished at once as the account the test chose.
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    let result;
    if (details.prompt.name === 'login') {
      result = { login: { accountId: nextLogin.accountId, acr: nextLogin.acr, amr: nextLogin.amr } };
    } else {
      const grant = new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
      grant.addOIDCScope(details.params.scope);
      result = { consent: { grantId: await grant.save() } };
    }
    await provider.interactionFinished(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
    ctx.respond = false;
    return;
  }
  await next();
  if (ctx.path === '/token' && tamper && ctx.body && ctx.body.id_token) {
    const kinds = {
      signature: [{}, otherKey],
      issuer: [{ iss: 'http://127.0.0.1:9/not-the-provider' }, privateKey],
      audience: [{ aud: 'another-client' }, privateKey],
      nonce: [{ nonce: 'a-nonce-from-another-login' }, privateKey],
    };
    const [changes, key] = kinds[tamper];
    ctx.body = { ...ctx.body, id_token: resign(ctx.body.id_token, changes, key) };
    tamper = null;
  }
});

provider.listen(port, '127.0.0.1', () => {
  console.log(`ready ${issuer}`);
});
// Bounded in time: a forgotten server ends by itself.
setTimeout(() => process.exit(0), Number(process.env.KUI_OIDC_LIFETIME_SECONDS || 1800) * 1000).unref();
