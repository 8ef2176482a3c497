/**
 * Universal Actions on cases (`case.*`). Whatever the card says, each action reloads the case; the command router's
 * guard re-checks on the server the actor's tenant and role (see {@link CASE_GUARD}). A refusal answers with the
 * refreshed card and a line saying why, and changes nothing. Suspicious actions are logged as `security.*` events.
 */
import { audienceOf } from '../teams/audience';
import type { CardActionResult, VerbHandler } from '../teams/cardActions';
import { refusalText } from '../teams/commandRouter';
import { AGENT_ACTIONS, type Refusal, type VerbGuard } from '../teams/guard';
import type { Turn } from '../teams/turn';
import { senderName } from '../teams/senderName';
import { plainText } from '../text/plainText';
import { cardActivity } from '../teams/cardMessages';
import { resolveLocale, translator, type Locale } from '../i18n';
import { AGENT_GUARD } from './agentDesk';
import { caseCard, satisfactionCard } from './caseCards';
import type { CaseDeskDeps } from './caseDeps';
import type { CaseNotifier } from './caseNotifier';
import { MAX_COMMENT_CHARS, type Agent, type Case } from './caseModel';
import type { CaseAction } from './caseTransitions';

/** The verbs this handler owns. */
export const CASE_VERBS = ['case.take', 'case.wait', 'case.assign', 'case.resolve', 'case.refresh', 'case.rate'] as const;

