/**
 * The agents' side in the partner team: `queue`, `case <n>`, `use this channel`, and relay from a case thread to
 * the customer (`/note` stays internal). Every action needs an agent role, checked by the command router's guard;
 * commands that show cases answer only in the agents' channel and in personal chats, and only an agent chooses the
 * agents' channel.
 */
import type { CommandRouter } from '../teams/commandRouter';
import { AGENT_ACTIONS, type CustomerRef, type Guard, type Refusal } from '../teams/guard';
import type { Activity, ConversationReference, Turn } from '../teams/turn';
import { audienceOf } from '../teams/audience';
import { referenceOf } from '../teams/conversationReferences';
import { senderName } from '../teams/senderName';
import { sendCard } from '../teams/replies';
import { normalizeAgentActivity, splitNote } from '../teams/teamsText';
import { translator } from '../i18n';
import { channelIdOf, teamIdOf } from './agentPlaces';
import { caseCard } from './caseCards';
import type { CaseDeskDeps } from './caseDeps';
import type { Agent, Case } from './caseModel';
import { parseCaseId, relaySourceId } from './caseModel';
import type { CaseThreads } from './caseThreads';
import { queuePage } from './queuePage';
import type { RelayDeliverer } from './relayDelivery';

/** A partner user without an agent role: told so, logged as `security.roleDenied`. */
export const LACKS_ROLE: Refusal = { event: 'security.roleDenied', message: 'cases.refused.lacksRole' };

/** Choosing the agents' channel, where every customer's case threads go: an agent of every customer. */
const ALL_CUSTOMERS_ONLY: Refusal = { event: 'security.roleDenied', message: 'cases.refused.allCustomersOnly' };

/** Acting on cases from the partner tenant: an agent role. */
export const AGENT_GUARD: Guard = { audience: 'partner', requires: AGENT_ACTIONS.cases, refusal: LACKS_ROLE };

/** Showing cases: an agent role, and only where agents work. */
const AGENT_IN_PLACE: Guard = { ...AGENT_GUARD, agentsPlaceOnly: true };

function formatDue(c: Case): string {
  return `${c.slaDueAt.slice(0, 16).replace('T', ' ')} UTC`;
}

export class AgentDesk {
  private guard: CommandRouter | undefined;

  constructor(private readonly deps: CaseDeskDeps, private readonly relays: RelayDeliverer, private readonly threads: CaseThreads) {}

  /**
   * Registers `queue`, `case <n>` and `use this channel` (commands even in a case thread), and keeps the router as
   * the guard of the relay from case threads.
   */
  registerCommands(router: CommandRouter): void {
    this.guard = router;
    router
      .register({ command: 'queue', ...AGENT_IN_PLACE, inThreads: true, run: async (turn, command) => { await this.agentOf(turn); await this.queue(turn, router, command.page); } })
      .register({
        command: 'case', ...AGENT_IN_PLACE, inThreads: true,
        customerOf: (_turn, command) => this.customerOfCase(parseCaseId(command.caseNumber)),
        run: async (turn, command) => { await this.agentOf(turn); await this.showCase(turn, command.caseNumber); },
      })
      .register({ command: 'useThisChannel', ...AGENT_GUARD, allCustomers: ALL_CUSTOMERS_ONLY, inThreads: true, run: async (turn) => this.useThisChannel(turn, await this.agentOf(turn)) });
  }

  /** The case whose thread in the agents' channel this message was posted in, if any. */
  async caseOfThread(turn: Turn): Promise<Case | undefined> {
    const conversationId = turn.activity.conversation.id;
    return conversationId.includes(';messageid=') ? this.deps.store.byThread(conversationId) : undefined;
  }

  /**
   * A message (or its edit, undelete, delete) in a case thread, relayed to the customer once the router's guard
   * admitted the sender (an agent role; refused when no router was registered). False when not in a case thread.
   */
  async relayFromThread(turn: Turn): Promise<boolean> {
    if (audienceOf(turn).kind !== 'partner') return false;
    normalizeAgentActivity(turn.activity);
    const threadCase = await this.caseOfThread(turn);
    if (!threadCase) return false;
    const customer = { tenantId: threadCase.tenantId, name: threadCase.customerName };
    if (!this.guard || !(await this.guard.admits(turn, AGENT_GUARD, { command: 'relay', caseId: threadCase.id }, async () => customer))) return true;
    await this.relay(turn, threadCase, await this.agentOf(turn));
    return true;
  }

  private async customerOfCase(caseId: string | undefined): Promise<CustomerRef | undefined> {
    const c = caseId ? await this.deps.store.get(caseId) : undefined;
    return c ? { tenantId: c.tenantId, name: c.customerName } : undefined;
  }

