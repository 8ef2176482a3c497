/**
 * Which Microsoft route an escalation takes, per the seed's rules. Pure.
 * - Commercial problems (billing, subscription management) → a Partner Center service request, for every CSP partner.
 * - Problems in an Azure subscription → an Azure support ticket (`Microsoft.Support/supportTickets`) on that subscription
 *   (the agent picks one of the customer's subscriptions on the proposal when the case does not tell which). A customer
 *   with no subscription in the directory gets no Azure ticket: the agent is told why.
 * - Other technical problems → a Partner Center service request only through a Premier, Advanced or Signature entitlement;
 *   without one the agent is told the route instead of a request being filed.
 */
import type { Triage } from '../problem/triageModel';
import type { Translate } from '../i18n';

export type TechnicalEntitlement = 'premier' | 'advanced' | 'signature' | 'none';
export type ProblemCategory = 'billing' | 'subscriptionManagement' | 'technical';

export interface RouteInput {
  category: ProblemCategory;
  entitlement: TechnicalEntitlement;
  /**
   * Set when the problem is in Azure: the customer's subscription it is in, when one could be picked, and whether the
   * directory lists any subscription of the customer at all.
   */
  azure?: { subscriptionId?: string; subscriptionsListed: boolean };
}

export type EscalationRoute =
  | { kind: 'partnerCenter'; basis: 'commercial' }
  | { kind: 'partnerCenter'; basis: 'entitlement'; entitlement: Exclude<TechnicalEntitlement, 'none'> }
  | { kind: 'azureSupportTicket'; subscriptionId?: string }
  | { kind: 'explainOnly'; reason: 'noTechnicalEntitlement' | 'noAzureSubscription' };

/** Decides the route. */
export function chooseRoute(input: RouteInput): EscalationRoute {
  if (input.category !== 'technical') return { kind: 'partnerCenter', basis: 'commercial' };
  if (input.azure) {
    if (!input.azure.subscriptionsListed) return { kind: 'explainOnly', reason: 'noAzureSubscription' };
    return { kind: 'azureSupportTicket', ...(input.azure.subscriptionId === undefined ? {} : { subscriptionId: input.azure.subscriptionId }) };
  }
  if (input.entitlement === 'none') return { kind: 'explainOnly', reason: 'noTechnicalEntitlement' };
  return { kind: 'partnerCenter', basis: 'entitlement', entitlement: input.entitlement };
}

/** Whether the route files a Partner Center service request. */
export function filesServiceRequest(route: EscalationRoute): boolean {
  return route.kind === 'partnerCenter';
}

const BILLING = /\b(bill(s|ing)?|invoices?|factur\w*|charges?|payments?|paiements?|refunds?|rembourse\w*|credit card|carte bancaire)\b/i;
const SUBSCRIPTION = /\b(subscriptions?|abonnements?|licen[cs]es?|seats?|renewals?|renouvel\w*|orders?|commandes?)\b/i;
/** Azure, but not the Microsoft 365 services named after it (Azure AD is Entra ID, Azure Information Protection is Purview). */
const AZURE = /\bazure\b(?!\s+(ad|active directory|information protection)\b)/i;
const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Reads the category from the triage's words (the agent may override it on the card). */
export function categorize(triage: Pick<Triage, 'service' | 'description'>): ProblemCategory {
  if (BILLING.test(triage.description)) return 'billing';
  if (SUBSCRIPTION.test(triage.description) && !AZURE.test(`${triage.service} ${triage.description}`)) return 'subscriptionManagement';
  return 'technical';
}

/**
 * The Azure subscription a technical problem is in: one of the customer's subscription ids named in the
 * description, else the only one when the problem is about Azure. `id` is absent when none can be picked.
 */
export function azureSubscriptionOf(triage: Pick<Triage, 'service' | 'description'>, subscriptionIds: readonly string[]): { id?: string; isAzure: boolean } {
  const known = new Set(subscriptionIds.map((id) => id.toLowerCase()));
  const named = (triage.description.match(GUID) ?? []).map((id) => id.toLowerCase()).find((id) => known.has(id));
  if (named) return { id: named, isAzure: true };
  const isAzure = AZURE.test(`${triage.service} ${triage.description}`);
  const only = subscriptionIds.length === 1 ? subscriptionIds[0] : undefined;
  return isAzure && only !== undefined ? { id: only, isAzure } : { isAzure };
}

/** The route, explained to the agent in their language. */
export function explainRoute(route: EscalationRoute, t: Translate): string {
  switch (route.kind) {
    case 'partnerCenter':
      return route.basis === 'commercial'
        ? t('escalation.route.commercial')
        : t('escalation.route.entitlement', { entitlement: t(`escalation.entitlement.${route.entitlement}`) });
    case 'azureSupportTicket':
      return route.subscriptionId === undefined ? t('escalation.route.azurePick') : t('escalation.route.azure', { subscriptionId: route.subscriptionId });
    case 'explainOnly':
      return t(`escalation.route.${route.reason}`);
  }
}