function text(data: Record<string, unknown>, name: string): string {
  const value = data[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** A card action on a case from outside the partner tenant: answered as if the case did not exist. */
const FROM_OUTSIDE: Refusal = { event: 'security.caseActionFromOutside', message: 'cases.customer.notFound' };

export class CaseActions implements VerbHandler {
  readonly verbs = CASE_VERBS;
  /** Every verb but the customer's `case.rate` needs an agent of the partner tenant. */
  readonly guard: VerbGuard = {
    ...AGENT_GUARD,
    verbs: CASE_VERBS.filter((verb) => verb !== 'case.rate'),
    outsider: FROM_OUTSIDE,
    customerOf: async (_turn, _verb, data) => {
      const caseId = text(data, 'caseId');
      const c = caseId ? await this.deps.store.get(caseId) : undefined;
      return c ? { tenantId: c.tenantId, name: c.customerName } : undefined;
    },
    refused: (turn, verb, data, refusal) => this.refused(turn, verb, data, refusal),
  };

  constructor(private readonly deps: CaseDeskDeps, private readonly notifier: CaseNotifier) {}

  async handle(context: Turn, verb: string, data: Record<string, unknown>): Promise<CardActionResult> {
    const audience = audienceOf(context);
    const caseId = text(data, 'caseId');
    const t = translator(audience.locale);
    const c = caseId ? await this.deps.store.get(caseId) : undefined;
    if (verb === 'case.rate') return this.rate(context, c, data, audience.locale);
    if (!c) {
      this.security(context, 'security.unknownCase', verb, caseId);
      return { kind: 'message', text: t('cases.customer.notFound') };
    }
    const aadObjectId = context.activity.from.aadObjectId ?? '';
    const agent: Agent = { aadObjectId, name: await senderName(context, translator(resolveLocale(c.locale))('relay.someAgent'), this.deps.logger) };
    await this.deps.store.rememberAgent(agent, this.now());
    if (verb === 'case.refresh') return this.card(c, audience.locale);
    const action = await this.actionFor(verb, data, c);
    if ('refused' in action) return this.card(c, audience.locale, t(action.refused));
    const result = await this.deps.store.apply(c.id, action, { kind: 'agent', ...agent, ...(await this.roleOf(aadObjectId, c)) }, this.now());
    const latest = (await this.deps.store.get(c.id)) ?? c;
    if (!result || 'refused' in result) {
      const reason = result && 'refused' in result ? result.refused : 'closed';
      return this.card(latest, audience.locale, t(`cases.refused.${reason}`, { owner: latest.owner?.name ?? '' }));
    }
    await this.notifier.refreshThreadCard(result.case);
    await this.tellCustomer(result.case, action);
    return this.card(result.case, audience.locale);
  }

  /** A repeated agent action answers with the current card (same tenant and role checks), changing nothing. */
  async replay(context: Turn, verb: string, data: Record<string, unknown>): Promise<CardActionResult | undefined> {
    return verb === 'case.rate' ? undefined : this.handle(context, 'case.refresh', data);
  }

  /**
   * The answer to a refused action: "not found" from outside the partner tenant or for an unknown case, else the
   * reason as a message. Never the case card: the refused user may not read this customer's case.
   */
  private async refused(context: Turn, verb: string, data: Record<string, unknown>, refusal: Refusal): Promise<CardActionResult> {
    const { locale } = audienceOf(context);
    const caseId = text(data, 'caseId');
    const c = refusal === FROM_OUTSIDE || !caseId ? undefined : await this.deps.store.get(caseId);
    if (!c) return { kind: 'message', text: translator(locale)(FROM_OUTSIDE.message) };
    return { kind: 'message', text: refusalText(context, refusal) };
  }

  /** Whether the agent may work the case (the assignee of `case.assign`): for its customer when an authorizer is given. */
  private async mayWork(aadObjectId: string, c: Case): Promise<boolean> {
    const { authorizer, roles } = this.deps;
    if (!authorizer) return roles.isAllowedAgent(aadObjectId);
    return (await authorizer.authorize(aadObjectId, { action: AGENT_ACTIONS.cases, customerTenantId: c.tenantId })) === 'allowed';
  }

  private async actionFor(verb: string, data: Record<string, unknown>, c: Case): Promise<CaseAction | { refused: string }> {
    if (verb === 'case.take') return { kind: 'take' };
    if (verb === 'case.wait') return { kind: 'waitForCustomer' };
    if (verb === 'case.resolve') return { kind: 'resolve', summary: text(data, 'summary') };
    const to = text(data, 'assignToId') || text(data, 'assignTo');
    if (verb === 'case.assign' && to !== '' && (await this.mayWork(to, c))) {
      const known = (await this.deps.store.agents()).find((agent) => agent.aadObjectId === to);
      return { kind: 'assign', to: known ?? { aadObjectId: to, name: to } };
    }
    return { refused: 'cases.refused.assigneeLacksRole' };
  }

  /** The GDAP role that allows the agent to work this case, to name on the card; nothing when partner-wide or legacy DAP. */
  private async roleOf(aadObjectId: string, c: Case): Promise<{ role?: string }> {
    const grant = await this.deps.authorizer?.grantOf?.(aadObjectId, { action: AGENT_ACTIONS.cases, customerTenantId: c.tenantId });
    return grant?.via === 'gdap' ? { role: grant.roleName } : {};
  }

  private async tellCustomer(c: Case, action: CaseAction): Promise<void> {
    const locale = resolveLocale(c.locale);
    const t = translator(locale);
    if (action.kind === 'take' || action.kind === 'assign') {
      await this.notifier.toCustomer(c, { type: 'message', text: t('cases.customer.taken', { agent: plainText(c.owner?.name ?? ''), id: c.id }) });
    } else if (action.kind === 'waitForCustomer') {
      await this.notifier.toCustomer(c, { type: 'message', text: t('cases.customer.waiting', { agent: plainText(c.owner?.name ?? ''), id: c.id }) });
    } else if (action.kind === 'resolve') {
      await this.notifier.toCustomer(c, { type: 'message', text: t('cases.customer.resolved', { id: c.id, summary: plainText(c.resolution?.summary ?? '') }) });
      await this.notifier.toCustomer(c, cardActivity(satisfactionCard(c, locale)));
    }
  }

  /** A customer's rating: only on their own case, from their own conversation; anything else reveals nothing. */
  private async rate(context: Turn, c: Case | undefined, data: Record<string, unknown>, locale: Locale): Promise<CardActionResult> {
    const audience = audienceOf(context);
    const t = translator(locale);
    if (!c || audience.kind !== 'customer' || c.tenantId !== audience.tenantId || c.customerConversationId !== context.activity.conversation.id) {
      this.security(context, 'security.caseTenantMismatch', 'case.rate', c?.id ?? text(data, 'caseId'));
      return { kind: 'message', text: t('cases.customer.notFound') };
    }
    const from = context.activity.from;
    const action: CaseAction = { kind: 'rate', score: Number(text(data, 'score')), comment: text(data, 'comment') };
    const result = await this.deps.store.apply(c.id, action, { kind: 'customer', aadObjectId: from.aadObjectId, name: from.name ?? '' }, this.now());
    if (!result || 'refused' in result) return { kind: 'message', text: t(`cases.refused.${result && 'refused' in result ? result.refused : 'closed'}`, { max: MAX_COMMENT_CHARS }) };
    const agentsT = translator(this.notifier.agentsLocale);
    await this.notifier.postToThread(result.case, agentsT('cases.agent.rated', { score: action.score, comment: plainText(action.comment ?? '') }));
    return { kind: 'message', text: t('cases.satisfaction.thanks', { id: c.id }) };
  }

  private async card(c: Case, locale: Locale, notice = ''): Promise<CardActionResult> {
    return { kind: 'card', card: caseCard(c, locale, { notice, agents: await this.deps.store.agents() }).card };
  }

  private security(context: Turn, event: string, verb: string, caseId: string): void {
    const activity = context.activity;
    this.deps.logger.warn({ event, verb, caseId, tenantId: audienceOf(context).tenantId, aadObjectId: activity.from.aadObjectId }, 'case action refused');
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}
