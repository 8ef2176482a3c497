import type { Logger } from 'pino';
import type { Config } from '../config';
import { TenantCredentials } from '../cloud/graphCredentials';
import { createGraphClients, type GraphClients } from '../cloud/graphClientFactory';
import { GraphRequester } from '../cloud/graphRequester';
import { CachedServiceHealthSource } from './healthCache';
import { GraphServiceHealthClient } from './serviceHealthClient';
import { CachedMessageCenterSource } from './messageCenterCache';
import { GraphMessageCenterClient } from './messageCenterClient';

/** Graph access shared by health checks and agent role checks. */
export interface HealthServices {
  clients: GraphClients;
  requester: GraphRequester;
  health: CachedServiceHealthSource;
  messageCenter: CachedMessageCenterSource;
}

/**
 * Builds the Graph clients (one credential per customer tenant from AZURE_CLIENT_ID + secret or
 * certificate; no auth against the local sandbox) and the cached, single-flight health source.
 */
export function createHealthServices(config: Config, graphBaseUrl: string, logger: Logger): HealthServices {
  const { clientId, clientSecret, certificatePath, authorityHost } = config.azure;
  const credentials = clientId ? new TenantCredentials({ clientId, clientSecret, certificatePath, authorityHost }) : undefined;
  const clients = createGraphClients({ baseUrl: graphBaseUrl, credentialFor: credentials ? (tenantId) => credentials.get(tenantId) : undefined });
  const options = { clients, logger, timeoutMs: config.health.requestTimeoutMs };
  return {
    clients,
    requester: new GraphRequester(options),
    health: new CachedServiceHealthSource(new GraphServiceHealthClient(options), { ttlMs: config.health.cacheTtlMs }),
    messageCenter: new CachedMessageCenterSource(new GraphMessageCenterClient(options)),
  };
}
