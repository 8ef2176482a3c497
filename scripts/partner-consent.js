#!/usr/bin/env node
'use strict';
/**
 * Secure Application Model: the one-time consent that gives the bot its Partner Center refresh token.
 *
 *   npm run -s partner-consent
 *
 * A partner admin (Admin agent, or Global admin, of the partner tenant; MFA) runs it once, and again whenever the
 * refresh token expires or is revoked. It starts a device code sign-in (OAuth 2.0 device authorization grant) at
 * AZURE_AUTHORITY_HOST for PARTNER_TENANT_ID with the Partner Center app registration (PARTNER_CENTER_CLIENT_ID,
 * and PARTNER_CENTER_CLIENT_SECRET when the app is confidential), asks for the Partner Center scope with
 * offline_access, waits for the admin to sign in in a browser, then prints the refresh token.
 *
 * Instructions go to stderr, the refresh token alone to stdout: nothing is written to disk or logged, and the
 * token can be piped straight into Key Vault:
 *
 *   npm run -s partner-consent | az keyvault secret set --vault-name <vault> --name partner-center-refresh-token --file /dev/stdin
 *
 * Settings: the environment, then .env at the repository root (variables already set win).
 */
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const PARTNER_CENTER_SCOPE = 'https://api.partnercenter.microsoft.com/user_impersonation offline_access';
const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Instructions and errors: stderr only (stdout carries the token). */
function say(text) {
  process.stderr.write(`${text}\n`);
}

/** The settings, or the list of what is missing. */
function readSettings(env) {
  const problems = [];
  const tenantId = (env.PARTNER_TENANT_ID ?? '').trim();
  const clientId = (env.PARTNER_CENTER_CLIENT_ID ?? '').trim();
  if (!GUID.test(tenantId)) problems.push('PARTNER_TENANT_ID: the partner tenant GUID');
  if (!clientId) problems.push('PARTNER_CENTER_CLIENT_ID: the Partner Center app registration (application id)');
  const authorityHost = (env.AZURE_AUTHORITY_HOST || 'https://login.microsoftonline.com').trim().replace(/\/+$/, '');
  if (!/^https:\/\//.test(authorityHost)) problems.push('AZURE_AUTHORITY_HOST: an https URL');
  const clientSecret = (env.PARTNER_CENTER_CLIENT_SECRET ?? '').trim() || undefined;
  return { problems, tenantId, clientId, clientSecret, authorityHost };
}

/** POSTs a form to an Entra v2 endpoint; resolves to status and JSON body. */
async function postForm(url, form) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
  const body = await response.json().catch(() => ({}));
  return { status: response.status, body };
}

/** The first line of an Entra error description (without trace ids), for the admin. */
function describe(body) {
  const text = typeof body.error_description === 'string' ? body.error_description.split(/ Trace ID:/)[0] : '';
  return `${body.error ?? 'error'}${text ? `: ${text}` : ''}`;
}

/** The tenant a JWT was issued in, if readable. */
function tenantOfToken(token) {
  try {
    return JSON.parse(Buffer.from(String(token).split('.')[1] ?? '', 'base64url').toString('utf8')).tid;
  } catch {
    return undefined;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the device code flow; resolves to the refresh token. Throws an Error whose message is for the admin. */
async function consent(settings) {
  const base = `${settings.authorityHost}/${encodeURIComponent(settings.tenantId)}/oauth2/v2.0`;
  const start = await postForm(`${base}/devicecode`, { client_id: settings.clientId, scope: PARTNER_CENTER_SCOPE });
  if (start.status !== 200 || typeof start.body.device_code !== 'string') throw new Error(`Entra refused to start the sign-in (${describe(start.body)}).`);
  say('');
  say(start.body.message ?? `Open ${start.body.verification_uri} and enter the code ${start.body.user_code}.`);
  say('Sign in as a partner admin (Admin agent or Global admin of the partner tenant) and accept the Partner Center permissions.');
  say('Waiting for the sign-in…');
  const form = {
    grant_type: DEVICE_CODE_GRANT, client_id: settings.clientId, device_code: start.body.device_code,
    ...(settings.clientSecret ? { client_secret: settings.clientSecret } : {}),
  };
  let intervalMs = Math.max(1, Number(start.body.interval) || 5) * 1000;
  const deadline = Date.now() + (Number(start.body.expires_in) || 900) * 1000;
  while (Date.now() < deadline) {
    await sleep(intervalMs);
    const answer = await postForm(`${base}/token`, form);
    if (answer.status === 200 && typeof answer.body.refresh_token === 'string') {
      const tid = tenantOfToken(answer.body.access_token);
      if (tid && String(tid).toLowerCase() !== settings.tenantId.toLowerCase()) {
        throw new Error(`The account that signed in belongs to tenant ${tid}, not to the partner tenant ${settings.tenantId}. Sign in with a partner admin account.`);
      }
      return answer.body.refresh_token;
    }
    if (answer.body.error === 'authorization_pending') continue;
    if (answer.body.error === 'slow_down') {
      intervalMs += 5000;
      continue;
    }
    if (answer.status === 200) throw new Error('Entra answered without a refresh token: the offline_access permission was not granted.');
    throw new Error(`The sign-in did not complete (${describe(answer.body)}).`);
  }
  throw new Error('The code expired before anyone signed in. Run npm run partner-consent again.');
}

async function main() {
  require('dotenv').config({ path: path.join(ROOT, '.env'), quiet: true });
  const settings = readSettings(process.env);
  if (settings.problems.length > 0) {
    say(`partner-consent: set these variables first (environment or .env):\n${settings.problems.map((p) => `  - ${p}`).join('\n')}`);
    return 2;
  }
  try {
    const refreshToken = await consent(settings);
    say('');
    say('Consent done. The refresh token is printed on standard output (and nowhere else).');
    say('Store it as the PARTNER_CENTER_REFRESH_TOKEN secret, e.g. in Key Vault (secret partner-center-refresh-token, read by the');
    say('App Service through a Key Vault reference), then restart the bot. Do not paste it into a shell command line or a ticket.');
    process.stdout.write(`${refreshToken}\n`);
    return 0;
  } catch (error) {
    say(`partner-consent: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

main().then((code) => { process.exitCode = code; }, (error) => {
  say(`partner-consent: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
