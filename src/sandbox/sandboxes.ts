import type { Logger } from 'pino';
import { startAzureSupportSandbox } from './azureSupportSandbox';
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

/**
 * Starts them; `azureSubscriptions` (subscription id → customer tenant) seeds the ARM stand-in, `customers` the
 * Partner Center customer list.
 */
export async function startSandboxes(logger: Logger, azureSubscriptions: Record<string, string>, customers: PcCustomer[] = []): Promise<Sandboxes> {
  const graph = await startGraphSandbox({ requireAuth: false, seed: loadGraphSandboxSeed(), host: '127.0.0.1', port: 0 });
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
