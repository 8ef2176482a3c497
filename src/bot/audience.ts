import type { Activity, TurnContext } from 'botbuilder';
import type { Customer, CustomerDirectory } from '../directory/customerDirectory';
import { resolveLocale, type Locale } from '../i18n';
import { teamsLocaleOf, tenantOf } from './tenantOf';

/** Who is speaking: a customer of the partner, someone of the partner itself, or a stranger. */
export type Audience =
  | { kind: 'customer'; tenantId: string; customer: Customer; locale: Locale }
  | { kind: 'partner'; tenantId: string; locale: Locale }
  | { kind: 'stranger'; tenantId: string | undefined; locale: Locale };

export function classifyAudience(activity: Partial<Activity>, directory: CustomerDirectory, partnerTenantId: string): Audience {
  const tenantId = tenantOf(activity);
  const locale = resolveLocale(teamsLocaleOf(activity));
  if (tenantId && tenantId === partnerTenantId) return { kind: 'partner', tenantId, locale };
  const customer = directory.find(tenantId);
  if (customer && tenantId) return { kind: 'customer', tenantId, customer, locale };
  return { kind: 'stranger', tenantId, locale };
}

const AUDIENCE = Symbol('audience');

export function setAudience(context: TurnContext, audience: Audience): void {
  context.turnState.set(AUDIENCE, audience);
}

/** The audience the tenant gate classified for this turn. */
export function audienceOf(context: TurnContext): Audience {
  const audience = context.turnState.get<Audience | undefined>(AUDIENCE);
  if (!audience) throw new Error('audience not set: TenantGate must run first');
  return audience;
}
