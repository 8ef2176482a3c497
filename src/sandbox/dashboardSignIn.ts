/**
 * The tab's development sign-in: outside Teams there is no `getAuthToken`, so with the sandbox on the page asks
 * the bot for a token the Entra stand-in signs, for an agent of the sandbox's partner tenant.
 */
import type { Sandboxes } from './sandboxes';

/** The partner's agent of the Graph stand-in's seed (config/sandbox-health.json: Global Administrator, "Support Agents"). */
export const SANDBOX_AGENT = { aadObjectId: 'd7e3c0a1-2b4f-4e6a-8c9d-1f2e3a4b5c6d', name: 'Sandbox Agent' };

/** Issues a v2 token (whose audience is the API's app id, as Entra's v2 tokens have) to the agent `aadObjectId` (default {@link SANDBOX_AGENT}) of the partner tenant. */
export function sandboxSignIn(sandboxes: Pick<Sandboxes, 'issueUserToken'>, partnerTenantId: string, appId: string): (aadObjectId: string | undefined) => string {
  return (aadObjectId) => sandboxes.issueUserToken({
    user: {
      tenantId: partnerTenantId,
      aadObjectId: aadObjectId ?? SANDBOX_AGENT.aadObjectId,
      name: aadObjectId === undefined || aadObjectId === SANDBOX_AGENT.aadObjectId ? SANDBOX_AGENT.name : `Agent ${aadObjectId.slice(0, 8)}`,
    },
    audience: appId,
  });
}