  private channelFrom(activity: Activity, channelId: string): Parameters<CaseDeskDeps['store']['setAgentsChannel']>[0] {
    const reference = referenceOf(activity);
    return {
      channelId,
      teamId: teamIdOf(activity),
      reference: { ...reference, conversation: { ...reference.conversation, id: channelId } as ConversationReference['conversation'] },
      locale: activity.locale,
      updatedAt: new Date().toISOString(),
    };
  }

  /** The agent the guard admitted, as cases name them (remembered for the assign list, with their personal chat). */
  private async agentOf(turn: Turn): Promise<Agent> {
    const { from, conversation } = turn.activity;
    const agent = { aadObjectId: from.aadObjectId ?? '', name: await senderName(turn, translator(audienceOf(turn).locale)('relay.someAgent'), this.deps.logger) };
    await this.deps.store.rememberAgent(agent, new Date(), conversation.conversationType === 'personal' ? conversation.id : undefined);
    return agent;
  }

  /** The open cases of the customers the agent may serve, a page at a time. */
  private async queue(context: Turn, router: CommandRouter, requested?: number): Promise<void> {
    const t = translator(audienceOf(context).locale);
    const now = Date.now();
    const customers = await router.customersFor(context, AGENT_ACTIONS.cases);
    const open = (await this.deps.store.openCases()).filter((c) => customers === 'all' || customers.has(c.tenantId.toLowerCase()));
    const { items, page, pages } = queuePage(open, requested);
    const lines = items.map((c) => t('cases.agent.queueLine', {
      id: c.id, customer: c.customerName, severity: t(`cases.severity.${c.triage.severity}`), state: t(`cases.state.${c.state}`),
      due: formatDue(c), breach: c.state === 'new' && Date.parse(c.slaDueAt) <= now ? t('cases.agent.breached') : '',
    }));
    if (pages > 1) lines.push(page < pages ? t('cases.agent.queueMore', { page, pages, next: page + 1 }) : t('cases.agent.queueLast', { page, pages }));
    await context.sendActivity({ type: 'message', text: lines.length > 0 ? lines.join('\n\n') : t('cases.agent.queueEmpty'), textFormat: 'plain' });
  }

  private async showCase(context: Turn, typed: string): Promise<void> {
    const { locale } = audienceOf(context);
    const caseId = parseCaseId(typed);
    const c = caseId ? await this.deps.store.get(caseId) : undefined;
    if (!c) {
      await context.sendActivity(translator(locale)('cases.agent.notFound', { id: caseId ?? typed }));
      return;
    }
    await sendCard(context, caseCard(c, locale, { agents: await this.deps.store.agents() }));
  }

  private async useThisChannel(context: Turn, agent: Agent): Promise<void> {
    const t = translator(audienceOf(context).locale);
    const channelId = channelIdOf(context.activity);
    if (context.activity.conversation.conversationType !== 'channel' || !channelId) {
      await context.sendActivity(t('cases.agent.noChannel'));
      return;
    }
    await this.deps.store.setAgentsChannel({ ...this.channelFrom(context.activity, channelId), setBy: agent.aadObjectId });
    this.deps.logger.info({ event: 'cases.agentsChannelSet', channelId, by: agent.aadObjectId }, 'agents channel chosen');
    await context.sendActivity(t('cases.agent.channelSet'));
    const posted = await this.threads.postWaiting();
    if (posted > 0) this.deps.logger.info({ event: 'cases.waitingPosted', channelId, count: posted }, 'cases that waited without a channel posted');
  }

  private async relay(context: Turn, c: Case, agent: Agent): Promise<void> {
    const t = translator(audienceOf(context).locale);
    const { internal, text } = splitNote(context.activity.text ?? '');
    if (text === '') return;
    const now = new Date();
    const result = await this.deps.store.apply(c.id, { kind: 'agentMessage', text, internal, sourceId: relaySourceId(context) }, { kind: 'agent', ...agent }, now);
    if (!result) return;
    if ('refused' in result) {
      if (result.refused !== 'duplicate') await context.sendActivity(t(`cases.refused.${result.refused}`, { owner: result.owner?.name }));
      return;
    }
    if (internal) {
      // Said once, to the agent who typed it; an edit or a delete recorded as a note says nothing.
      if (context.activity.type === 'message') await context.sendActivity(t('cases.agent.noteKept'));
      return;
    }
    const delivered = await this.relays.deliver(result.case, result.case.transcript.length - 1, now);
    if (!delivered) await context.sendActivity(t('cases.agent.notDelivered'));
  }
}
