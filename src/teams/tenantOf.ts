import type { Activity } from 'botbuilder';

/** The two places a Teams activity states its Entra tenant, lower-cased; either may be missing. */
export interface TenantClaims {
  /** `channelData.tenant.id`: what Teams sets on every inbound activity. */
  channelData: string | undefined;
  /** `conversation.tenantId`: also on the bot's own proactive turns, built from stored conversation references. */
  conversation: string | undefined;
}

export function tenantClaimsOf(activity: Partial<Activity>): TenantClaims {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromChannelData = typeof channelData?.tenant?.id === 'string' && channelData.tenant.id ? channelData.tenant.id : undefined;
  const fromConversation = typeof activity.conversation?.tenantId === 'string' && activity.conversation.tenantId ? activity.conversation.tenantId : undefined;
  return { channelData: fromChannelData?.toLowerCase(), conversation: fromConversation?.toLowerCase() };
}

/**
 * The Entra tenant an activity comes from: `channelData.tenant.id`, else `conversation.tenantId`. The only place
 * the tenant is read; the tenant gate has already refused an activity where both are present and differ.
 */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  const claims = tenantClaimsOf(activity);
  return claims.channelData ?? claims.conversation;
}

/** The Teams locale of an activity: the activity's own, else the clientInfo entity's. */
export function teamsLocaleOf(activity: Partial<Activity>): string | undefined {
  if (activity.locale) return activity.locale;
  const clientInfo = activity.entities?.find((e) => e.type === 'clientInfo') as { locale?: unknown } | undefined;
  return typeof clientInfo?.locale === 'string' ? clientInfo.locale : undefined;
}
