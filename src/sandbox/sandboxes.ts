import type { Logger } from 'pino';
import { startAzureSupportSandbox } from './azureSupportSandbox';
import { delegatedAdminSeed, type SandboxDelegatedAdmin } from './graphDelegatedAdmin';
import { startEntraSandbox, type EntraSandbox } from './entraSandbox';
import { startGraphSandbox } from './graphSandbox';
import { loadGraphSandboxSeed } from './graphSeed';
import { startPartnerCenterSandbox } from './partnerCenterSandbox';
import type { PcCustomer } from './partnerCenterStore';
import { seededServiceIssue } from './resourceHealthEvents';

/** The local stand-ins the bot starts in-process when no cloud credentials are set (SANDBOX=auto|on). */
export interface Sandboxes {
  graphUrl: string;
  partnerCenterUrl: string;
  azureResourceManagerUrl: string;
  /** Entra stand-in (http) publishing the JWKS of the tab's development sign-in; no app registration. */
  entraUrl: string;
  /** Signs a Teams SSO-like access token for a user (the tab's development sign-in). */
  issueUserToken: EntraSandbox['issueUserToken'];
  close(): Promise<void>;
}

/** The sandbox's GDAP groups (config/sandbox-health.json): the first example customer's helpdesk, and the other customers'. */
export const SANDBOX_GDAP_GROUPS = { firstCustomer: 'f1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8', otherCustomers: 'a9b8c7d6-e5f4-4a3b-9c2d-1e0f9a8b7c6d' } as const;

const HELPDESK_ADMINISTRATOR = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const SERVICE_SUPPORT_ADMINISTRATOR = 'f023fd81-a637-4b56-95fd-791ac0226033';

/**
 * GDAP for `npm run dev`: an active relationship with each example customer; the first customer's helpdesk group holds
 * Helpdesk Administrator there only, so its member (user c9d8e7f6-…) serves that customer alone; another group serves the rest.
 */
export function sandboxDelegatedAdmin(customers: readonly PcCustomer[]): SandboxDelegatedAdmin {
  return delegatedAdminSeed(customers.map((customer, i) => ({
    relationshipId: `${customer.tenantId}-0f6c1b2a-9e8d-4c7b-a6f5-e4d3c2b1a090`,
    customer: { tenantId: customer.tenantId, displayName: customer.companyName },
    assignments: [i === 0
      ? { groupId: SANDBOX_GDAP_GROUPS.firstCustomer, roleIds: [HELPDESK_ADMINISTRATOR] }
      : { groupId: SANDBOX_GDAP_GROUPS.otherCustomers, roleIds: [HELPDESK_ADMINISTRATOR, SERVICE_SUPPORT_ADMINISTRATOR] }],
  })));
}

/**
 * Starts them; `azureSubscriptions` (subscription id → customer tenant) seeds the ARM stand-in, `customers` the
 * Partner Center customer list.
 */
export async function startSandboxes(logger: Logger, azureSubscriptions: Record<string, string>, customers: PcCustomer[] = []): Promise<Sandboxes> {
  const seed = loadGraphSandboxSeed();
  const partnerTenantId = Object.keys(seed.directories ?? {})[0];
  const delegatedAdmin = partnerTenantId ? { [partnerTenantId]: sandboxDelegatedAdmin(customers) } : {};
  const graph = await startGraphSandbox({ requireAuth: false, seed, delegatedAdmin, host: '127.0.0.1', port: 0 });
  const partnerCenter = await startPartnerCenterSandbox({ requireAuth: false, customers, host: '127.0.0.1', port: 0 });
  const healthEvents = Object.fromEntries(Object.keys(azureSubscriptions).slice(0, 1).map((id) => [id, [seededServiceIssue(id)]]));
  const azureSupport = await startAzureSupportSandbox({ requireAuth: false, subscriptions: azureSubscriptions, healthEvents, host: '127.0.0.1', port: 0 });
  const entra = await startEntraSandbox({ clients: [] });
  logger.info({ event: 'sandbox.started', entra: entra.url, graph: graph.url, partnerCenter: partnerCenter.url, azureSupport: azureSupport.url }, 'local sandbox endpoints started (no cloud credentials set)');
  return {
    graphUrl: graph.url,
    partnerCenterUrl: partnerCenter.url,
    azureResourceManagerUrl: azureSupport.url,
    entraUrl: entra.url,
    issueUserToken: (request) => entra.issueUserToken(request),
    close: async () => {
      await entra.close();
      await graph.close();
      await partnerCenter.close();
      await azureSupport.close();
    },
  };
}
