import type { Logger } from 'pino';
import { type AppRegistrationSettings, tenantCredentialsFor } from '../cloud/graphCredentials';
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

/** The settings the Graph access reads (a subset of the configuration). */
export interface HealthServicesSettings {
  azure: AppRegistrationSettings;
  health: { cacheTtlMs: number; requestTimeoutMs: number };
}

/**
 * Builds the Graph clients (one credential per customer tenant from AZURE_CLIENT_ID + secret or
 * certificate; no auth against the local sandbox) and the cached, single-flight health source.
 */
export function createHealthServices(config: HealthServicesSettings, graphBaseUrl: string, logger: Logger): HealthServices {
  const credentials = tenantCredentialsFor(config.azure);
  const clients = createGraphClients({ baseUrl: graphBaseUrl, credentialFor: credentials ? (tenantId) => credentials.get(tenantId) : undefined });
  const options = { clients, logger, timeoutMs: config.health.requestTimeoutMs };
  return {
    clients,
    requester: new GraphRequester(options),
    health: new CachedServiceHealthSource(new GraphServiceHealthClient(options), { ttlMs: config.health.cacheTtlMs }),
    messageCenter: new CachedMessageCenterSource(new GraphMessageCenterClient(options)),
  };
}
