import type { Logger } from 'pino';
import { type AppRegistrationSettings, tenantCredentialsFor } from '../../cloud/graphCredentials';
import { AzureSupportClient } from './client';
import { armScope, crossTenantTokenSource } from '../../cloud/azureSupportTokens';

/**
 * The Azure support tickets client: tokens from the multi-tenant app (AZURE_CLIENT_ID + secret or certificate), the
 * customer tenant's as primary and the partner tenant's as auxiliary; no tokens against the local stand-in.
 */
export function createAzureSupportClient(
  config: { azure: AppRegistrationSettings; partner: { tenantId: string } },
  resourceManagerUrl: string,
  logger: Logger,
): AzureSupportClient {
  const credentials = tenantCredentialsFor(config.azure);
  return new AzureSupportClient({
    baseUrl: resourceManagerUrl, logger, partnerTenantId: config.partner.tenantId,
    ...(credentials ? { tokens: crossTenantTokenSource((tenantId) => credentials.get(tenantId), config.partner.tenantId, armScope(resourceManagerUrl)) } : {}),
  });
}
