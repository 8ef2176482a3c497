/** Starts the Entra and Graph stand-ins over https with the test certificate, and builds real clients against them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { startEntraSandbox, type EntraClient, type EntraSandbox } from '../../../src/sandbox/entraSandbox';
import { startGraphSandbox, type GraphSandbox } from '../../../src/sandbox/graphSandbox';
import { loadGraphSandboxSeed } from '../../../src/sandbox/graphSeed';
import { createGraphClients, type GraphClients } from '../../../src/cloud/graphClientFactory';
import { type GraphAppCredentialConfig, TenantCredentials } from '../../../src/cloud/graphCredentials';

export const FABRIKAM = '8a2f7c10-5d3e-4b6a-9c1f-2e4d6b8a0c11';
export const CONTOSO = '3c9d1e2f-4a5b-46c7-8d9e-0f1a2b3c4d5e';
export const PARTNER = '0f6c1b2a-9e8d-4c7b-a6f5-e4d3c2b1a090';

export const APP = { clientId: '6e0b7a51-2c4d-4f8e-9a1b-3c5d7e9f1a2b', clientSecret: 'sandbox-secret' };
export const APP_WITHOUT_ROLE = { clientId: 'b2c4d6e8-0a1b-4c3d-8e5f-7a9b1c3d5e7f', clientSecret: 'other-secret' };

const CERTS = join(__dirname, '..', '..', 'support', 'certs');

export const silentLogger = pino({ level: 'silent' });

export interface HealthSandboxes {
  entra: EntraSandbox;
  graph: GraphSandbox;
  /** Real Graph clients with real @azure/identity credentials against the stand-ins. */
  clients(app?: Partial<GraphAppCredentialConfig>): GraphClients;
  close(): Promise<void>;
}

/** Fails early with a clear message when the test certificate is not trusted by this process. */
export function assertTestCaTrusted(): void {
  if (!process.env.NODE_EXTRA_CA_CERTS) {
    throw new Error('Run with NODE_EXTRA_CA_CERTS=test/support/certs/cert.pem (the https stand-ins use a self-signed certificate)');
  }
}

export async function startHealthSandboxes(extraClients: EntraClient[] = []): Promise<HealthSandboxes> {
  assertTestCaTrusted();
  const https = { key: readFileSync(join(CERTS, 'key.pem')), cert: readFileSync(join(CERTS, 'cert.pem')) };
  const entra = await startEntraSandbox({
    https,
    clients: [APP, { ...APP_WITHOUT_ROLE, roles: [] }, ...extraClients],
  });
  const graph = await startGraphSandbox({ https, requireAuth: true, seed: loadGraphSandboxSeed() });
  return {
    entra,
    graph,
    clients: (app = {}) => {
      const credentials = new TenantCredentials({ ...APP, authorityHost: entra.url, ...app });
      return createGraphClients({ baseUrl: graph.url, credentialFor: (tenantId) => credentials.get(tenantId) });
    },
    close: async () => {
      await graph.close();
      await entra.close();
    },
  };
}
