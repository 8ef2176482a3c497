import type { Logger } from 'pino';
import type { Config } from '../../config';
import { TenantCredentials } from '../../cloud/graphCredentials';
import { AzureSupportClient } from './client';
import { armScope, crossTenantTokenSource } from '../../cloud/azureSupportTokens';

/**
 * The Azure support tickets client: tokens from the multi-tenant app (AZURE_CLIENT_ID + secret or certificate), the
 * customer tenant's as primary and the partner tenant's as auxiliary; no tokens against the local stand-in.
 */
export function createAzureSupportClient(config: Config, resourceManagerUrl: string, logger: Logger): AzureSupportClient {
  const { clientId, clientSecret, certificatePath, authorityHost } = config.azure;
  const credentials = clientId ? new TenantCredentials({ clientId, clientSecret, certificatePath, authorityHost }) : undefined;
  return new AzureSupportClient({
    baseUrl: resourceManagerUrl, logger, partnerTenantId: config.partner.tenantId,
    ...(credentials ? { tokens: crossTenantTokenSource((tenantId) => credentials.get(tenantId), config.partner.tenantId, armScope(resourceManagerUrl)) } : {}),
  });
}
