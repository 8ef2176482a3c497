import type { Activity } from 'botbuilder';

/** The Entra tenant an activity comes from (Teams puts it in conversation and in channelData). */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  const fromConversation = activity.conversation?.tenantId;
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromChannelData = typeof channelData?.tenant?.id === 'string' ? channelData.tenant.id : undefined;
  const tenant = fromChannelData ?? fromConversation;
  return tenant ? tenant.toLowerCase() : undefined;
}

/** The Teams locale of an activity: the activity's own, else the clientInfo entity's. */
export function teamsLocaleOf(activity: Partial<Activity>): string | undefined {
  if (activity.locale) return activity.locale;
  const clientInfo = activity.entities?.find((e) => e.type === 'clientInfo') as { locale?: unknown } | undefined;
  return typeof clientInfo?.locale === 'string' ? clientInfo.locale : undefined;
}
