import { withTenant, type StoredReference } from '../teams/conversationReferences';
import type { AgentsChannel } from '../cases/caseStore';

/** The agents' channel (kept by the case desk) as the stored reference notifications are sent to. */
export function agentsChannelReference(channel: AgentsChannel | undefined, partnerTenantId: string): StoredReference | undefined {
  if (!channel) return undefined;
  return {
    tenantId: partnerTenantId,
    conversationId: channel.channelId,
    scope: 'channel',
    reference: withTenant(channel.reference, partnerTenantId),
    teamId: channel.teamId,
    locale: channel.locale,
    installedAt: channel.updatedAt,
    updatedAt: channel.updatedAt,
  };
}
