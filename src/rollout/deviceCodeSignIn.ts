/**
 * Delegated sign-in of a person at a terminal: the OAuth 2.0 device authorization grant at Entra's v2 endpoints of
 * one tenant (the same flow as scripts/partner-consent.js). Used by `npm run rollout`, where a partner user holding
 * GDAP Teams Administrator for a customer signs in to that customer's tenant.
 */

const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** The sign-in did not complete; `code` is Entra's `error` (e.g. `invalid_client`, `expired_token`). */
export class SignInError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'SignInError';
  }
}

export interface DeviceCodeRequest {
  /** e.g. `https://login.microsoftonline.com` (AZURE_AUTHORITY_HOST). */
  authorityHost: string;
  tenantId: string;
  /** A public client app registration (device code flow allowed). */
  clientId: string;
  /** Space-separated scopes, e.g. `https://graph.microsoft.com/AppCatalog.ReadWrite.All`. */
  scope: string;
  /** Shows Entra's instructions (URL and code) to the person. */
  prompt: (message: string) => void;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

/** A delegated access token and when it expires (epoch ms). */
export interface SignedInToken {
  accessToken: string;
  expiresAt: number;
}

type OAuthBody = Record<string, unknown>;

async function postForm(fetcher: typeof fetch, url: string, form: Record<string, string>): Promise<{ status: number; body: OAuthBody }> {
  const response = await fetcher(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
  const body = await response.json().catch(() => ({})) as OAuthBody;
  return { status: response.status, body };
}

/** Entra's error and the first line of its description, without trace ids. */
function describe(body: OAuthBody): { code: string; text: string } {
  const code = typeof body.error === 'string' ? body.error : 'error';
  const text = typeof body.error_description === 'string' ? (body.error_description.split(/ Trace ID:/)[0] ?? '') : '';
  return { code, text: `${code}${text ? `: ${text}` : ''}` };
}

/** Runs the flow until the person signs in, the code expires or Entra refuses. Throws SignInError. */
export async function signInWithDeviceCode(request: DeviceCodeRequest): Promise<SignedInToken> {
  const fetcher = request.fetch ?? fetch;
  const sleep = request.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const base = `${request.authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(request.tenantId)}/oauth2/v2.0`;
  const start = await postForm(fetcher, `${base}/devicecode`, { client_id: request.clientId, scope: request.scope });
  if (start.status !== 200 || typeof start.body.device_code !== 'string') {
    const refused = describe(start.body);
    throw new SignInError(refused.code, `Entra refused to start the sign-in (${refused.text}).`);
  }
  request.prompt(typeof start.body.message === 'string' ? start.body.message : `Open ${String(start.body.verification_uri)} and enter the code ${String(start.body.user_code)}.`);
  const form = { grant_type: DEVICE_CODE_GRANT, client_id: request.clientId, device_code: start.body.device_code };
  let intervalMs = Math.max(1, Number(start.body.interval) || 5) * 1000;
  const deadline = Date.now() + (Number(start.body.expires_in) || 900) * 1000;
  while (Date.now() < deadline) {
    await sleep(intervalMs);
    const answer = await postForm(fetcher, `${base}/token`, form);
    if (answer.status === 200 && typeof answer.body.access_token === 'string') {
      return { accessToken: answer.body.access_token, expiresAt: Date.now() + (Number(answer.body.expires_in) || 3600) * 1000 };
    }
    if (answer.body.error === 'authorization_pending') continue;
    if (answer.body.error === 'slow_down') {
      intervalMs += 5000;
      continue;
    }
    const failed = describe(answer.body);
    throw new SignInError(failed.code, `The sign-in did not complete (${failed.text}).`);
  }
  throw new SignInError('expired_token', 'The code expired before anyone signed in.');
}
