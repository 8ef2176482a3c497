/**
 * Bearer tokens for Azure Resource Manager on behalf of a CSP customer: the primary token comes from the customer
 * tenant that owns the subscription, the auxiliary one (`x-ms-authorization-auxiliary`) from the partner tenant,
 * both for the same multi-tenant app (AZURE_CLIENT_ID). The local stand-in runs without tokens.
 */
import type { TokenCredential } from '@azure/identity';
import { TokenAcquisitionError } from './graphCredentials';

/** Gives the authorization headers of a call made in a tenant's name. */
export interface AzureSupportTokenSource {
  headersFor(tenantId: string): Promise<Record<string, string>>;
}

/** The `.default` scope of an ARM endpoint, e.g. https://management.azure.com/.default (national clouds: their own host). */
export function armScope(resourceManagerUrl: string): string {
  return `${new URL(resourceManagerUrl).origin}/.default`;
}

/** Tokens from one credential per tenant (TenantCredentials fits); the auxiliary token is added for any tenant but the partner's. */
export function crossTenantTokenSource(credentialFor: (tenantId: string) => TokenCredential, partnerTenantId: string, scope: string): AzureSupportTokenSource {
  const tokenOf = async (tenantId: string): Promise<string> => {
    const token = await credentialFor(tenantId).getToken(scope);
    if (!token) throw new TokenAcquisitionError(tenantId, 'unavailable');
    return token.token;
  };
  return {
    async headersFor(tenantId): Promise<Record<string, string>> {
      const primary = await tokenOf(tenantId);
      if (tenantId.toLowerCase() === partnerTenantId.toLowerCase()) return { Authorization: `Bearer ${primary}` };
      return { Authorization: `Bearer ${primary}`, 'x-ms-authorization-auxiliary': `Bearer ${await tokenOf(partnerTenantId)}` };
    },
  };
}
