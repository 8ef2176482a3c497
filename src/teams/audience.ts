import { Channels, type Activity } from 'botbuilder';
import type { Customer, CustomerDirectory } from '../directory/customerDirectory';
import { resolveLocale, type Locale } from '../i18n';
import { teamsLocaleOf, tenantClaimsOf, tenantOf } from './tenantOf';
import type { Turn } from './turn';

/** Who is speaking: a customer of the partner, someone of the partner itself, or a stranger. */
export type Audience =
  | { kind: 'customer'; tenantId: string; customer: Customer; locale: Locale }
  | { kind: 'partner'; tenantId: string; locale: Locale }
  | { kind: 'stranger'; tenantId: string | undefined; locale: Locale };

/**
 * Why an activity cannot be trusted to say which tenant it comes from, whatever tenant it names: it did not come
 * through Teams (a Web Chat or Direct Line client writes its own `channelData`, so could name any customer's
 * tenant), or its two tenant fields disagree. The bot's own proactive turns carry the `msteams` channel and the
 * `conversation.tenantId` of the stored conversation reference, so they pass.
 */
export type Distrust =
  | { event: 'security.channelRefused'; channelId: string | undefined }
  | { event: 'security.tenantMismatch'; channelDataTenantId: string; conversationTenantId: string };

export function distrustOf(activity: Partial<Activity>): Distrust | undefined {
  if (activity.channelId !== Channels.Msteams) return { event: 'security.channelRefused', channelId: activity.channelId };
  const claims = tenantClaimsOf(activity);
  if (claims.channelData && claims.conversation && claims.channelData !== claims.conversation) {
    return { event: 'security.tenantMismatch', channelDataTenantId: claims.channelData, conversationTenantId: claims.conversation };
  }
  return undefined;
}

export function classifyAudience(activity: Partial<Activity>, directory: CustomerDirectory, partnerTenantId: string): Audience {
  const tenantId = tenantOf(activity);
  const locale = resolveLocale(teamsLocaleOf(activity));
  if (tenantId && tenantId === partnerTenantId) return { kind: 'partner', tenantId, locale };
  const customer = directory.find(tenantId);
  if (customer && tenantId) return { kind: 'customer', tenantId, customer, locale };
  return { kind: 'stranger', tenantId, locale };
}

const AUDIENCE = Symbol('audience');

export function setAudience(context: Turn, audience: Audience): void {
  context.turnState.set(AUDIENCE, audience);
}

/** The audience the tenant gate classified for this turn. */
export function audienceOf(context: Turn): Audience {
  const audience = context.turnState.get(AUDIENCE) as Audience | undefined;
  if (!audience) throw new Error('audience not set: TenantGate must run first');
  return audience;
}
