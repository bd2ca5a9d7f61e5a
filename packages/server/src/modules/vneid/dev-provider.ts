// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the declaration travels with this file into every project that compiles it (e2e, scripts, bench)
/// <reference path="../../types/oidc-memory-adapter.d.ts" />
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import type { Kysely } from 'kysely';
import Provider, { type Configuration } from 'oidc-provider';
import { createMemoryAdapter } from 'oidc-provider/lib/adapters/memory_adapter.js';
import { isLanguage, type Language } from '@vssid/domain/i18n';
import type { Database } from '../../db/schema';
import type { Translator } from '../../i18n';
import { findRegistryPerson } from './repository';

/** Where the stand-in provider is mounted in the server (development and demo mode only). */
export const DEV_VNEID_PATH = '/dev/vneid';
/** The one password of every person at the stand-in provider; shown on its sign-in page. */
export const DEV_VNEID_PASSWORD = 'vneid-demo';
const DEV_VNEID_CLIENT_ID = 'vssid-dev';

interface DevVneid {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Node handler for requests under DEV_VNEID_PATH (the URL still carries the prefix). */
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

async function readForm(req: IncomingMessage, limit = 8192): Promise<URLSearchParams> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new Error('form too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * A stand-in for VNeID (the national electronic identity) for laptops, demos and tests: an
 * OpenID Provider (oidc-provider, certified) whose people are the population registry
 * (`population_registry`: CCCD and name), with a plain sign-in page (CCCD + the demo password).
 * `sub` is the CCCD; the `cccd` claim carries it too. It keeps its state (sessions, codes) in
 * memory and makes new signing keys at each start: one node, nothing to keep. Never mounted in
 * production (see app.ts and config.ts).
 */
export async function createDevVneid(options: {
  publicUrl: string;
  db: Kysely<Database>;
  translator: Translator;
}): Promise<DevVneid> {
  const base = options.publicUrl.replace(/\/+$/, '');
  const issuer = `${base}${DEV_VNEID_PATH}`;
  const clientSecret = randomBytes(24).toString('base64url');
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = {
    ...(await exportJWK(privateKey)),
    kid: `dev-${randomBytes(4).toString('hex')}`,
    use: 'sig',
    alg: 'RS256',
  };
  const { db, translator } = options;

  const configuration: Configuration = {
    // Chosen, not defaulted: the stand-in runs in one process of a laptop or demo, and its
    // interactions, sessions and codes may be lost at a restart (the person signs in again).
    // oidc-provider warns at start when it falls back to this adapter by itself.
    adapter: createMemoryAdapter(),
    clients: [
      {
        client_id: DEV_VNEID_CLIENT_ID,
        client_secret: clientSecret,
        redirect_uris: [`${base}/api/v1/auth/vneid/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub', 'cccd'], profile: ['name', 'birthdate', 'gender'] },
    // The ID token carries the claims of the granted scopes (the relying party reads it only).
    conformIdTokenClaims: false,
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: false } },
    ttl: {
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      AuthorizationCode: 60,
      AccessToken: 300,
      IdToken: 300,
    },
    interactions: { url: (_ctx, interaction) => `${DEV_VNEID_PATH}/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const person = await findRegistryPerson(db, sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          cccd: person.cccd,
          name: person.full_name,
          gender: person.gender,
          ...(person.birth_date ? { birthdate: person.birth_date.slice(0, 10) } : {}),
        }),
      };
    },
    // The stand-in's one client is this system: its grant is implied (no consent screen).
    async loadExistingGrant(ctx) {
      const oidc = ctx.oidc;
      if (!oidc.client || !oidc.session?.accountId) return undefined;
      const grantId = oidc.session.grantIdFor(oidc.client.clientId);
      if (grantId) {
        const found = await oidc.provider.Grant.find(grantId);
        if (found) return found;
      }
      const grant = new oidc.provider.Grant({
        clientId: oidc.client.clientId,
        accountId: oidc.session.accountId,
      });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = `<!doctype html><meta charset="utf-8"><title>VNeID</title><p>${escape(
        out.error_description ?? out.error,
      )}</p>`;
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  const languageOf = (params: { ui_locales?: unknown }): Language => {
    const first = typeof params.ui_locales === 'string' ? params.ui_locales.split(' ')[0] : undefined;
    return first && isLanguage(first) ? first : 'vi';
  };

  function loginPage(res: ServerResponse, uid: string, language: Language, error: string | null, cccd = '') {
    const t = (key: string) => escape(translator.t(language, `messages:vneid.devLogin.${key}`));
    const html = `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('title')}</title>
<style>
body{font-family:system-ui,sans-serif;background:#f4f6f9;margin:0;display:flex;justify-content:center}
main{background:#fff;max-width:26rem;width:100%;margin:2rem 1rem;padding:1.5rem;border-radius:12px;box-shadow:0 1px 4px #0002}
h1{color:#b3261e;font-size:1.4rem;margin:0 0 .25rem} p{color:#333;line-height:1.4}
label{display:block;margin:1rem 0 .25rem;font-weight:600} input{width:100%;box-sizing:border-box;padding:.7rem;font-size:1rem;border:1px solid #888;border-radius:8px}
button{margin-top:1.25rem;width:100%;padding:.8rem;font-size:1rem;background:#b3261e;color:#fff;border:0;border-radius:8px}
.error{color:#8c1d18;background:#fdecea;padding:.6rem;border-radius:8px} .hint{font-size:.9rem;color:#555}
</style></head><body><main>
<h1>${t('title')}</h1><p>${t('intro')}</p>
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="${DEV_VNEID_PATH}/interaction/${escape(uid)}/login">
<label for="cccd">${t('cccd')}</label>
<input id="cccd" name="cccd" inputmode="numeric" autocomplete="username" pattern="[0-9]{12}" maxlength="12" required value="${escape(cccd)}">
<label for="password">${t('password')}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">${t('submit')}</button>
</form>
<p class="hint">${t('hint')} <code>${DEV_VNEID_PASSWORD}</code></p>
</main></body></html>`;
    res.statusCode = error ? 400 : 200;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.setHeader(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    res.end(html);
  }

  async function interaction(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    const match = /^\/interaction\/([A-Za-z0-9_-]{1,64})(\/login)?$/.exec(path);
    if (!match) return false;
    const uid = match[1] ?? '';
    const details = await provider.interactionDetails(req, res).catch(() => null);
    if (!details || details.uid !== uid) {
      res.statusCode = 400;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('interaction expired');
      return true;
    }
    const language = languageOf(details.params);
    if (!match[2] && req.method === 'GET') {
      loginPage(res, uid, language, null);
      return true;
    }
    if (match[2] && req.method === 'POST') {
      const form = await readForm(req);
      const cccd = (form.get('cccd') ?? '').trim();
      const known = /^\d{12}$/.test(cccd) && (await findRegistryPerson(db, cccd));
      if (!known || form.get('password') !== DEV_VNEID_PASSWORD) {
        loginPage(res, uid, language, translator.t(language, 'messages:vneid.devLogin.wrong'), cccd);
        return true;
      }
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: cccd, amr: ['pwd'] } },
        { mergeWithLastSubmission: false },
      );
      return true;
    }
    return false;
  }

  return {
    issuer,
    clientId: DEV_VNEID_CLIENT_ID,
    clientSecret,
    async handle(req, res) {
      const url = req.url ?? '/';
      const rest = url.slice(DEV_VNEID_PATH.length) || '/';
      const path = rest.split('?')[0] ?? '/';
      try {
        if (await interaction(req, res, path)) return;
        // oidc-provider finds its mount path from originalUrl minus url (as under Express).
        (req as IncomingMessage & { originalUrl?: string }).originalUrl = url;
        req.url = rest.startsWith('/') ? rest : `/${rest}`;
        await callback(req, res);
      } catch {
        if (!res.headersSent) {
          res.statusCode = 500;
          res.setHeader('content-type', 'text/plain; charset=utf-8');
        }
        res.end('error');
      }
    },
  };
}
